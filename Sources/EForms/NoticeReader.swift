import DossierModel
import ESPD
import Foundation
import RuleData
import SafeXML

/// Reads an eForms notice with the fields and code meanings of `checklists/eforms.yaml`. Strict:
/// a notice of an unknown SDK version, a field given twice where the SDK allows it once, a date or
/// amount that is not one, or an exclusion-ground code of the wrong code list is refused with its
/// line; nothing is guessed.
public struct NoticeReader: Sendable {
    public let dictionary: NoticeDictionary
    let paths: [String: NoticePath]
    let nodes: [String: NoticePath]

    /// Compiles every XPath of the dictionary; one the reader cannot follow is refused with the
    /// dictionary file's name.
    public init(dictionary: NoticeDictionary, dictionaryPath: String = "checklists/eforms.yaml") throws {
        self.dictionary = dictionary
        var paths: [String: NoticePath] = [:]
        var nodes: [String: NoticePath] = [:]
        do {
            for field in dictionary.fields { paths[field.key] = try NoticePath(field.xpath, namespaces: dictionary.namespaces) }
            for node in dictionary.nodes { nodes[node.key] = try NoticePath(node.xpath, namespaces: dictionary.namespaces) }
        } catch {
            throw InputError(file: dictionaryPath, message: error.description)
        }
        self.paths = paths
        self.nodes = nodes
    }

    /// The root elements of the notice kinds eForms defines (UBL 2.3 document types).
    static let roots = ["ContractNotice", "ContractAwardNotice", "PriorInformationNotice", "BusinessRegistrationInformationNotice"]

    /// Reads the notice at `path` through SafeXML (no network, no entities, bounded size).
    public func read(path: String, displayName: String? = nil) throws -> TenderNotice {
        let name = displayName ?? path
        let document: XMLDocument
        do {
            document = try XMLDocument.parse(contentsOf: path, displayName: name)
        } catch {
            throw InputError(file: name, message: error.description)
        }
        return try read(document, source: name)
    }

    public func read(_ document: XMLDocument, source: String) throws -> TenderNotice {
        var reading = Reading(reader: self, document: document, source: source)
        return try reading.notice()
    }

    /// One notice being read: the phases in order, each refusing what it cannot read.
    struct Reading {
        let reader: NoticeReader
        let document: XMLDocument
        let source: String
        var root: XMLElement { document.root }
        var dictionary: NoticeDictionary { reader.dictionary }

        mutating func notice() throws -> TenderNotice {
            try checkRoot()
            let sdk = try sdkVersion()
            let type = try required("noticeType", what: "the notice type")
            guard let kind = dictionary.noticeKinds[type.value].flatMap(TenderNotice.Kind.init(rawValue:)) else {
                throw refusal(
                    type.line,
                    "BT-02 notice type '\(type.value)' is not one uea-screen knows; allowed: \(dictionary.noticeKinds.keys.sorted().joined(separator: ", "))"
                )
            }
            let legalBasis = try required("legalBasis", what: "the legal basis (BT-01)")
            let organisations = try organisationNames()
            let grounds = try exclusionGrounds(sdkMinor: sdk.minor)
            var notice = TenderNotice(
                source: source, sdkVersion: sdk.value, noticeType: type, kind: kind, legalBasis: legalBasis,
                procedureIdentifier: try single("procedureIdentifier"), internalReference: try single("internalReference"),
                title: firstLanguage("title"), buyers: try buyers(organisations), contractNature: try single("contractNature"),
                estimatedValue: try amount("estimatedValue", currency: "estimatedValueCurrency"),
                procedureType: try single("procedureType"), dispatchDate: try day("dispatchDate"),
                exclusionGrounds: grounds.mapped, groundsWithoutCriterion: grounds.unmapped,
                exclusionGroundsSource: try single("exclusionGroundsSource"),
                cpv: values("mainCPV") + values("additionalCPV"), lots: try lots(),
                winners: try winners(organisations), withheld: withheld())
            notice.rootLine = root.line
            return notice
        }

