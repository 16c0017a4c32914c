import Foundation
import TestSupport
import Testing

/// `init --notice`, `screen` and `tender check` over every notice of the eForms corpus (issue 32):
/// the written tender.yaml's values equal libxml2's reading of the SDK's XPaths; other kinds and
/// invalid notices exit 2 with a line and write nothing.
@Suite("eForms notice → tender.yaml → screen", .enabled(if: Paths.hasEForms, Paths.eformsMissing))
struct NoticeCommandTests {
    static let notices = Paths.eforms.appendingPathComponent("notices")
    static let namespaces = [
        "cbc": "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2",
        "cac": "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2",
        "ext": "urn:oasis:names:specification:ubl:schema:xsd:CommonExtensionComponents-2",
        "efac": "http://data.europa.eu/p27/eforms-ubl-extension-aggregate-components/1",
        "efext": "http://data.europa.eu/p27/eforms-ubl-extensions/1",
        "efbc": "http://data.europa.eu/p27/eforms-ubl-extension-basic-components/1",
    ]

    /// The notice type of each file, by libxml2 (BT-02), and the kinds the README says init reads.
    static func type(_ name: String) -> String? {
        ReferenceXPath(path: notices.appendingPathComponent(name).path, namespaces: namespaces)?.values("/*/cbc:NoticeTypeCode")?.first
    }
    static let readable: Set = [
        "cn-standard", "cn-social", "cn-desg", "pin-cfc-standard", "pin-cfc-social", "qu-sy", "subco", "can-standard", "can-social",
        "can-desg", "can-tran", "veat",
    ]
    static func files() -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: notices.path)) ?? []).filter { $0.hasSuffix(".xml") }.sorted()
    }

    /// Placeholders for what a notice leaves open, given as a user would with --set.
    static let placeholders = [
        "id": "TEST-1", "type": "diensten", "estimatedValue": "250000", "procedure": "europees", "launchDate": "2024-03-01",
        "submissionDeadline": "2024-04-15", "authority.kind": "sub-central",
    ]

    /// The tender.yaml value of `key` as written (`key: value   # comment`), unquoted.
    static func value(_ key: String, in text: String) -> String? {
        for line in text.split(separator: "\n") where line.trimmingCharacters(in: .whitespaces).hasPrefix(key + ":") {
            var value = String(line.drop { $0 != ":" }.dropFirst())
            if let comment = value.range(of: "   #") { value = String(value[..<comment.lowerBound]) }
            return value.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
        }
        return nil
    }

    @Test(arguments: files().filter { !$0.hasPrefix("INVALID_") && readable.contains(type($0) ?? "") })
    func initWritesWhatTheNoticePublishes(_ name: String) throws {
        let path = Self.notices.appendingPathComponent(name).path
        let folder = try Paths.temporaryDirectory().appendingPathComponent("tender").path
        var first = try ueaScreen("init", folder, "--notice", path)
        var sets: [String] = []
        if first.status == 2 {
            // Each missing key on its own line with its line in the notice; nothing written.
            #expect(!FileManager.default.fileExists(atPath: folder + "/tender.yaml"))
            for line in first.stderr.split(separator: "\n") where line.contains("; give it with --set ") {
                #expect(line.contains(name + ":"), "\(line)")
                let key = String(line.components(separatedBy: "--set ").last!.prefix { $0 != "=" })
                sets += ["--set", "\(key)=\(Self.placeholders[key] ?? "?")"]
            }
            #expect(!sets.isEmpty, "\(first.stderr)")
            first = try run(ueaScreenBinary(), ["init", folder, "--notice", path] + sets, currentDirectory: Paths.repository)
        }
        #expect(first.status == 0, "\(first.stderr)")
        let text = try String(contentsOfFile: folder + "/tender.yaml", encoding: .utf8)
        let reference = try #require(ReferenceXPath(path: path, namespaces: Self.namespaces))
        func given(_ key: String) -> Bool { sets.contains("\(key)=\(Self.placeholders[key] ?? "")") }

        // The reference: BT-22 when present, else BT-04; the other in otherReferences.
        let internalReference = reference.values("/*/cac:ProcurementProject/cbc:ID")?.first
        let identifier = reference.values("/*/cbc:ContractFolderID")?.first
        if !given("id") { #expect(Self.value("id", in: text) == internalReference ?? identifier) }
        // The estimated value in euro, as the notice writes it.
        let amount = reference.values("/*/cac:ProcurementProject/cac:RequestedTenderTotal/cbc:EstimatedOverallContractAmount")?.first
        let currency = reference.values(
            "/*/cac:ProcurementProject/cac:RequestedTenderTotal/cbc:EstimatedOverallContractAmount/@currencyID")?.first
        if !given("estimatedValue"), let amount, currency == "EUR" {
            #expect(Double(Self.value("estimatedValue", in: text) ?? "") == Double(amount))
        }
        // The dispatch date.
        if !given("launchDate") {
            #expect(Self.value("launchDate", in: text) == reference.values("/*/cbc:IssueDate")?.first.map { String($0.prefix(10)) })
        }
        // The earliest deadline for tenders over the lots.
        let deadlines =
            (reference.values(
                "/*/cac:ProcurementProjectLot[cbc:ID/@schemeName='Lot']/cac:TenderingProcess/cac:TenderSubmissionDeadlinePeriod/cbc:EndDate"
            )
            ?? []).map { String($0.prefix(10)) }.sorted()
        if !given("submissionDeadline"), let earliest = deadlines.first {
            #expect(Self.value("submissionDeadline", in: text) == earliest)
        }
        // Every CPV code of the procedure and the lots, once.
        let cpv =
            (reference.values("/*/cac:ProcurementProject/cac:MainCommodityClassification/cbc:ItemClassificationCode") ?? [])
            + (reference.values("/*/cac:ProcurementProject/cac:AdditionalCommodityClassification/cbc:ItemClassificationCode") ?? [])
            + (reference.values(
                "/*/cac:ProcurementProjectLot[cbc:ID/@schemeName='Lot']/cac:ProcurementProject/*/cbc:ItemClassificationCode")
                ?? [])
        if !cpv.isEmpty {
            let written = (Self.value("cpv", in: text) ?? "").trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
                .split(separator: ",").map { $0.trimmingCharacters(in: CharacterSet(charactersIn: " \"")) }
            #expect(Set(written) == Set(cpv))
            #expect(written.count == Set(written).count)
        }
        // A tender divided into lots: each lot with its own CPV codes, as libxml2 reads them per lot.
        let lotIDs = reference.values("/*/cac:ProcurementProjectLot[cbc:ID/@schemeName='Lot']/cbc:ID") ?? []
        var writtenLots: [(id: String, cpv: Set<String>)] = []
        for line in text.split(separator: "\n") {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("  - id: ") {
                let id = trimmed.dropFirst("- id: ".count).prefix { $0 != " " }.trimmingCharacters(in: CharacterSet(charactersIn: "\""))
                writtenLots.append((id, []))
            } else if line.hasPrefix("    cpv: "), !writtenLots.isEmpty {
                let list = trimmed.dropFirst("cpv: ".count).prefix { $0 != "]" }.dropFirst()
                writtenLots[writtenLots.count - 1].cpv = Set(
                    list.split(separator: ",").map { $0.trimmingCharacters(in: CharacterSet(charactersIn: " \"")) })
            }
        }
        #expect(writtenLots.map(\.id) == (lotIDs.count > 1 ? lotIDs : []))
        for lot in writtenLots {
            let codes = reference.values(
                "/*/cac:ProcurementProjectLot[cbc:ID/@schemeName='Lot'][cbc:ID='\(lot.id)']/cac:ProcurementProject/*/cbc:ItemClassificationCode"
            )
            #expect(lot.cpv == Set(codes ?? []), "\(lot.id)")
        }
        // The announced optional grounds: exg codes other than the convictions and payments (C1–C8)
        // and the defence-only ones, counted by libxml2.
        let codes = Set(
            reference.values(
                "/*/cac:TenderingTerms/cac:TendererQualificationRequest[cac:SpecificTendererRequirement/cbc:TendererRequirementTypeCode/@listName='exclusion-ground']/cac:SpecificTendererRequirement/cbc:TendererRequirementTypeCode"
            ) ?? [])
        let optional = codes.filter {
            !$0.hasPrefix("exg-crim-") && !$0.hasPrefix("exg-pmt-") && $0 != "exg-mis-unrel-sec" && $0 != "exg-mis-off-cond"
        }
        if !codes.isEmpty {
            let written = (Self.value("optionalGrounds", in: text) ?? "").trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
                .split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            #expect(written.count == optional.count, "\(written) vs \(optional.sorted())")
        }
        // With a real bidder in place of the example folder, the folder screens (the tender dossier
        // is made), and tender.yaml agrees with its notice.
        let bidders = folder + "/bidders"
        try FileManager.default.removeItem(atPath: bidders + "/example-bidder")
        try FileManager.default.copyItem(
            atPath: Paths.repositoryFile("samples/zonnepark-lelystad/bidders/1-zonnebouw-flevoland"), toPath: bidders + "/1-zonnebouw")
        let screened = try ueaScreen("screen", folder)
        #expect([0, 1].contains(screened.status), "\(screened.stderr)")
        #expect(screened.stdout.contains("tender.yaml"))
        let checked = try ueaScreen("tender", "check", folder)
        #expect(checked.status == 0, "\(checked.stdout) \(checked.stderr)")
        // What reading the notice noticed and did not use, screen says too (nothing silent).
        for note in checked.stderr.split(separator: "\n") where note.hasPrefix("uea-screen: note: ") {
            #expect(screened.stderr.contains(": " + note.dropFirst("uea-screen: note: ".count)), "\(note) vs \(screened.stderr)")
        }
    }

    @Test(arguments: files().filter { !readable.contains(type($0) ?? "") || $0.hasPrefix("INVALID_") })
    func otherKindsAndInvalidNoticesExit2WithALine(_ name: String) throws {
        let folder = try Paths.temporaryDirectory().appendingPathComponent("tender").path
        let result = try ueaScreen("init", folder, "--notice", Self.notices.appendingPathComponent(name).path)
        #expect(result.status == 2)
        let first = result.stderr.split(separator: "\n").first.map(String.init) ?? ""
        #expect(first.range(of: #"\#(name):[0-9]+: "#, options: .regularExpression) != nil, "\(first)")
        #expect(!FileManager.default.fileExists(atPath: folder + "/tender.yaml"))
        #expect(!FileManager.default.fileExists(atPath: folder + "/notice.xml"))
    }

    @Test("A hand-changed tender.yaml differs from its notice: tender check exits 1 naming both places, screen finds it")
    func handChangedValue() throws {
        let folder = try Paths.temporaryDirectory().appendingPathComponent("tender").path
        let notice = Self.notices.appendingPathComponent("cn_24_maximal.xml").path
        #expect(try ueaScreen("init", folder, "--notice", notice).status == 0)
        let file = folder + "/tender.yaml"
        let text = try String(contentsOfFile: file, encoding: .utf8)
        try text.replacingOccurrences(of: "estimatedValue: 9999999.99", with: "estimatedValue: 999999.99").write(
            toFile: file, atomically: true, encoding: .utf8)
        let checked = try ueaScreen("tender", "check", folder)
        #expect(checked.status == 1)
        #expect(checked.stdout.contains("tender.yaml:12: estimatedValue: €999,999.99 here, €9,999,999.99 in the notice (BT-27-Procedure"))
        try FileManager.default.removeItem(atPath: folder + "/bidders/example-bidder")
        try FileManager.default.copyItem(
            atPath: Paths.repositoryFile("samples/zonnepark-lelystad/bidders/1-zonnebouw-flevoland"),
            toPath: folder + "/bidders/1-zonnebouw")
        let screened = try ueaScreen("screen", folder, "--format", "json")
        #expect(screened.stdout.contains("notice.tender-file-differs"))
        // A notice outside the folder is copied in; a second init into the same folder is refused.
        #expect(FileManager.default.fileExists(atPath: folder + "/notice.xml"))
        #expect(try ueaScreen("init", folder, "--notice", notice).status == 2)
    }

    @Test("--set refuses unknown keys and malformed values with what is allowed")
    func setIsChecked() throws {
        let folder = try Paths.temporaryDirectory().appendingPathComponent("tender").path
        let notice = Self.notices.appendingPathComponent("cn_24_minimal.xml").path
        let unknown = try ueaScreen("init", folder, "--notice", notice, "--set", "bibob=true")
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("'bibob' cannot be set; allowed: id, type"))
        let malformed = try ueaScreen("init", folder, "--notice", notice, "--set", "estimatedValue=1.500.000")
        #expect(malformed.status == 2)
        #expect(malformed.stderr.contains("estimatedValue=1.500.000: allowed: an amount in euro"))
        #expect(!FileManager.default.fileExists(atPath: folder))
    }
}
