import TestSupport
import Testing
@testable import Screening

/// Every registered check runs its own triggering and non-triggering example (as SwiftLint
/// runs its rule examples) on the clean sample bidder.
@Suite("Check examples")
struct CheckExampleTests {
    @Test("The clean sample bidder has no blocker or attention finding")
    func cleanBaseline() throws {
        let findings = Screener().findings(try Fixtures.cleanContext())
        #expect(findings.filter { $0.severity != .info }.map(\.check) == [])
    }

    @Test("Each check fires on its triggering example and not on its non-triggering one", arguments: CheckRegistry.all.map(\.id))
    func examples(id: String) throws {
        let check = try #require(CheckRegistry.all.first { $0.id == id })
        var triggering = try Fixtures.cleanContext()
        check.examples.triggering(&triggering)
        let fired = check.run(triggering)
        #expect(!fired.isEmpty, "\(id) did not fire on its triggering example")
        // One mutation, one finding: a check that repeats itself (or reports the same thing per
        // entity) would show here.
        #expect(fired.count == 1, "\(id) gave \(fired.count) findings on its triggering example")
        // Where: the first evidence points into a file of the bid, the tender or the rule data.
        #expect(fired.allSatisfy { !($0.evidence.first?.file.isEmpty ?? true) })
        // A check never reports more severely than its declared maximum (blocker < attention < info).
        #expect(fired.allSatisfy { $0.check == id && $0.family == check.family && $0.severity >= check.severity })
        #expect(fired.allSatisfy { !$0.evidence.isEmpty && !$0.message.nl.isEmpty && !$0.message.en.isEmpty && !$0.legalBasis.isEmpty })
        // Conviction findings are criminal-law data for the store; Bibob red flags are company facts, not (AVG art. 10).
        if check.id == "exclusion.mandatory-ground" { #expect(fired.allSatisfy { $0.criminalData == true }) }
        if check.family == "bibob" { #expect(fired.allSatisfy { $0.criminalData == nil }) }
        var quiet = try Fixtures.cleanContext()
        check.examples.nonTriggering(&quiet)
        #expect(check.run(quiet).isEmpty, "\(id) fired on its non-triggering example")
    }

    @Test("Each check's type is named after its id (espd.schema-invalid is SchemaInvalidCheck, or with its family in front)", arguments: CheckRegistry.all.map(\.id))
    func typeNameMatchesID(id: String) throws {
        let check = try #require(CheckRegistry.all.first { $0.id == id })
        let (family, rule) = (String(id.prefix { $0 != "." }), String(id.drop { $0 != "." }.dropFirst()))
        let camel = rule.split(separator: "-").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined() + "Check"
        let name = String(describing: type(of: check)).lowercased()
        #expect([camel.lowercased(), (family + camel).lowercased()].contains(name), "\(id) is implemented by \(type(of: check))")
    }

    @Test("Check ids are unique, namespaced by family, and cite a legal basis")
    func registry() {
        let ids = CheckRegistry.all.map(\.id)
        #expect(Set(ids).count == ids.count)
        let families: Set<String> = ["espd", "exclusion", "gva", "coi", "bibob", "mvo", "solar", "procedure", "sanctions", "names", "tender"]
        #expect(Set(CheckRegistry.all.map(\.family)) == families)
        for check in CheckRegistry.all {
            #expect(!check.legalBasis.isEmpty)
            for file in check.dataFiles { #expect(RuleBook.fileNames.contains(file), "\(check.id) reads unknown \(file)") }
        }
    }
}
