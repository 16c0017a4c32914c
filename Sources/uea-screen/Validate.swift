import ArgumentParser
import Basics
import ESPD
import Foundation
import SafeXML

struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Validate ESPD/UEA files against the official XML Schemas of the EDM release each declares.",
        discussion: """
            The schemas are the official ones of each release (schemas/espd/, with MANIFEST.tsv naming \
            source, tag and SHA-256), read only from there: never from a URL or path in the document. \
            One line per schema error: FILE:LINE: what the schema expects there. A file that is not \
            valid against its own declared schema was hand-edited, produced by a broken tool or tampered \
            with; `screen` reports it as espd.schema-invalid and goes on screening.

            Examples:
              uea-screen validate bidders/3-sunrise-pv-trading/espd.xml
              uea-screen validate --format json *.xml

            Exit codes: 0 every file valid, 1 at least one file invalid, 2 a file unreadable, not an ESPD \
            or of a release that cannot be told, 64 usage error.
            """)

    @Argument(help: "ESPD/UEA XML files (requests or responses); - reads one from standard input.") var files: [String]
    @Option(help: "Output format: text or json.") var format: Inspect.Format = .text
    @Option(help: "The schemas folder (default: schemas/espd of the installation).") var schemas: String?
    @Option(help: "Refuse files larger than this many bytes.") var maxBytes: Int = ParseLimits.defaultMaxBytes

    func validate() throws {
        if maxBytes <= 0 { throw ValidationError("--max-bytes must be positive") }
        try StandardInput.checkOnce(files)
        if let schemas, !FileManager.default.fileExists(atPath: (schemas as NSString).appendingPathComponent("MANIFEST.tsv")) {
            throw ValidationError("--schemas \(schemas) is not an ESPD schemas folder (it has no MANIFEST.tsv)")
        }
    }

    func run() throws {
        try runCommand {
            guard let directory = schemas ?? ESPDSchemas.defaultDirectory() else {
                throw CommandFailure.refused("schemas/espd not found; pass --schemas DIR")
            }
            let validator = ESPDSchemas.Validator(directory: directory)
            var results: [ESPDSchemas.Validation] = []
            var unreadable = false
            for file in files {
                do {
                    let name = file == "-" ? StandardInput.name : file
                    let bytes = try XMLDocument.readBounded(path: file, name: name, limit: maxBytes)
                    let document = try ESPDParser.read(
                        bytes: bytes, sourceName: name, limits: ParseLimits(maxBytes: maxBytes), requestDocument: nil,
                        validator: validator)
                    guard let result = document.schemaValidation else {
                        throw CommandFailure.refused(
                            "\(file): the EDM release cannot be told (namespace \(document.namespaces.rawValue), version \(document.version ?? "none")); nothing to validate against"
                        )
                    }
                    results.append(result)
                    if format == .text {
                        for problem in result.problems { print(DisplayText.oneLine("\(name):\(problem.line): \(problem.message)")) }
                        if result.total > result.problems.count {
                            print("\(name): \(result.total - result.problems.count) more schema errors")
                        }
                        print(
                            DisplayText.oneLine(
                                "\(name): \(result.valid ? "valid" : "INVALID (\(result.total) schema errors)") against EDM \(result.release.set.dropFirst(4)) \(result.release.file)"
                            ))
                    }
                } catch let failure as CommandFailure {
                    unreadable = true
                    if case .refused(let message) = failure { Diagnostics.report(message) }
                } catch {
                    unreadable = true
                    Diagnostics.report("\(error)")
                }
            }
            if format == .json { print(try JSONOutput.string(results)) }
            if unreadable { throw CommandFailure.refusedAsReported }
            if results.contains(where: { !$0.valid }) { throw CommandFailure.findings }
        }
    }
}
