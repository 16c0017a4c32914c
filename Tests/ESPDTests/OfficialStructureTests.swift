import DossierModel
import Foundation
import SafeXML
import TestSupport
import Testing

@testable import ESPD

/// The shipped official structure (`OfficialStructureData`) is what the official request examples
/// and taxonomies of the corpus say; `UEA_REGENERATE=1` rewrites it.
@Suite("The official question structure per release")
struct OfficialStructureTests {
    /// Official requests and taxonomies of every EDM release (no fragments, proposals or tool output).
    static func sourceFiles() throws -> [String] {
        let root = Paths.corpus.path
        let files = try FileManager.default.subpathsOfDirectory(atPath: root).filter { path in
            guard path.hasPrefix("edm-v"), path.hasSuffix(".xml") else { return false }
            let parts = path.split(separator: "/")
            if parts.count == 3 { return parts[1] == "taxonomy" }
            return parts.count == 2 && path.lowercased().contains("request") && !parts[1].hasPrefix("SC-") && !parts[1].hasPrefix("Weights")
        }
        return files.sorted().map { root + "/" + $0 }
    }

    static func generated() throws -> String {
        let sources = try sourceFiles().map { file in
            let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: file)))
            let name = String(file.dropFirst(Paths.corpus.path.count + 1))
            return OfficialStructureBuilder.Source(
                name: name, sha256: SHA256.hex(bytes), document: try XMLDocument.parse(bytes: bytes, sourceName: name))
        }
        // Laid out as `swift format` lays it out (content indented with the closing delimiter).
        let body = OfficialStructureBuilder.text(from: sources).split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.isEmpty ? "" : "        " + $0 }.joined(separator: "\n")
        return "enum OfficialStructureData {\n    static let text = #\"\"\"\n" + body + "        \"\"\"#\n}\n"
    }

    @Test("The shipped structure is generated from the corpus and current", .enabled(if: Paths.hasCorpus, Paths.corpusMissing))
    func shippedIsCurrent() throws {
        let text = try Self.generated()
        let shipped = Paths.repositoryFile("Sources/ESPD/Catalog/OfficialStructureData.swift")
        if ProcessInfo.processInfo.environment["UEA_REGENERATE"] != nil {
            try text.write(toFile: shipped, atomically: true, encoding: .utf8)
        }
        #expect(
            try String(contentsOfFile: shipped, encoding: .utf8) == text,
            "regenerate with UEA_REGENERATE=1 swift test --filter OfficialStructureTests")
    }

    /// The table is read once; every row holds for the releases it names, and a release no row
    /// names has nothing.
    @Test("Each row holds for the releases it names")
    func releasesReadAlone() throws {
        #expect(
            OfficialStructure.knownReleases == [
                "2.0.0", "2.0.1", "2.0.2", "2.1.0", "2.1.1", "3.0.0", "3.1.0", "3.2.0", "3.3.0", "4.0.0", "4.1.0",
            ])
        #expect(OfficialStructure.table.groups.count > 20)
        #expect(OfficialStructure.table.bit("9.9.9") == nil)
        // A row names several releases: each of them holds its properties, and only those.
        for name in OfficialStructure.knownReleases {
            let grounds = OfficialStructure.table.groups.keys.filter { OfficialStructure.has(release: name, ground: $0) }
            #expect(grounds.count >= 10, "\(name)")
        }
        let ground = try #require(OfficialStructure.table.groups.keys.first { OfficialStructure.has(release: "4.1.0", ground: $0) })
        #expect(!OfficialStructure.has(release: "9.9.9", ground: ground))
    }

    /// Question texts are compared on their bytes when they are ASCII; exactly as the general
    /// comparison does, for every official text and for white space, case and punctuation edge cases.
    @Test("The ASCII comparison of question texts equals the general one")
    func asciiComparison() {
        var texts = [
            "  Your   answer?  ", "Is it \"x\"?", "a\tb\nc\r\u{0B}d\u{0C}", "Reason:.", "?", "\"?\"", "", "TEXT. ", "x ? :",
        ]
        for paths in OfficialStructure.table.properties.values {
            for rows in paths.values { texts += rows.map(\.property.description) }
        }
        var compared = 0
        for text in texts where text.utf8.allSatisfy({ $0 < 0x80 }) {
            #expect(CriterionAssembly.comparableASCII(text) == CriterionAssembly.comparableUnicode(text), "\(text)")
            compared += 1
        }
        #expect(compared > 500)
    }
}