        func refusal(_ line: Int?, _ message: String) -> InputError { InputError(file: source, line: line, message: message) }

        func checkRoot() throws {
            let ubl = "urn:oasis:names:specification:ubl:schema:xsd:"
            let registration = "http://data.europa.eu/p27/eforms-business-registration-information-notice/1"
            guard Self.rootNames.contains(root.localName),
                root.namespaceURI?.hasPrefix(ubl) == true || root.namespaceURI == registration
            else {
                throw refusal(
                    root.line,
                    "the root element is '\(root.localName)'; an eForms notice is one of \(NoticeReader.roots.joined(separator: ", ")) in the UBL 2.3 (or eForms registration) namespaces"
                )
            }
        }
        static let rootNames = Set(NoticeReader.roots)

        /// `eforms-sdk-1.N` (with an optional patch version) within the versions eforms.yaml accepts.
        func sdkVersion() throws -> (value: NoticeValue<String>, minor: Int) {
            let versions = dictionary.sdkMinorVersions
            let allowed = "eforms-sdk-1.\(versions.from) to eforms-sdk-1.\(versions.to)"
            guard let version = try single("sdkVersion") else {
                throw refusal(root.line, "cbc:CustomizationID (the eForms SDK version) is missing or empty; allowed: \(allowed)")
            }
            let parts = version.value.split(separator: "-")
            let numbers = parts.count == 3 && parts[0] == "eforms" && parts[1] == "sdk" ? parts[2].split(separator: ".") : []
            guard numbers.count >= 2, numbers.count <= 3, numbers[0] == "1", let minor = Int(numbers[1]),
                (versions.from...versions.to).contains(minor), numbers.allSatisfy({ Int($0) != nil })
            else {
                throw refusal(
                    version.line,
                    "cbc:CustomizationID '\(version.value)' is not an eForms SDK version uea-screen reads; allowed: \(allowed)")
            }
            return (version, minor)
        }

        func path(_ key: String) -> NoticePath {
            guard let path = reader.paths[key] else { preconditionFailure("eforms.yaml validated without field \(key)") }
            return path
        }

        func field(_ key: String) -> String { dictionary.field(key)?.field ?? key }

        /// Every value of a field below `context`, trimmed; empty ones are left out.
        func values(_ key: String, below node: String? = nil, in context: XMLElement? = nil) -> [NoticeValue<String>] {
            var path = path(key)
            if let node, let parent = reader.nodes[node], let relative = path.below(parent) { path = relative }
            return path.values(from: context ?? root).compactMap { value in
                let text = value.text.trimmingCharacters(in: .whitespacesAndNewlines)
                return text.isEmpty ? nil : NoticeValue(text, field: field(key), line: value.line)
            }
        }

        /// A field the SDK allows once: a second, different value is refused (which one counts
        /// would be a guess).
        func single(_ key: String, below node: String? = nil, in context: XMLElement? = nil) throws -> NoticeValue<String>? {
            let found = values(key, below: node, in: context)
            if let first = found.first, let other = found.dropFirst().first(where: { $0.value != first.value }) {
                throw refusal(
                    other.line,
                    "\(field(key)) is given more than once with different values ('\(first.value)' on line \(first.line)); a notice gives it once"
                )
            }
            return found.first
        }

        /// A text the notice may give in several languages: the first, as the notice orders them.
        func firstLanguage(_ key: String, below node: String? = nil, in context: XMLElement? = nil) -> NoticeValue<String>? {
            values(key, below: node, in: context).first
        }

        func required(_ key: String, what: String) throws -> NoticeValue<String> {
            guard let value = try single(key) else {
                throw refusal(root.line, "\(what) is missing (\(field(key))); a notice always gives it")
            }
            return value
        }

