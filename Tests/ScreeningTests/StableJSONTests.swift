import DossierModel
import ESPD
import Foundation
import TestSupport
import Testing

@testable import Screening

/// Dossiers are stored with their SHA-256, so the bytes of the JSON must not change when the
/// encoder does: StableJSON must write exactly what JSONEncoder wrote.
@Suite("Stable JSON")
struct StableJSONTests {
    static func foundation<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    struct Edges: Encodable {
        var emptyList: [Int] = []
        var emptyMap: [String: Int] = [:]
        var numbers = [1.0, 0.1, 1e-7, 12345678901.5, 5_538_000, -0.0, 1e21, 2.5e-300, 0.30000000000000004]
        var float: Float = 0.1
        var integers = [Int.min, 0, Int.max]
        var text = "é/\"\\\n\r\t\u{8}\u{C}\u{1}\u{1F}\u{7F}\u{2028} 😀 e\u{301}"
        var absent: String? = nil
        var present: String? = "x"
        var keys = ["B": 1, "a": 2, "a10": 3, "a9": 4, "_x": 5, "é": 6, "z": 7, "": 8]
        var nested: [[String: [Bool?]]] = [["k": [true, nil, false]], [:]]
        var data = Data([0, 1, 2, 255])
        var date = Date(timeIntervalSinceReferenceDate: 123456.5)
        var url = URL(string: "https://example.org/a b")
    }

    @Test("numbers, escapes, empty containers, key order and Foundation types come out as JSONEncoder writes them")
    func edges() throws {
        #expect(try StableJSON.string(Edges()) == Self.foundation(Edges()))
        #expect(try StableJSON.string([Edges(), Edges()]) == Self.foundation([Edges(), Edges()]))
        #expect(try StableJSON.string("top") == Self.foundation("top"))
    }

    /// What `Edges` must give, byte for byte, whatever Foundation's encoder does in a later release:
    /// stored dossiers are hashed, so these bytes are the format.
    static let edgesGolden = #"""
        {
          "data" : "AAEC/w==",
          "date" : 123456.5,
          "emptyList" : [

          ],
          "emptyMap" : {

          },
          "float" : 0.1,
          "integers" : [
            -9223372036854775808,
            0,
            9223372036854775807
          ],
          "keys" : {
            "" : 8,
            "B" : 1,
            "_x" : 5,
            "a" : 2,
            "a10" : 3,
            "a9" : 4,
            "z" : 7,
            "\#u{E9}" : 6
          },
          "nested" : [
            {
              "k" : [
                true,
                null,
                false
              ]
            },
            {

            }
          ],
          "numbers" : [
            1,
            0.1,
            1e-07,
            12345678901.5,
            5538000,
            -0,
            1e+21,
            2.5e-300,
            0.30000000000000004
          ],
          "present" : "x",
          "text" : "\#u{E9}/\"\\\n\r\t\b\f\u0001\u001f\#u{7F}\#u{2028} \#u{1F600} e\#u{301}",
          "url" : "https://example.org/a%20b"
        }
        """#

    @Test("numbers, escapes, empty containers and key order give the pinned bytes (golden), not only what JSONEncoder gives today")
    func golden() throws {
        #expect(try StableJSON.string(Edges()) == Self.edgesGolden)
        #expect(Array(try StableJSON.data(Edges())) == Array(Self.edgesGolden.utf8))
    }

    @Test("a number JSON cannot carry is an error, not text")
    func nonFinite() {
        #expect(throws: EncodingError.self) { try StableJSON.string([Double.nan]) }
        #expect(throws: EncodingError.self) { try StableJSON.string([Double.infinity]) }
    }

    @Test(
        "every readable corpus ESPD, as read and redacted, gives the same bytes as JSONEncoder",
        .enabled(if: Paths.hasCorpus, Paths.corpusMissing))
    func corpus() throws {
        var compared = 0
        for entry in try ManifestEntry.load() where entry.isWellFormed {
            guard let document = try? ESPDParser.read(contentsOf: Paths.corpusFile(entry.localPath)) else { continue }
            #expect(try StableJSON.string(document) == Self.foundation(document), "\(entry.localPath)")
            #expect(
                try StableJSON.string(document.redactingPersonalData()) == Self.foundation(document.redactingPersonalData()),
                "\(entry.localPath)")
            compared += 1
        }
        #expect(compared > 60)
    }

    @Test("the sample tender's dossiers give the same bytes as JSONEncoder")
    func dossiers() throws {
        let job = try ScreeningJob.plan(paths: [Fixtures.sample], tenderFile: nil)
        #expect(job.bidderLocations.count == 4)
        for location in job.bidderLocations {
            let submission = try Submission.load(location)
            let context = ScreeningContext(
                submission: submission, tender: Fixtures.tender, tenderFilePath: Fixtures.tenderPath, request: nil,
                rules: Fixtures.rules, sanctions: Fixtures.sanctions)
            let dossier = Screener().dossier(context, now: Date(timeIntervalSince1970: 1_790_000_000))
            #expect(!dossier.findings.isEmpty || location.contains("zonnebouw"))
            #expect(try StableJSON.string(dossier) == Self.foundation(dossier), "\(location)")
        }
    }
}
