import DossierModel
import ESPD
import Foundation
import TestSupport
import Testing

@testable import Screening

/// Every entity of a bid answers the exclusion grounds for itself (Dir. 2014/24/EU art. 57, 63(1),
/// 71(6)): bidder folders with the clean sample bidder as lead and, next to it, a real sample ESPD of
/// each generation whose C2 (corruption) answer is turned to "yes" and whose role is a member, a
/// relied-upon entity or a subcontractor.
@Suite("Every entity of a bid is screened")
struct EntityScreeningTests {
    /// (generation, sample file, role code as written, role codes for member / relied-upon / subcontractor)
    static let members: [(String, String, String, [String: String])] = [
        (
            "v4", "1-zonnebouw-flevoland/uea.xml", "sole-tenderer",
            ["member": "group-mem", "relied-upon": "oeron", "subcontractor": "subcont"]
        ),
        (
            "v3", "3-sunrise-pv-trading/espd.xml", "sole-tenderer",
            ["member": "group-mem", "relied-upon": "oeron", "subcontractor": "subcont"]
        ),
        (
            "v2.1", "2-polder-energie-combinatie/uea-penvoerder.xml", "LE",
            ["member": "GM", "relied-upon": "OERON", "subcontractor": "OENRON"]
        ),
        ("v1", "4-bouwgroep-de-vries/uea-2016.xml", "MT", ["member": "CM", "subcontractor": "SC"]),
    ]

    /// A bidder folder: the clean sample bidder as group lead, and the entity's ESPD with C2 = yes.
    func folder(generation: String, file: String, code: String, role: String) throws -> (folder: String, entityFile: String, name: String) {
        let samples = Paths.repositoryFile("samples/zonnepark-lelystad/bidders") + "/"
        let directory = try Paths.temporaryDirectory().appendingPathComponent("bid").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        var lead = try String(contentsOfFile: samples + "1-zonnebouw-flevoland/uea.xml", encoding: .utf8)
        lead = lead.replacingOccurrences(of: "<cbc:RoleCode>sole-tenderer</cbc:RoleCode>", with: "<cbc:RoleCode>group-lead</cbc:RoleCode>")
        try lead.write(toFile: directory + "/a-lead.xml", atomically: true, encoding: .utf8)

        var text = try String(contentsOfFile: samples + file, encoding: .utf8)
        let original = try ESPDParser.read(contentsOf: samples + file)
        let c2 = try #require(original.criteria.first { $0.ground == "C2" })
        #expect(c2.answer == false, "the sample answers C2 no")
        let name = "Entiteit \(generation) \(role) B.V."
        if let operatorName = original.economicOperator?.name { text = text.replacingOccurrences(of: operatorName, with: name) }
        // Another party has other numbers: with the lead's own KvK and VAT numbers this would be a
        // second ESPD of the lead itself (espd.duplicate-party), not an entity of its own.
        for identifier in original.economicOperator?.identifiers ?? [] where identifier.value.count >= 8 {
            text = text.replacingOccurrences(of: identifier.value, with: String(identifier.value.reversed()))
        }
        // Turn the first "false" at or after C2's answer into "true".
        let answerLine = try #require(c2.answers.first { $0.indicator == false && $0.gatedBy == nil }).line
        var lines = text.components(separatedBy: "\n")
        let index = try #require((answerLine - 1..<lines.count).first { lines[$0].contains(">false<") })
        lines[index] = lines[index].replacingOccurrences(of: ">false<", with: ">true<")
        text = lines.joined(separator: "\n").replacingOccurrences(
            of: "RoleCode>\(code)<", with: "RoleCode>\(roleCodes(generation)[role]!)<")
        let entityFile = directory + "/b-entity.xml"
        try text.write(toFile: entityFile, atomically: true, encoding: .utf8)
        return (directory, entityFile, name)
    }

    func roleCodes(_ generation: String) -> [String: String] { Self.members.first { $0.0 == generation }!.3 }

    func screen(_ folder: String, tender: TenderContext = TenderContext()) throws -> (Submission, [Finding]) {
        let submission = try Submission.load(folder)
        let context = ScreeningContext(
            submission: submission, tender: tender, tenderFilePath: nil, request: nil,
            rules: Fixtures.rules, today: Day(year: 2026, month: 11, day: 30))
        return (submission, Screener().findings(context))
    }