        func day(_ key: String, below node: String? = nil, in context: XMLElement? = nil) throws -> NoticeValue<Day>? {
            guard let value = try single(key, below: node, in: context) else { return nil }
            guard let day = Day(value.value) else {
                throw refusal(value.line, "\(value.field): '\(value.value)' is not a date; allowed: YYYY-MM-DD with an optional time zone")
            }
            return value.map { _ in day }
        }

        /// An amount and its currency; -1 (a withheld value) is no amount.
        func amount(_ key: String, currency: String, below node: String? = nil, in context: XMLElement? = nil) throws -> NoticeValue<
            NoticeAmount
        >? {
            guard let value = try single(key, below: node, in: context) else { return nil }
            guard let amount = Double(value.value), amount.isFinite else {
                throw refusal(value.line, "\(value.field): '\(value.value)' is not an amount; allowed: digits with a decimal point")
            }
            if amount < 0 { return nil }
            guard let unit = try single(currency, below: node, in: context)?.value else {
                throw refusal(value.line, "\(value.field): the amount has no currencyID")
            }
            return value.map { _ in NoticeAmount(amount: amount, currency: unit) }
        }

        /// Organisation id (OPT-200) → its name (BT-500).
        func organisationNames() throws -> [String: NoticeValue<String>] {
            var names: [String: NoticeValue<String>] = [:]
            for organisation in reader.nodes["organisation"]!.elements(from: root) {
                guard let id = try single("organisationIdentifier", below: "organisation", in: organisation),
                    let name = firstLanguage("organisationName", below: "organisation", in: organisation)
                else { continue }
                names[id.value] = name
            }
            return names
        }

        func buyers(_ organisations: [String: NoticeValue<String>]) throws -> [TenderNotice.Buyer] {
            try reader.nodes["buyer"]!.elements(from: root).map { party in
                let reference = try single("buyer", below: "buyer", in: party)
                return TenderNotice.Buyer(
                    name: reference.flatMap { organisations[$0.value] }, legalType: try single("buyerLegalType", below: "buyer", in: party))
            }
        }

        /// BT-67 codes as ESPD grounds. SDK 1.12 and later use the exclusion-ground code list
        /// (exg-*); earlier versions the ESPD criterion short codes. A code of the other generation,
        /// or of neither, is refused.
        func exclusionGrounds(sdkMinor: Int) throws -> (mapped: [NoticeValue<String>], unmapped: [NoticeValue<String>]) {
            var mapped: [NoticeValue<String>] = []
            var unmapped: [NoticeValue<String>] = []
            let newCodes = sdkMinor >= dictionary.exclusionGroundCodesFrom
            for code in values("exclusionGround") {
                if newCodes {
                    guard let ground = dictionary.exclusionGrounds[code.value] else {
                        throw refusal(
                            code.line,
                            "BT-67 exclusion ground '\(code.value)' is not a code of the exclusion-ground list SDK 1.\(sdkMinor) uses; allowed: \(dictionary.exclusionGrounds.keys.sorted().joined(separator: ", "))"
                        )
                    }
                    if ground == "none" { unmapped.append(code) } else { mapped.append(code.map { _ in ground }) }
                } else {
                    guard let ground = ExclusionGrounds.ground(code: code.value),
                        ground.shortCode == code.value || ground.alternativeShortCodes.contains(code.value)
                    else {
                        throw refusal(
                            code.line,
                            "BT-67 exclusion ground '\(code.value)' is not an ESPD criterion code, which SDK versions before 1.\(dictionary.exclusionGroundCodesFrom) use (crime-org, corruption, …)"
                        )
                    }
                    mapped.append(code.map { _ in ground.ground })
                }
            }
            return (mapped, unmapped)
        }

