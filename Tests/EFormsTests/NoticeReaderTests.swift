import DossierModel
import Foundation
import RuleData
import TestSupport
import Testing

@testable import EForms
@testable import SafeXML

/// The dictionary of checklists/eforms.yaml, loaded as the product loads it.
private let dictionary: NoticeDictionary = {
    do {
        return try RuleBook.load(directory: Paths.repositoryFile("checklists")).eforms
    } catch {
        fatalError("checklists/eforms.yaml: \(error)")
    }
}()

private let reader = try! NoticeReader(dictionary: dictionary)

private func notices() -> [String] {
    let folder = Paths.eforms.appendingPathComponent("notices").path
    return ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(".xml") }.sorted()
}

@Suite("checklists/eforms.yaml names the SDK's own XPaths", .enabled(if: Paths.hasEForms, Paths.eformsMissing))
struct NoticeDictionaryTests {
    /// Every field and node of eforms.yaml has exactly the xpathAbsolute fields.json gives it.
    @Test func xpathsAreTheSDKs() throws {
        let data = try Data(contentsOf: Paths.eforms.appendingPathComponent("sdk/fields/fields.json"))
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        func table(_ key: String) -> [String: String] {
            var result: [String: String] = [:]
            for entry in json[key] as? [[String: Any]] ?? [] {
                if let id = entry["id"] as? String, let xpath = entry["xpathAbsolute"] as? String { result[id] = xpath }
            }
            return result
        }
        let fields = table("fields")
        let nodes = table("xmlStructure")
        #expect(fields.count > 1000)
        for field in dictionary.fields {
            #expect(fields[field.field] == field.xpath, "\(field.key): \(field.field)")
        }
        for node in dictionary.nodes {
            #expect(nodes[node.node] == node.xpath, "\(node.key): \(node.node)")
        }
    }

