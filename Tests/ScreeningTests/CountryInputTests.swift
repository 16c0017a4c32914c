import Basics
import DossierModel
import Foundation
import TestSupport
import Testing

@testable import RuleData
@testable import Screening

/// Issue 31: a country is read once, by `Country`, wherever a bidder writes it, and every check
/// compares the code. Generated from the sample's clean bidder: its folder copied, one value changed.
@Suite("Countries and impossible values as a bidder writes them")
struct CountryInputTests {
    func bidder(_ edit: (inout [String: String]) -> Void) throws -> String { try Fixtures.cleanBidderCopy(edit) }

    /// Works above the art. 5k threshold, after the prohibition started.
    func context(_ folder: String) throws -> ScreeningContext {
        var tender = Fixtures.tender
        tender.type = .werken
        tender.estimatedValue = 6_000_000
        tender.launchDate = Day(year: 2026, month: 3, day: 1)
        return ScreeningContext(
            submission: try Submission.load(folder), tender: tender, tenderFilePath: Fixtures.tenderPath, request: nil,
            rules: Fixtures.rules, sanctions: Fixtures.sanctions)
    }

    /// The adversarial-bidder review's spellings of a 12 % Russian subcontractor: each blocks, as `RU` does.
    @Test(arguments: ["RU", "ru", "RUS", "Russia", "Rusland", " RU", "643", "Russian Federation", "Россия"])
    func russianSubcontractor(written: String) throws {
        let folder = try bidder { files in
            files["bidder.yaml"]! += "  - {name: Uralsk Panel OOO, country: \"\(written)\", share: 12}\n"
        }
        let findings = Fixtures.findings(try context(folder), "sanctions.russia-involvement")
        #expect(findings.map(\.severity) == [.blocker], "\(written)")
        #expect(
            findings.first?.message.nl.contains(
                "onderaannemer of leverancier Uralsk Panel OOO is in Rusland gevestigd en heeft 12% van de opdrachtwaarde") == true)
    }

    /// A tier of the supply chain written `Russia` or `RUS` counts as Russian; one in China written
    /// `Volksrepubliek China` is in China for the Xinjiang places that exist elsewhere too.
    @Test func supplyChainCountries() throws {
        let folder = try bidder { files in
            files["supply-chain.csv"] = files["supply-chain.csv"]!.replacingOccurrences(of: "Bayern,DE,", with: "Bayern,Russia,")
        }
        let findings = Fixtures.findings(try context(folder), "sanctions.russia-involvement")
        #expect(findings.count == 1)
        #expect(findings.first?.message.nl.contains("schakel Bayerische Polysilizium GmbH van de keten is in Rusland gevestigd") == true)
        let (tiers, problems) = try SupplyChainTier.parseReporting(
            text: "tier,entity,city,country\nwafer,W,Aksu,Volksrepubliek China\ncell,C,Aksu,KZ\n", path: "chain.csv")
        #expect(problems.isEmpty)
        #expect(tiers.map(\.country) == ["CN", "KZ"])
    }

    /// A value that is no country, or a name of two, is a reading problem of its row with its line
    /// (PV-00 reports it), and the tier is read without a country (PV-01 then asks for it).
    @Test func supplyChainNotACountry() throws {
        let (tiers, problems) = try SupplyChainTier.parseReporting(
            text: "tier,entity,city,country\nwafer,W,Aksu,Chna\ncell,C,Seoul,Korea\nmodule,M,Almere,NL\n", path: "chain.csv")
        #expect(tiers.map(\.country) == [nil, nil, "NL"])
        #expect(problems.map(\.line) == [2, 3])
        #expect(
            problems.first?.message
                == "'Chna' is not a country; write an ISO 3166 code (NL, NLD or 528) or the country's English or Dutch name; read as no country"
        )
        #expect(problems.last?.message.contains("stands for more than one country (KR, KP)") == true)
        let folder = try bidder { files in
            files["supply-chain.csv"] = files["supply-chain.csv"]!.replacingOccurrences(of: "Bayern,DE,", with: "Bayern,Beieren,")
        }
        let reported = Fixtures.findings(try context(folder), "solar.declaration-problem")
        #expect(reported.count == 1)
        #expect(reported.first?.evidence.first?.line == 3)
    }

    /// In bidder.yaml a country is refused with its line: the screening would otherwise read it as
    /// no country (a Dutch bidder) and ask the wrong evidence.
    @Test(arguments: [("Atlantis", "'Atlantis' is not a country"), ("Korea", "'Korea' stands for more than one country (KR, KP)")])
    func bidderFileRefuses(written: String, message: String) throws {
        let folder = try bidder { files in
            files["bidder.yaml"] = files["bidder.yaml"]!.replacingOccurrences(of: "country: NL\n", with: "country: \(written)\n")
        }
        let result = Result { () throws(Submission.LoadError) in try Submission.load(folder) }
        guard case .failure(.input(let error)) = result else {
            Issue.record("\(written): not refused as an input error")
            return
        }
        #expect(error.line == 3)
        #expect(error.message.contains(message), "\(error.message)")
        #expect(error.file.hasSuffix("bidder.yaml"))
    }

    /// A Belgian intended winner's German extract does not count as its equivalent document
    /// (Dir. 2014/24/EU art. 60(2): from the country of origin or of establishment): blocker, as a
    /// missing one.
    @Test func equivalentFromAnotherCountry() throws {
        func severities(_ documentCountry: String) throws -> [Severity] {
            let folder = try bidder { files in
                files["bidder.yaml"] = files["bidder.yaml"]!.replacingOccurrences(of: "country: NL\n", with: "country: België\n")
                files["bidder.yaml"]! +=
                    "equivalentDocument: {type: Führungszeugnis, kind: extract, issueDate: 2026-10-01, country: \(documentCountry)}\n"
            }
            var context = try context(folder)
            context.tender.intendedWinners = ["1-zonnebouw-flevoland"]
            context.tender.requested = ["equivalentDocument"]
            return Fixtures.findings(context, "gva.foreign-equivalent").map(\.severity)
        }
        #expect(try severities("DE") == [.blocker])
        #expect(try severities("Belgique") == [.info])
        #expect(try severities("BEL") == [.info])
    }

    /// A negative or over-100 % share is refused with its line (a negative share would never exceed
    /// the art. 5k limit); 0 and 100 are shares.
    @Test(arguments: [("-5", true), ("100.5", true), ("0", false), ("100", false)])
    func shareOutOfRange(share: String, refused: Bool) throws {
        let folder = try bidder { files in
            files["bidder.yaml"]! += "  - {name: Uralsk Panel OOO, country: RU, share: \(share)}\n"
        }
        let lines = try String(contentsOfFile: folder + "/bidder.yaml", encoding: .utf8).split(
            separator: "\n", omittingEmptySubsequences: false)
        let result = Result { () throws(Submission.LoadError) in try Submission.load(folder) }
        switch result {
        case .success: #expect(!refused, "\(share) accepted")
        case .failure(.input(let error)):
            #expect(refused, "\(error)")
            #expect(error.line == lines.count - 1)
            #expect(error.message.contains("is not a share of the contract value; write a percentage from 0 to 100"))
        case .failure(let error): Issue.record("\(error)")
        }
    }

    /// A GVA dated after the day of screening would pass the two-year test for years: attention,
    /// pointing at its line in bidder.yaml; a GVA issued today (asked from the intended winner
    /// after the deadline) is not.
    @Test func futureGVA() throws {
        func findings(_ issued: String) throws -> [Finding] {
            let folder = try bidder { files in
                files["bidder.yaml"] = files["bidder.yaml"]!.replacingOccurrences(of: "issueDate: 2025-11-20", with: "issueDate: \(issued)")
            }
            var context = try context(folder)
            context.today = Day(year: 2026, month: 12, day: 5)
            return Fixtures.findings(context, "gva.future-date")
        }
        let future = try findings("2027-11-20")
        #expect(future.map(\.severity) == [.attention])
        #expect(future.first?.evidence.first?.line == 4)  // the `gva:` key, as gva.too-old points
        #expect(
            future.first?.message.nl.hasPrefix(
                "De Gedragsverklaring Aanbesteden is gedateerd op 20 november 2027, na de dag van de screening (5 december 2026).") == true)
        #expect(try findings("2026-12-05").isEmpty)
        #expect(try findings("2025-11-20").isEmpty)
    }
}