    @Test(
        "A member's mandatory ground blocks the combination, naming the member, in every generation", arguments: ["v4", "v3", "v2.1", "v1"])
    func member(generation: String) throws {
        let (_, file, code, _) = Self.members.first { $0.0 == generation }!
        let bid = try folder(generation: generation, file: file, code: code, role: "member")
        let (submission, findings) = try screen(bid.folder)
        #expect(submission.espd.source.hasSuffix("a-lead.xml"))
        // (The v2.1 sample also declares C3 with self-cleaning: that one is the member's too.)
        let grounds = findings.filter { $0.check == "exclusion.mandatory-ground" }
        #expect(grounds.allSatisfy { $0.details?["entity"] == bid.name && $0.severity == .blocker })
        let ground = grounds.filter { $0.details?["ground"] == "C2" }
        #expect(ground.count == 1)
        let finding = try #require(ground.first)
        #expect(finding.severity == .blocker)
        #expect(finding.details?["entity"] == bid.name)
        #expect(finding.details?["entityRole"] == "member")
        #expect(finding.details?["ground"] == "C2")
        #expect(finding.evidence.first?.file == bid.entityFile)
        #expect(finding.message.nl.hasPrefix("Combinant \(bid.name):"))
        #expect(finding.message.en.contains("bars award to the group"))
    }

