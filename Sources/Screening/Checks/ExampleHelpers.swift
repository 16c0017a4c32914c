import DossierModel
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

    /// Sets the polarity and answer of C23 (misrepresentation).
    mutating func setC23(polarity: AnswerPolarity, answer: Bool?) {
        guard let index = submission.espd.criteria.firstIndex(where: { $0.ground == "C23" }) else { return }
        submission.espd.criteria[index].polarity = polarity
        submission.espd.criteria[index].answer = answer
    }
}
