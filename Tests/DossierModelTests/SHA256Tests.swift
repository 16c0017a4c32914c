import DossierModel
import Foundation
import TestSupport
import Testing

@Suite("SHA-256")
struct SHA256Tests {
    @Test("FIPS 180-2 test vectors")
    func vectors() {
        #expect(SHA256.hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(
            SHA256.hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(
            SHA256.hex(Data(repeating: UInt8(ascii: "a"), count: 1_000_000))
                == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test("a 1.1 MB ESPD hashes as sha256sum says", .enabled(if: Paths.hasCorpus, Paths.corpusMissing))
    func corpusFile() throws {
        let path = Paths.corpusFile("edm-v4.1.0/ESPD-Response.xml")
        guard let sha256sum = which("sha256sum") else { return }
        let expected = try run(sha256sum, [path]).stdout.split(separator: " ").first.map(String.init)
        #expect(SHA256.hex(try Data(contentsOf: URL(fileURLWithPath: path))) == expected)
    }
}