    @Test("A relied-upon entity's mandatory ground is a blocker that asks for its replacement", arguments: ["v4", "v3", "v2.1"])
    func reliedUpon(generation: String) throws {
        let (_, file, code, _) = Self.members.first { $0.0 == generation }!
        let bid = try folder(generation: generation, file: file, code: code, role: "relied-upon")
        let finding = try #require(
            try screen(bid.folder).1.first { $0.check == "exclusion.mandatory-ground" && $0.details?["ground"] == "C2" })
        #expect(finding.severity == .blocker)
        #expect(finding.details?["entityRole"] == "relied-upon")
        #expect(finding.message.en.contains("must replace this entity"))
        #expect(finding.legalBasis.contains("art. 63(1)"))
    }

    @Test("A subcontractor's mandatory ground is attention: the province may require its replacement", arguments: ["v4", "v1"])
    func subcontractor(generation: String) throws {
        let (_, file, code, _) = Self.members.first { $0.0 == generation }!
        let bid = try folder(generation: generation, file: file, code: code, role: "subcontractor")
        let finding = try #require(
            try screen(bid.folder).1.first { $0.check == "exclusion.mandatory-ground" && $0.details?["ground"] == "C2" })
        #expect(finding.severity == .attention)
        #expect(finding.legalBasis.contains("art. 71(6)(b)"))
    }

    @Test("Below the thresholds an entity's finding cites the tender documents, not the directive's articles on entities")
    func nationalRegime() throws {
        var tender = TenderContext()
        tender.type = .diensten
        tender.estimatedValue = 150_000
        tender.procedure = .meervoudig
        tender.launchDate = Day(year: 2026, month: 3, day: 1)
        for (generation, role, article) in [("v4", "relied-upon", "art. 63(1)"), ("v4", "subcontractor", "art. 71(6)(b)")] {
            let (_, file, code, _) = Self.members.first { $0.0 == generation }!
            let bid = try folder(generation: generation, file: file, code: code, role: role)
            let national = try #require(
                try screen(bid.folder, tender: tender).1.first {
                    $0.check == "exclusion.mandatory-ground" && $0.details?["ground"] == "C2"
                })
            #expect(national.legalBasis.contains("Inkoopkader"), "\(role): \(national.legalBasis)")
            #expect(!national.legalBasis.contains("Dir. 2014/24"), "\(role): \(national.legalBasis)")
            // The same bid in a European procedure keeps the directive's article.
            tender.procedure = .europees
            let european = try #require(
                try screen(bid.folder, tender: tender).1.first {
                    $0.check == "exclusion.mandatory-ground" && $0.details?["ground"] == "C2"
                })
            #expect(european.legalBasis.contains(article), "\(role): \(european.legalBasis)")
            tender.procedure = .meervoudig
        }
    }

    @Test("The sample combination's lead alone keeps its findings; an entity's clean ESPD adds no finding")
    func cleanMember() throws {
        let samples = Paths.repositoryFile("samples/zonnepark-lelystad/bidders") + "/"
        let directory = try Paths.temporaryDirectory().path
        let lead = try String(contentsOfFile: samples + "1-zonnebouw-flevoland/uea.xml", encoding: .utf8)
        try lead.replacingOccurrences(of: "<cbc:RoleCode>sole-tenderer</cbc:RoleCode>", with: "<cbc:RoleCode>group-lead</cbc:RoleCode>")
            .write(toFile: directory + "/a-lead.xml", atomically: true, encoding: .utf8)
        try lead.replacingOccurrences(of: "<cbc:RoleCode>sole-tenderer</cbc:RoleCode>", with: "<cbc:RoleCode>group-mem</cbc:RoleCode>")
            .replacingOccurrences(of: "Zonnebouw Flevoland B.V.", with: "Lid Flevoland B.V.")
            .write(toFile: directory + "/b-member.xml", atomically: true, encoding: .utf8)
        let findings = try screen(directory).1
        let entityFindings = findings.filter { finding in finding.details?["entity"] != nil && finding.severity != .info }
        #expect(entityFindings.isEmpty)
    }

    @Test("bidder.yaml that gives one entity twice (same KvK number, or same name) is refused at 'entities', not read first-wins")
    func entityGivenTwice() throws {
        for (first, second) in [
            (
                "{name: Noordzee Modules B.V., kvk: \"12345678\", gva: {issueDate: 2026-09-01}}",
                "{name: Noordzee Modules, kvk: \"1234 5678\", gva: {issueDate: 2019-01-01}}"
            ),
            ("{name: Noordzee Modules B.V., gva: {issueDate: 2026-09-01}}", "{name: noordzee modules b.v., gva: {issueDate: 2019-01-01}}"),
        ] {
            let folder = try Paths.temporaryDirectory()
            try FileManager.default.copyItem(
                atPath: Fixtures.sample + "/bidders/1-zonnebouw-flevoland/uea.xml", toPath: folder.appendingPathComponent("uea.xml").path)
            try "kvk: \"68452193\"\nentities:\n  - \(first)\n  - \(second)\n".write(
                to: folder.appendingPathComponent("bidder.yaml"), atomically: true, encoding: .utf8)
            do {
                _ = try Submission.load(folder.path)
                Issue.record("accepted")
            } catch .input(let error) {
                #expect(error.line == 2)
                #expect(error.message.contains("entry 2"), "\(error.message)")
            } catch {
                Issue.record("\(error)")
            }
        }
    }

    @Test("A supply-chain tier on a loaded sanctions list gives a sanctions finding")
    func tierOnList() throws {
        var context = try Fixtures.cleanContext()
        let index = try #require(context.submission.supplyChain?.firstIndex { $0.tier == "polysilicon" })
        context.submission.supplyChain?[index].entity = "Sibirsky Kremny LLC"
        context.submission.supplyChain?[index].country = "RU"
        let hits = Fixtures.findings(context, "sanctions.listed-party").filter {
            $0.evidence.first?.line == context.submission.supplyChain?[index].line
        }
        #expect(hits.count == 1)
        #expect(hits.first?.message.nl.contains("schakel polysilicium van de keten") == true)
        let russian = try #require(Fixtures.findings(context, "sanctions.russia-involvement").first)
        #expect(russian.evidence.contains { $0.line == context.submission.supplyChain?[index].line })
    }

    @Test("A member of the intended winner answers for its own GVA: too old or missing blocks, naming the member")
    func memberEvidence() throws {
        let (_, file, code, _) = Self.members.first { $0.0 == "v4" }!
        let bid = try folder(generation: "v4", file: file, code: code, role: "member")
        // The member's C2 stays as the folder makes it; here only its evidence is looked at.
        var submission = try Submission.load(bid.folder)
        var tender = TenderContext()
        tender.stage = .award
        tender.intendedWinners = [URL(fileURLWithPath: bid.folder).lastPathComponent]
        tender.requested = ["gva"]
        func gvaFindings(_ entities: [BidderFile.EntityEvidence]?) -> [Finding] {
            submission.bidder.entities = entities
            submission.bidder.gva = .init(issueDate: Day(year: 2026, month: 1, day: 1), reference: nil, name: nil, kvk: nil)
            let context = ScreeningContext(
                submission: submission, tender: tender, tenderFilePath: nil, request: nil,
                rules: Fixtures.rules, today: Day(year: 2026, month: 11, day: 30))
            return Screener().findings(context).filter { $0.family == "gva" && $0.details?["entity"] == bid.name }
        }
        let missing = gvaFindings(nil)
        #expect(missing.map(\.check) == ["gva.missing"])
        #expect(missing.first?.severity == .blocker)
        #expect(missing.first?.message.nl.hasPrefix("Combinant \(bid.name):") == true)
        var old = BidderFile.EntityEvidence()
        old.name = bid.name
        old.gva = .init(issueDate: Day(year: 2023, month: 1, day: 1), reference: nil, name: nil, kvk: nil)
        let tooOld = gvaFindings([old])
        #expect(tooOld.map(\.check) == ["gva.too-old"])
        #expect(tooOld.first?.severity == .blocker)
        var fresh = old
        fresh.gva?.issueDate = Day(year: 2026, month: 6, day: 1)
        #expect(gvaFindings([fresh]).isEmpty)
    }
}