        func lots() throws -> [TenderNotice.Lot] {
            try reader.nodes["lot"]!.elements(from: root).compactMap { lot in
                guard let id = try single("lot", below: "lot", in: lot) else { return nil }
                return TenderNotice.Lot(
                    id: id, title: firstLanguage("lotTitle", below: "lot", in: lot), nature: try single("lotNature", below: "lot", in: lot),
                    estimatedValue: try amount("lotEstimatedValue", currency: "lotEstimatedValueCurrency", below: "lot", in: lot),
                    cpv: values("lotMainCPV", below: "lot", in: lot) + values("lotAdditionalCPV", below: "lot", in: lot),
                    submissionDeadline: try day("lotSubmissionDeadline", below: "lot", in: lot),
                    participationDeadline: try day("lotParticipationDeadline", below: "lot", in: lot),
                    selectionCriteriaSource: values("lotSelectionCriteriaSource", below: "lot", in: lot))
            }
        }

        /// The winners of an award notice: results with a winner chosen (selec-w) → their tenders →
        /// the tendering parties → the organisations, with the beneficial owners each publishes.
        func winners(_ organisations: [String: NoticeValue<String>]) throws -> [TenderNotice.Winner] {
            var partyOfTender: [String: String] = [:]
            for tender in reader.nodes["tender"]!.elements(from: root) {
                if let id = try single("tender", below: "tender", in: tender),
                    let party = try single("tenderParty", below: "tender", in: tender)
                {
                    partyOfTender[id.value] = party.value
                }
            }
            var organisationsOfParty: [String: [String]] = [:]
            for party in reader.nodes["tenderingParty"]!.elements(from: root) {
                if let id = try single("tenderingParty", below: "tenderingParty", in: party) {
                    organisationsOfParty[id.value] = values("tenderer", below: "tenderingParty", in: party).map(\.value)
                }
            }
            var ownerNames: [String: NoticeValue<String>] = [:]
            for owner in reader.nodes["owner"]!.elements(from: root) {
                guard let id = try single("owner", below: "owner", in: owner) else { continue }
                let first = try single("ownerFirstName", below: "owner", in: owner)
                guard let family = try single("ownerFamilyName", below: "owner", in: owner) else { continue }
                ownerNames[id.value] = family.map { [first?.value, $0].compactMap { $0 }.joined(separator: " ") }
            }
            var ownersOfOrganisation: [String: [NoticeValue<String>]] = [:]
            for organisation in reader.nodes["organisation"]!.elements(from: root) {
                guard let id = try single("organisationIdentifier", below: "organisation", in: organisation) else { continue }
                ownersOfOrganisation[id.value] = values("organisationOwner", below: "organisation", in: organisation).compactMap {
                    ownerNames[$0.value]
                }
            }
            var winners: [TenderNotice.Winner] = []
            var seen: Set<String> = []
            for result in reader.nodes["lotResult"]!.elements(from: root) {
                guard try single("lotResultStatus", below: "lotResult", in: result)?.value == "selec-w" else { continue }
                let lot = try single("lotResultLot", below: "lotResult", in: result)?.value
                for tender in values("lotResultTender", below: "lotResult", in: result) {
                    guard let party = partyOfTender[tender.value] else { continue }
                    for organisation in organisationsOfParty[party] ?? [] {
                        guard let name = organisations[organisation], seen.insert("\(lot ?? "")|\(organisation)").inserted else { continue }
                        winners.append(TenderNotice.Winner(lot: lot, name: name, owners: ownersOfOrganisation[organisation] ?? []))
                    }
                }
            }
            return winners
        }

        /// Fields the notice marks as not published (`efac:FieldsPrivacy`), by their code.
        func withheld() -> [NoticeValue<String>] {
            let efac = dictionary.namespaces["efac"]
            let efbc = dictionary.namespaces["efbc"]
            return document.elements(named: "FieldsPrivacy").filter { $0.namespaceURI == efac }.flatMap { privacy in
                privacy.children.filter { $0.localName == "FieldIdentifierCode" && $0.namespaceURI == efbc }.compactMap { code in
                    code.nonEmptyText.map { NoticeValue($0, field: "BT-195", line: code.line) }
                }
            }
        }
    }
}
