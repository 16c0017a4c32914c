import DossierModel
import EForms
import ESPD
import RuleData

/// A tender-file value that differs from what the notice publishes: the key, both values in Dutch
/// and English, and where the notice says it.
public struct NoticeDifference: Sendable, Equatable {
    public var key: String
    public var tenderNL: String
    public var tenderEN: String
    public var noticeNL: String
    public var noticeEN: String
    public var field: String
    public var line: Int
}

extension NoticeTender {
    /// Every key of `tender` whose value differs from the notice's (a key the tender file leaves
    /// out while the notice gives it differs too). Keys the notice does not establish are not compared.
    public func differences(from tender: TenderContext) -> [NoticeDifference] {
        var result: [NoticeDifference] = []
        func add<V>(_ key: String, _ notice: NoticeValue<V>?, _ given: V?, _ show: (V) -> (String, String)) where V: Equatable {
            guard let notice, given != notice.value else { return }
            let shown = given.map(show) ?? ("niet ingevuld", "not given")
            let published = show(notice.value)
            result.append(
                NoticeDifference(
                    key: key, tenderNL: shown.0, tenderEN: shown.1, noticeNL: published.0, noticeEN: published.1, field: notice.field,
                    line: notice.line))
        }
        // id: the tender's reference or one of its other references must be one the notice publishes.
        let references = Set(([tender.id].compactMap { $0 } + tender.otherReferences).map { $0.trimmingBlanks() })
        let published = ([id] + otherReferences).compactMap { $0 }
        if let first = published.first, references.isDisjoint(with: published.map(\.value)) {
            let given = tender.id ?? "niet ingevuld"
            let list = published.map { "'\($0.value)'" }.joined(separator: ", ")
            result.append(
                NoticeDifference(
                    key: "id", tenderNL: "'\(given)'", tenderEN: "'\(tender.id ?? "not given")'", noticeNL: list, noticeEN: list,
                    field: first.field, line: first.line))
        }
        add("type", type, tender.type) { (Self.typeNL($0), Self.typeEN($0)) }
        add(
            "estimatedValue", estimatedValue.map { $0.map { ($0 * 100).rounded() / 100 } },
            tender.estimatedValue.map { ($0 * 100).rounded() / 100 }
        ) {
            (Euro.nl($0), Euro.en($0))
        }
        add("procedure", procedure, tender.procedure) { (Self.procedureNL($0), Self.procedureEN($0)) }
        add("launchDate", launchDate, tender.launchDate) { ($0.dutch, $0.description) }
        add("submissionDeadline", submissionDeadline, tender.submissionDeadline) { ($0.dutch, $0.description) }
        add("authority.kind", authorityKind, tender.authority.kind) {
            $0 == .central ? ("centrale overheid", "central government authority") : ("decentrale overheid", "sub-central authority")
        }
        compareCPV(tender, into: &result)
        compareLots(tender, into: &result)
        compareGrounds(tender, into: &result)
        return result
    }

    /// The grounds the notice announces (BT-67) that `request` does not ask, each once, at its
    /// first line in the notice.
    public func groundsNotAsked(in request: ESPDDocument) -> [NoticeValue<String>] {
        let asked = Set(request.criteria.compactMap(\.ground))
        var seen: Set<String> = []
        return notice.exclusionGrounds.filter { !asked.contains($0.value) && seen.insert($0.value).inserted }
    }

    /// CPV codes compared on their eight digits (a tender file may add the check digit).
    func compareCPV(_ tender: TenderContext, into result: inout [NoticeDifference]) {
        guard let first = cpv.first else { return }
        let given = Set((tender.cpv + tender.lots.flatMap(\.cpv)).map { String($0.prefix(8)) })
        let published = Set(cpv.map { String($0.value.prefix(8)) })
        guard given != published else { return }
        let shownGiven = given.isEmpty ? nil : given.sorted().joined(separator: ", ")
        let shownPublished = published.sorted().joined(separator: ", ")
        result.append(
            NoticeDifference(
                key: "cpv", tenderNL: shownGiven ?? "niet ingevuld", tenderEN: shownGiven ?? "not given", noticeNL: shownPublished,
                noticeEN: shownPublished, field: first.field, line: first.line))
    }

