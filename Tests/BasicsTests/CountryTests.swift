import Foundation
import TestSupport
import Testing

@testable import Basics

@Suite struct CountryTests {
    /// Every way the adversarial-bidder review wrote Russia reads as RU; so do the other generations'
    /// codes and the Dutch names a jurist types.
    @Test(arguments: [
        ("RU", "RU"), ("ru", "RU"), (" RU", "RU"), ("RU\u{200B}", "RU"), ("RUS", "RU"), ("643", "RU"), ("Russia", "RU"),
        ("Rusland", "RU"), ("Russian Federation", "RU"), ("russische federatie", "RU"), ("Россия", "RU"),
        ("NLD", "NL"), ("Nederland", "NL"), ("the Netherlands", "NL"), ("Holland", "NL"), ("528", "NL"),
        ("China", "CN"), ("CHN", "CN"), ("Volksrepubliek China", "CN"), ("P.R. China", "CN"), ("中国", "CN"),
        ("EL", "GR"), ("UK", "GB"), ("Verenigd Koninkrijk", "GB"), ("Türkiye", "TR"), ("turkiye", "TR"), ("Turkije", "TR"),
        ("Korea, Republic of", "KR"), ("Republic of Korea", "KR"), ("Zuid-Korea", "KR"), ("Noord-Korea", "KP"),
        ("Belgique", "BE"), ("België", "BE"), ("Duitsland", "DE"), ("U.S.A.", "US"), ("Côte d'Ivoire", "CI"),
        ("Ivoorkust", "CI"), ("Kosovo", "XK"), ("Wit-Rusland", "BY"),
    ])
    func readsAsWritten(text: String, alpha2: String) {
        #expect(Country(reading: text)?.alpha2 == alpha2, "\(text)")
    }

    @Test(arguments: ["", "XX", "Atlantis", "R", "Europe", "EU", "Siberia", "RUSS", "00", "Xinjiang"])
    func notACountry(text: String) {
        #expect(Country(reading: text) == nil)
        #expect(Country.reading(text) == .unknown)
        #expect(Country.problem(with: text)?.contains("is not a country") == true)
    }

    /// A name for two countries is never read as either: the bidder must write the code.
    @Test func ambiguousNames() {
        #expect(Country.reading("Korea") == .ambiguous(["KR", "KP"]))
        #expect(Country.reading("congo") == .ambiguous(["CG", "CD"]))
        #expect(Country.problem(with: "Korea") == "'Korea' stands for more than one country (KR, KP); write its ISO 3166 code")
        #expect(Country(reading: "CG")?.alpha2 == "CG")
    }

    /// No two countries share a folded code or name except the names listed as ambiguous: a new
    /// iso-codes release that adds a clash would otherwise silently read one country as another.
    @Test func noUnlistedClash() {
        let listed = Set(
            Country.generatedAmbiguousNames.split(separator: "\n").map {
                Country.folded(String($0.split(separator: ";")[0]))
            })
        #expect(Set(Country.table.ambiguous.keys).subtracting(listed).isEmpty, "\(Country.table.ambiguous)")
        #expect(Country.table.rows.count == 250)
        #expect(Country("RU").alpha3 == "RUS")
        #expect(Country("RU").numeric == "643")
        #expect(Country("RU").dutchName == "Rusland")
        #expect(Country("NL").englishName == "Netherlands")
    }

    /// ASCII text is folded without Foundation (building the table folded ~2,000 names through
    /// Foundation's folding: 75 M instructions at every start); it must fold exactly alike.
    @Test func asciiFoldingAsFoundation() {
        var texts = [
            " ru ", "R.U.", "U.S.A.", "Korea, Republic of", "the", "The Gambia", "theatre", "a\tb  c", "X I N J I A N G", "12-3", "",
        ]
        for line in Country.generatedTable.split(separator: "\n") {
            texts += line.split(separator: ";").map(String.init)
            texts += line.split(separator: "|").map(String.init)
        }
        var compared = 0
        for text in texts where text.utf8.allSatisfy({ $0 < 0x80 }) {
            #expect(Country.foldedASCII(text) == Country.foldedUnicode(text), "\(text)")
            compared += 1
        }
        #expect(compared > 1_000)
    }

    @Test func codableAsAlpha2() throws {
        let data = try JSONEncoder().encode(["c": Country(reading: "Rusland")])
        #expect(String(decoding: data, as: UTF8.self) == #"{"c":"RU"}"#)
        #expect(try JSONDecoder().decode([String: Country].self, from: Data(#"{"c":"Duitsland"}"#.utf8))["c"] == "DE")
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([String: Country].self, from: Data(#"{"c":"Korea"}"#.utf8)) }
    }

    static let isoCodes = FileManager.default.fileExists(atPath: "/usr/share/iso-codes/json/iso_3166-1.json")

    /// The generated table is what the script makes from the installed iso-codes and country-names.tsv.
    @Test(.enabled(if: isoCodes, "needs Debian's iso-codes (apt install iso-codes): skipped"))
    func tableIsCurrent() throws {
        let result = try run("/usr/bin/python3", [Paths.repositoryFile("scripts/generate-countries.py"), "--check"])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
    }
}
