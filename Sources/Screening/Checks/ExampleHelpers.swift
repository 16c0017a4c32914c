import DossierModel
import EForms
import ESPD

/// Mutations the check examples use to turn the clean sample bidder into a case (internal: the
/// tests reach them through `@testable import`).
extension ScreeningContext {
    /// Sets the "Your answer" of an exclusion ground, optionally with a conviction/event date,
    /// a description and a self-cleaning answer. Polarity is the EDM one (true = ground applies).
    mutating func declare(
        ground: String, applies: Bool?, date: String? = nil, description: String? = nil,
        selfCleaning: Bool? = nil, paidOrArrangement: Bool? = nil, finalAndBinding: Bool? = nil
    ) {
        var document = submission.espd
        guard let index = document.criteria.firstIndex(where: { $0.ground == ground }) else { return }
        var criterion = document.criteria[index]
        criterion.answer = applies
        criterion.polarity = criterion.polarity ?? .trueMeansGroundApplies
        criterion.groundApplies = applies.flatMap { PolarityRules.groundApplies(answer: $0, polarity: criterion.polarity!) }
        criterion.selfCleaning = selfCleaning
        func answer(_ question: String, _ type: String) -> Answer {
            Answer(
                property: "example/\(question)", question: question, type: type, instance: 1, applicable: true, gatedBy: "example",
                criminalData: ExclusionGrounds.ground(number: ground)?.part == "A", line: criterion.line, path: criterion.path)
        }
        criterion.answers.removeAll { $0.property?.hasPrefix("example/") == true }
        if let date {
            var a = answer("Date of conviction", "DATE")
            a.date = date
            criterion.answers.append(a)
        }
        if let description {
            var a = answer("Please describe them", "DESCRIPTION")
            a.description = description
            criterion.answers.append(a)
        }
        if let paidOrArrangement {
            var a = answer(
                "Has the economic operator fulfilled its obligations by paying or entering into a binding arrangement?", "INDICATOR")
            a.indicator = paidOrArrangement
            criterion.answers.append(a)
        }
        if let finalAndBinding {
            var a = answer(
                "If this breach of obligations was established through a judicial or administrative decision, was this decision final and binding?",
                "INDICATOR")
            a.indicator = finalAndBinding
            criterion.answers.append(a)
        }
        document.criteria[index] = criterion
        submission.espd = document
    }

    /// Adds a reader conflict to the criterion of `ground` (examples of the conflict checks).
    mutating func add(conflict: AnswerConflict, ground: String) {
        guard let index = submission.espd.criteria.firstIndex(where: { $0.ground == ground }) else { return }
        submission.espd.criteria[index].conflicts.append(conflict)
    }

    /// Changes the first tier of the supply-chain declaration named `name`.
    mutating func tier(_ name: String, _ change: (inout SupplyChainTier) -> Void) {
        guard let index = submission.supplyChain?.firstIndex(where: { $0.tier == name }) else { return }
        change(&submission.supplyChain![index])
    }

    /// Gives the tender an ESPD request: the bidder's response as the authority's request, changed by `change`.
    mutating func requestFromResponse(_ change: (inout ESPDDocument) -> Void = { _ in }) {
        var request = submission.espd
        request.kind = .request
        change(&request)
        self.request = request
    }

    /// Sets the polarity and answer of C23 (misrepresentation).
    mutating func setC23(polarity: AnswerPolarity, answer: Bool?) {
        guard let index = submission.espd.criteria.firstIndex(where: { $0.ground == "C23" }) else { return }
        submission.espd.criteria[index].polarity = polarity
        submission.espd.criteria[index].answer = answer
    }
}

extension NoticeTender {
    /// A contract notice (notice.xml) that publishes exactly what the example tender file says:
    /// each value on its own line, in the order of a notice.
    static func example(for tender: TenderContext) -> NoticeTender {
        func value<V>(_ value: V, _ field: String, _ line: Int) -> NoticeValue<V> { NoticeValue(value, field: field, line: line) }
        let grounds = ["C1", "C2", "C3"] + tender.optionalGrounds
        let notice = TenderNotice(
            source: "notice.xml", sdkVersion: value("eforms-sdk-1.15", "OPT-002-notice", 40),
            noticeType: value("cn-standard", "BT-02-notice", 45), kind: .call, legalBasis: value("32014L0024", "BT-01-notice", 44),
            procedureIdentifier: value(tender.id ?? "", "BT-04-notice", 42),
            exclusionGrounds: grounds.enumerated().map { value($1, "BT-67(a)-Procedure", 80 + 4 * $0) })
        return NoticeTender(
            notice: notice, id: value(tender.id ?? "", "BT-04-notice", 42), otherReferences: [],
            name: tender.name.map { value($0, "BT-21-Procedure", 60) }, authorityName: nil,
            authorityKind: value(tender.authority.kind, "BT-11-Procedure-Buyer", 50),
            type: tender.type.map { value($0, "BT-23-Procedure", 62) },
            estimatedValue: tender.estimatedValue.map { value($0, "BT-27-Procedure", 64) },
            procedure: tender.procedure.map { value($0, "BT-01-notice", 44) },
            launchDate: tender.launchDate.map { value($0, "BT-05(a)-notice", 43) },
            submissionDeadline: tender.submissionDeadline.map { value($0, "BT-131(d)-Lot", 140) }, stage: tender.stage,
            cpv: tender.cpv.enumerated().map {
                value(String($1.prefix(8)), $0 == 0 ? "BT-262-Procedure" : "BT-263-Procedure", 66 + 3 * $0)
            },
            optionalGrounds: tender.optionalGrounds.enumerated().map { value($1, "BT-67(a)-Procedure", 92 + 4 * $0) }, winners: [],
            notes: [], missing: [])
    }
}
