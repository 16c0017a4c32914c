import DossierModel
import ESPD
import Foundation

// Reads each ESPD file given and prints its generation, kind, criteria and SHA-256.
var status: Int32 = 0
for path in CommandLine.arguments.dropFirst() {
    do {
        let document = try ESPDParser.read(contentsOf: path)
        let hash = SHA256.hex(try Data(contentsOf: URL(fileURLWithPath: path)))
        print(
            "\(path): \(document.generation.rawValue) \(document.kind.rawValue), \(document.criteria.count) criteria, sha256 \(hash.prefix(12))"
        )
    } catch {
        FileHandle.standardError.write(Data("\(path): \(error)\n".utf8))
        status = 2
    }
}
exit(status)
