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
        let given = Set(tender.cpv.map { String($0.prefix(8)) })
        let published = Set(cpv.map { String($0.value.prefix(8)) })
        guard given != published else { return }
        let shownGiven = given.isEmpty ? nil : given.sorted().joined(separator: ", ")
        let shownPublished = published.sorted().joined(separator: ", ")
        result.append(
            NoticeDifference(
                key: "cpv", tenderNL: shownGiven ?? "niet ingevuld", tenderEN: shownGiven ?? "not given", noticeNL: shownPublished,
                noticeEN: shownPublished, field: first.field, line: first.line))
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