    /// Every exclusion-ground code of the SDK's code list is mapped (to a ground or to none).
    @Test func everyExclusionGroundCodeIsMapped() throws {
        let list = try String(
            contentsOf: Paths.eforms.appendingPathComponent("sdk/codelists/exclusion-ground.gc"), encoding: .utf8)
        let codes = list.components(separatedBy: "<Value ColumnRef=\"code\">").dropFirst().compactMap { part -> String? in
            guard let start = part.range(of: "<SimpleValue>"), let end = part.range(of: "</SimpleValue>") else { return nil }
            return String(part[start.upperBound..<end.lowerBound])
        }
        // The list has four group codes (exg-crim, exg-mis, exg-natl, exg-pmt, exg-sitn) a notice does not announce.
        let groups: Set = ["exg-crim", "exg-mis", "exg-natl", "exg-pmt", "exg-sitn"]
        let leaves = codes.filter { !groups.contains($0) }
        #expect(leaves.count == 26)
        for code in leaves { #expect(dictionary.exclusionGrounds[code] != nil, "\(code)") }
    }
}

@Suite("Every notice of the eForms corpus, read twice", .enabled(if: Paths.hasEForms, Paths.eformsMissing))
struct NoticeCorpusTests {
    /// For every notice that is not marked invalid: the reader's values equal libxml2's XPath
    /// reading of each field's SDK XPath, in order.
    @Test(arguments: notices().filter { !$0.hasPrefix("INVALID_") })
    func valuesEqualLibxml2(_ name: String) throws {
        let path = Paths.eforms.appendingPathComponent("notices/\(name)").path
        let notice = try reader.read(path: path, displayName: name)
        let reference = try #require(ReferenceXPath(path: path, namespaces: dictionary.namespaces))
        func xpath(_ key: String) -> [String] { reference.values(dictionary.field(key)!.xpath) ?? ["<xpath failed>"] }

        #expect(notice.sdkVersion.value == xpath("sdkVersion").first)
        #expect(notice.noticeType.value == xpath("noticeType").first)
        #expect(notice.legalBasis.value == xpath("legalBasis").first)
        #expect(notice.procedureIdentifier?.value == xpath("procedureIdentifier").first)
        #expect(notice.internalReference?.value == xpath("internalReference").first)
        #expect(notice.title?.value == xpath("title").first)
        #expect(notice.contractNature?.value == xpath("contractNature").first)
        #expect(notice.procedureType?.value == xpath("procedureType").first)
        #expect(notice.dispatchDate.map { "\($0.value)" } == xpath("dispatchDate").first.map { String($0.prefix(10)) })
        let amount = xpath("estimatedValue").first.flatMap(Double.init)
        #expect(notice.estimatedValue?.value.amount == amount.flatMap { $0 < 0 ? nil : $0 })
        #expect(notice.cpv.map(\.value) == xpath("mainCPV") + xpath("additionalCPV"))
        #expect(notice.lots.map(\.id.value) == xpath("lot"))
        #expect(notice.lots.flatMap(\.cpv).count == xpath("lotMainCPV").count + xpath("lotAdditionalCPV").count)
        #expect(notice.lots.compactMap(\.submissionDeadline).count == xpath("lotSubmissionDeadline").count)
        #expect(notice.exclusionGrounds.count + notice.groundsWithoutCriterion.count == xpath("exclusionGround").count)
        #expect(notice.buyers.compactMap(\.legalType).map(\.value) == xpath("buyerLegalType"))
        // Lines point at the element: the value is on that line of the file.
        let lines = try String(contentsOfFile: path, encoding: .utf8).components(separatedBy: "\n")
        for value in [notice.procedureIdentifier, notice.contractNature, notice.internalReference].compactMap({ $0 }) {
            #expect(lines[value.line - 1].contains(value.value), "\(value.field) at line \(value.line)")
        }
        for lot in notice.lots { #expect(lines[lot.id.line - 1].contains(lot.id.value)) }
    }

    /// The per-lot reading puts each lot's values under that lot: per lot, libxml2 reads the same
    /// deadline and CPV codes with the lot's id in the predicate.
    @Test(arguments: ["cn_24_maximal.xml", "cn_24_maximal_100_lots.xml", "can_24_maximal.xml"])
    func lotsKeepTheirOwnValues(_ name: String) throws {
        let path = Paths.eforms.appendingPathComponent("notices/\(name)").path
        let notice = try reader.read(path: path, displayName: name)
        let reference = try #require(ReferenceXPath(path: path, namespaces: dictionary.namespaces))
        #expect(notice.lots.count > 1)
        for lot in notice.lots {
            let base = "/*/cac:ProcurementProjectLot[cbc:ID/@schemeName='Lot'][cbc:ID='\(lot.id.value)']"
            let deadline = reference.values(base + "/cac:TenderingProcess/cac:TenderSubmissionDeadlinePeriod/cbc:EndDate")?.first
            #expect(lot.submissionDeadline.map { "\($0.value)" } == deadline.map { String($0.prefix(10)) })
            let cpv =
                (reference.values(base + "/cac:ProcurementProject/cac:MainCommodityClassification/cbc:ItemClassificationCode") ?? [])
                + (reference.values(base + "/cac:ProcurementProject/cac:AdditionalCommodityClassification/cbc:ItemClassificationCode") ?? [])
            #expect(lot.cpv.map(\.value) == cpv)
        }
    }

    /// Award notices name their winners through results, tenders and tendering parties.
    @Test func awardNoticeNamesItsWinners() throws {
        let path = Paths.eforms.appendingPathComponent("notices/can_24_maximal.xml").path
        let notice = try reader.read(path: path, displayName: "can_24_maximal.xml")
        #expect(notice.kind == .result)
        #expect(!notice.winners.isEmpty)
        let reference = try #require(ReferenceXPath(path: path, namespaces: dictionary.namespaces))
        let organisationNames = Set(reference.values(dictionary.field("organisationName")!.xpath) ?? [])
        for winner in notice.winners { #expect(organisationNames.contains(winner.name.value)) }
        // The beneficial owners the notice publishes for a winner (OPT-302 → OPT-202 → BT-500-UBO / OPT-160).
        let owners = notice.winners.filter { $0.name.value == "Gyro Soft SA" }.flatMap(\.owners).map(\.value)
        #expect(owners == ["Jean Dupont"])
        let families = reference.values(dictionary.field("ownerFamilyName")!.xpath) ?? []
        #expect(families.contains("Dupont"))
    }

    /// A notice marked invalid by the SDK is either refused with a line, or read; what is read of
    /// it must still equal libxml2's reading (there is no silent third way).
    @Test(arguments: notices().filter { $0.hasPrefix("INVALID_") })
    func invalidNoticesAreRefusedWithALineOrReadExactly(_ name: String) throws {
        let path = Paths.eforms.appendingPathComponent("notices/\(name)").path
        do {
            let notice = try reader.read(path: path, displayName: name)
            let reference = try #require(ReferenceXPath(path: path, namespaces: dictionary.namespaces))
            #expect(notice.procedureIdentifier?.value == reference.values(dictionary.field("procedureIdentifier")!.xpath)?.first)
        } catch let error as InputError {
            #expect(error.line != nil, "\(error)")
            #expect("\(error)".hasPrefix(name + ":"))
        }
    }
}

@Suite("The notice reader refuses what it cannot read")
struct NoticeRefusalTests {
    func read(_ xml: String) throws -> TenderNotice {
        let document = try XMLDocument.parse(bytes: Array(xml.utf8), sourceName: "notice.xml")
        return try reader.read(document, source: "notice.xml")
    }

    static let head = """
        <?xml version="1.0" encoding="UTF-8"?>
        <ContractNotice xmlns="urn:oasis:names:specification:ubl:schema:xsd:ContractNotice-2" \
        xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2" \
        xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2">
        """

    func refusal(_ xml: String) -> String {
        do {
            _ = try read(xml)
            return "read"
        } catch {
            return "\(error)"
        }
    }

    @Test func unknownSDKVersion() {
        let message = refusal(
            Self.head
                + "\n<cbc:CustomizationID>eforms-sdk-2.0</cbc:CustomizationID>\n<cbc:NoticeTypeCode>cn-standard</cbc:NoticeTypeCode></ContractNotice>"
        )
        #expect(message.hasPrefix("notice.xml:3: cbc:CustomizationID 'eforms-sdk-2.0' is not an eForms SDK version"))
    }

    @Test func missingSDKVersion() {
        #expect(refusal(Self.head + "</ContractNotice>").contains("CustomizationID (the eForms SDK version) is missing"))
    }

    @Test func notANotice() {
        #expect(refusal("<QualificationApplicationRequest/>").contains("is not one of") == false)
        #expect(refusal("<QualificationApplicationRequest/>").contains("an eForms notice is one of"))
    }

    @Test func twoProcedureIdentifiers() {
        let message = refusal(
            Self.head + """

                <cbc:CustomizationID>eforms-sdk-1.15</cbc:CustomizationID>
                <cbc:ContractFolderID>A</cbc:ContractFolderID>
                <cbc:ContractFolderID>B</cbc:ContractFolderID>
                <cbc:NoticeTypeCode>cn-standard</cbc:NoticeTypeCode><cbc:RegulatoryDomain>32014L0024</cbc:RegulatoryDomain></ContractNotice>
                """)
        #expect(message.hasPrefix("notice.xml:5: BT-04-notice is given more than once with different values"), "\(message)")
    }

    @Test func groundCodeOfTheOtherGeneration() {
        let grounds = """

            <cbc:NoticeTypeCode>cn-standard</cbc:NoticeTypeCode><cbc:RegulatoryDomain>32014L0024</cbc:RegulatoryDomain>
            <cac:TenderingTerms><cac:TendererQualificationRequest><cac:SpecificTendererRequirement>
            <cbc:TendererRequirementTypeCode listName="exclusion-ground">CODE</cbc:TendererRequirementTypeCode>
            </cac:SpecificTendererRequirement></cac:TendererQualificationRequest></cac:TenderingTerms></ContractNotice>
            """
        let version = { (v: String) in "\n<cbc:CustomizationID>eforms-sdk-\(v)</cbc:CustomizationID>" }
        // SDK 1.15 with the old code, SDK 1.10 with the new code: both refused with the code's line.
        #expect(
            refusal(Self.head + version("1.15") + grounds.replacingOccurrences(of: "CODE", with: "crime-org")).hasPrefix(
                "notice.xml:6: BT-67"))
        #expect(
            refusal(Self.head + version("1.10") + grounds.replacingOccurrences(of: "CODE", with: "exg-crim-part")).hasPrefix(
                "notice.xml:6: BT-67"))
        // Each in its own generation reads as C1.
        let new = try? read(Self.head + version("1.15") + grounds.replacingOccurrences(of: "CODE", with: "exg-crim-part"))
        let old = try? read(Self.head + version("1.10") + grounds.replacingOccurrences(of: "CODE", with: "crime-org"))
        #expect(new?.exclusionGrounds.map(\.value) == ["C1"])
        #expect(old?.exclusionGrounds.map(\.value) == ["C1"])
    }

    @Test func badDate() {
        let message = refusal(
            Self.head + """

                <cbc:CustomizationID>eforms-sdk-1.15</cbc:CustomizationID>
                <cbc:IssueDate>21-11-2019</cbc:IssueDate>
                <cbc:NoticeTypeCode>cn-standard</cbc:NoticeTypeCode><cbc:RegulatoryDomain>32014L0024</cbc:RegulatoryDomain></ContractNotice>
                """)
        #expect(message.hasPrefix("notice.xml:4: BT-05(a)-notice: '21-11-2019' is not a date"), "\(message)")
    }
}