    /// The lots of a notice divided into lots, each with its CPV codes (on their eight digits): a lot
    /// the tender file lacks, one it adds, or a lot's codes that differ. They decide a bid's scope.
    func compareLots(_ tender: TenderContext, into result: inout [NoticeDifference]) {
        let lots = notice.lots
        guard lots.count > 1 || !tender.lots.isEmpty, let first = lots.first else { return }
        func codes(_ list: [String]) -> String { list.isEmpty ? "" : ", CPV " + list.joined(separator: ", ") }
        for lot in lots {
            let published = Set(lot.cpv.map { String($0.value.prefix(8)) })
            let shown = "\(lot.id.value)\(codes(published.sorted()))"
            guard let given = tender.lots.first(where: { TenderContext.Lot.key($0.id) == TenderContext.Lot.key(lot.id.value) }) else {
                result.append(
                    NoticeDifference(
                        key: "lots", tenderNL: "geen perceel \(lot.id.value)", tenderEN: "no lot \(lot.id.value)",
                        noticeNL: "perceel " + shown,
                        noticeEN: "lot " + shown, field: lot.id.field, line: lot.id.line))
                continue
            }
            let givenCodes = Set(given.cpv.map { String($0.prefix(8)) })
            guard !published.isEmpty, givenCodes != published else { continue }
            let at = lot.cpv.first ?? lot.id
            let givenShown = "\(given.id)\(codes(givenCodes.sorted()))"
            result.append(
                NoticeDifference(
                    key: "lots", tenderNL: "perceel " + givenShown, tenderEN: "lot " + givenShown, noticeNL: "perceel " + shown,
                    noticeEN: "lot " + shown, field: at.field, line: at.line))
        }
        for lot in tender.lots where !lots.contains(where: { TenderContext.Lot.key($0.id.value) == TenderContext.Lot.key(lot.id) }) {
            let published = lots.map(\.id.value).joined(separator: ", ")
            result.append(
                NoticeDifference(
                    key: "lots", tenderNL: "perceel \(lot.id)", tenderEN: "lot \(lot.id)", noticeNL: "alleen de percelen \(published)",
                    noticeEN: "only the lots \(published)", field: first.id.field, line: first.id.line))
        }
    }

    /// The optional grounds, when the notice lists its grounds.
    func compareGrounds(_ tender: TenderContext, into result: inout [NoticeDifference]) {
        guard let optionalGrounds else { return }
        let given = Set(tender.optionalGrounds.map { $0.uppercased() })
        let published = Set(optionalGrounds.map(\.value))
        guard given != published || !tender.optionalGroundsGiven else { return }
        func show(_ grounds: Set<String>) -> String {
            grounds.sorted { Int($0.dropFirst()) ?? 0 < Int($1.dropFirst()) ?? 0 }.joined(separator: ", ")
        }
        let origin = optionalGrounds.first ?? notice.noticeType
        let noneNL = "geen facultatieve gronden"
        let noneEN = "no optional grounds"
        result.append(
            NoticeDifference(
                key: "optionalGrounds",
                tenderNL: tender.optionalGroundsGiven ? (given.isEmpty ? noneNL : show(given)) : "niet ingevuld",
                tenderEN: tender.optionalGroundsGiven ? (given.isEmpty ? noneEN : show(given)) : "not given",
                noticeNL: published.isEmpty ? noneNL : show(published), noticeEN: published.isEmpty ? noneEN : show(published),
                field: origin.field, line: origin.line))
    }

    static func typeNL(_ type: TenderContext.ContractType) -> String {
        switch type {
        case .leveringen: "leveringen"
        case .diensten: "diensten"
        case .werken: "werken"
        case .concessie: "concessie"
        case .socialeDiensten: "sociale en andere specifieke diensten"
        }
    }

    static func typeEN(_ type: TenderContext.ContractType) -> String {
        switch type {
        case .leveringen: "supplies"
        case .diensten: "services"
        case .werken: "works"
        case .concessie: "concession"
        case .socialeDiensten: "social and other specific services"
        }
    }

    static func procedureNL(_ procedure: ProcedureKind) -> String {
        switch procedure {
        case .enkelvoudig: "enkelvoudig onderhands"
        case .meervoudig: "meervoudig onderhands"
        case .nationaal: "nationaal"
        case .europees: "Europees"
        }
    }

    static func procedureEN(_ procedure: ProcedureKind) -> String {
        switch procedure {
        case .enkelvoudig: "single-quote (enkelvoudig onderhands)"
        case .meervoudig: "multiple-quote (meervoudig onderhands)"
        case .nationaal: "national"
        case .europees: "European"
        }
    }
}
