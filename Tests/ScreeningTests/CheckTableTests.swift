import Foundation
import Screening
import TestSupport
import Testing

/// The README's check table is generated from the checks' descriptions (as swift-format's
/// generated-files test keeps its rule list current); `UEA_REGENERATE=1` rewrites it.
@Suite("The README's check table")
struct CheckTableTests {
    @Test("is generated from the registry and current")
    func readmeIsCurrent() throws {
        let path = Paths.repositoryFile("README.md")
        let readme = try String(contentsOfFile: path, encoding: .utf8)
        let current = try #require(CheckTable.replacing(in: readme), "README.md lacks the check-table markers")
        if ProcessInfo.processInfo.environment["UEA_REGENERATE"] != nil, current != readme {
            try current.write(toFile: path, atomically: true, encoding: .utf8)
        }
        #expect(
            try String(contentsOfFile: path, encoding: .utf8) == current,
            "regenerate with UEA_REGENERATE=1 swift test --filter CheckTableTests")
    }

    @Test("has one row per check, and every check says its legal effect")
    func oneRowPerCheck() {
        let rows = CheckTable.markdown().split(separator: "\n").dropFirst(2)
        #expect(rows.count == CheckRegistry.all.count)
        for check in CheckRegistry.all {
            #expect(check.legalEffect.count >= 12, "\(check.id): the legal effect is missing")
            #expect(rows.contains { $0.hasPrefix("| `\(check.id)` |") }, "\(check.id) has no row")
        }
    }

    @Test("knock-outs and entity grounds are what the descriptions say")
    func seamIsInTheDescriptions() {
        #expect(CheckRegistry.knockOutCandidates == ["solar.xinjiang", "solar.listed-entity"])
        let grounds = CheckRegistry.all.filter { $0.groundAtEntity != nil }.map(\.id).sorted()
        #expect(grounds == ["exclusion.mandatory-ground", "exclusion.optional-ground", "exclusion.tax-social-security"])
        // A check that establishes a ground for an entity must run on the entities.
        for check in CheckRegistry.all where check.groundAtEntity != nil {
            #expect(check.entities == .everyEntity, "\(check.id)")
        }
        #expect(CheckRegistry.all.filter { $0.entities == .withOwnEvidence }.allSatisfy { $0.family == "gva" })
    }
}
