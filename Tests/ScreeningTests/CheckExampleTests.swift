import TestSupport
import Testing

@testable import RuleData
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

    @Test(
        "Each check gives the findings its triggering examples name, where they name, and none on its non-triggering ones",
        arguments: CheckRegistry.all.map(\.id))
    func examples(id: String) throws {
        let check = try #require(CheckRegistry.all.first { $0.id == id })
        #expect(check.examples.triggering.count >= 2, "\(id) has \(check.examples.triggering.count) triggering example(s); at least 2")
        #expect(
            check.examples.nonTriggering.count >= 2, "\(id) has \(check.examples.nonTriggering.count) non-triggering example(s); at least 2"
        )
        for example in check.examples.triggering {
            #expect(!example.at.isEmpty, "\(id): '\(example.what)' names no finding")
            var context = try Fixtures.cleanContext()
            example.mutate(&context)
            let fired = check.run(context)
            // How many: one mutation gives the findings it names, no more (a check that repeats
            // itself, or reports the same thing per entity, shows here).
            #expect(
                fired.count == example.at.count,
                "\(id): '\(example.what)' gave \(fired.count) finding(s), expected \(example.at.count): \(fired.map(CheckExample.location))"
            )
            // Where, exactly (file, line and path, as swift-format's rule tests mark a location):
            // each finding's first evidence pointer is the place the example changed.
            for (finding, expected) in zip(fired, example.at) {
                #expect(
                    CheckExample.location(finding) == expected,
                    "\(id): '\(example.what)' points at \(CheckExample.location(finding)), expected \(expected)")
            }
            // A check never reports more severely than its declared maximum (blocker < attention < info).
            #expect(fired.allSatisfy { $0.check == id && $0.family == check.family && $0.severity >= check.severity })
            #expect(fired.allSatisfy { !$0.evidence.isEmpty && !$0.message.nl.isEmpty && !$0.message.en.isEmpty && !$0.legalBasis.isEmpty })
            // Conviction findings are criminal-law data for the store; Bibob red flags are company facts, not (AVG art. 10).
            if check.id == "exclusion.mandatory-ground" { #expect(fired.allSatisfy { $0.criminalData == true }) }
            if check.family == "bibob" { #expect(fired.allSatisfy { $0.criminalData == nil }) }
        }
        for example in check.examples.nonTriggering {
            var context = try Fixtures.cleanContext()
            example.mutate(&context)
            let fired = check.run(context)
            #expect(fired.isEmpty, "\(id) fired on '\(example.what)': \(fired.map(CheckExample.location))")
        }
    }

    @Test("A non-triggering example changes something: it differs from the clean bidder", arguments: CheckRegistry.all.map(\.id))
    func nonTriggeringExamplesMutate(id: String) throws {
        let check = try #require(CheckRegistry.all.first { $0.id == id })
        let clean = try Fixtures.cleanContext()
        for example in check.examples.nonTriggering {
            var context = clean
            example.mutate(&context)
            #expect(Self.fingerprint(context) != Self.fingerprint(clean), "\(id): '\(example.what)' leaves the clean bidder as it is")
        }
    }

    /// Everything an example can change, written out.
    static func fingerprint(_ context: ScreeningContext) -> String {
        "\(context.submission.espd)|\(context.submission.bidder)|\(String(describing: context.submission.supplyChain))|\(context.submission.supplyChainProblems)|\(context.submission.otherESPDs.count)|\(context.submission.folder)|\(context.today)"
            + "|\(context.tender)|\(String(describing: context.request?.criteria.count))|\(context.request?.contractFolderID ?? "")|\(context.referenceDate)|\(context.sanctions.map { "\($0.lists.map(\.version))" } ?? "none")"
            + "|notice \(context.notice.map { "\($0.id?.value ?? "")|\($0.notice.exclusionGrounds.count)" } ?? "none")"
    }

    @Test(
        "Each check's type is named after its id (espd.schema-invalid is SchemaInvalidCheck, or with its family in front)",
        arguments: CheckRegistry.all.map(\.id))
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
        let families: Set<String> = [
            "espd", "exclusion", "gva", "coi", "bibob", "mvo", "solar", "procedure", "sanctions", "names", "tender", "notice",
        ]
        #expect(Set(CheckRegistry.all.map(\.family)) == families)
        for check in CheckRegistry.all {
            #expect(!check.legalBasis.isEmpty)
            for file in check.dataFiles { #expect(RuleBook.fileNames.contains(file), "\(check.id) reads unknown \(file)") }
        }
    }
}
