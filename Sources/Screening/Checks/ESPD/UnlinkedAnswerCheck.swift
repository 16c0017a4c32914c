import DossierModel
import ESPD

/// Answers that name a question (property id) the ESPD does not declare. They are kept and
/// shown with the criterion they most likely belong to; a yes/no answer that belongs to an
/// exclusion criterion is also read as an answer to it (`espd.answer-conflict`).
struct UnlinkedAnswerCheck: Check {
    let id = "espd.unlinked-answer"
    let severity = Severity.attention
    let legalBasis = "Aw 2012 art. 2.84; Dir. 2014/24/EU art. 56(3); Implementing Reg. (EU) 2016/7, Annex 2"
    let summary = "Answers name a question that the ESPD does not declare"
    let nationalLegalBasis: String? = LegalRegime.applying("Aw 2012 art. 2.84")
    let dataFiles: [String] = []
    let dutchSummary = "Antwoorden verwijzen naar een vraag die niet in het UEA staat"
    let dutchLegalEffect = "antwoorden zonder vraag: bewaard, om verduidelijking vragen"
    let legalEffect = "answers that name no question: kept, clarification"
    let entities = EntityScope.everyEntity

    func run(_ context: ScreeningContext) -> [Finding] {
        let unlinked = context.espd.unlinkedAnswers
        guard context.espd.kind == .response, !unlinked.isEmpty else { return [] }
        let lines = unlinked.map(\.line)
        let grounds = Array(Set(unlinked.compactMap(\.belongsTo))).sorted()
        let belongs = grounds.isEmpty ? "" : grounds.joined(separator: ", ")
        let evidence = unlinked.prefix(20).map { answer in
            EvidencePointer(file: context.espd.source, line: answer.line, path: answer.path, excerpt: answer.belongsTo)
        }
        return [
            finding(
                nl:
                    "\(unlinked.count == 1 ? "Eén antwoord verwijst" : "\(Dutch.number(unlinked.count)) antwoorden verwijzen") naar een vraag die niet in het UEA staat (\(lines.count == 1 ? "regel" : "regels") \(Dutch.lines(lines)))"
                    + (belongs.isEmpty ? "." : "; waarschijnlijk \(grounds.count == 1 ? "hoort het" : "horen ze") bij \(belongs).")
                    + " Deze antwoorden zijn bewaard; vraag de inschrijver om verduidelijking.",
                en:
                    "\(unlinked.count) answer\(unlinked.count == 1 ? "" : "s") name\(unlinked.count == 1 ? "s" : "") a question the ESPD does not declare (line\(lines.count == 1 ? "" : "s") \(lines.prefix(20).map(String.init).joined(separator: ", ")))"
                    + (belongs.isEmpty ? "." : "; most likely belonging to \(belongs).") + " They were kept; ask the bidder to clarify.",
                evidence: Array(evidence),
                details: ["count": String(unlinked.count)].merging(belongs.isEmpty ? [:] : ["belongsTo": belongs]) { a, _ in a })
        ]
    }

    var examples: CheckExamples {
        CheckExamples(
            triggering: [
                .fires(
                    "an answer whose question id carries a zero-width space",
                    at: "uea.xml:1150:/QualificationApplicationResponse[1]/cac:TenderingCriterionResponse[25]"
                ) { context in
                    context.submission.espd.unlinkedAnswers = [Self.unlinked(line: 1150, response: 25)]
                },
                .fires(
                    "two such answers: one finding",
                    at: "uea.xml:1150:/QualificationApplicationResponse[1]/cac:TenderingCriterionResponse[25]"
                ) { context in
                    context.submission.espd.unlinkedAnswers = [
                        Self.unlinked(line: 1150, response: 25), Self.unlinked(line: 1170, response: 26),
                    ]
                },
            ],
            nonTriggering: [
                .quiet("a whole criterion left out (espd.exclusion-missing reports it)") {
                    $0.submission.espd.criteria.removeAll { $0.ground == "C4" }
                },
                .quiet("an unlinked answer in a request") {
                    $0.submission.espd.kind = .request
                    $0.submission.espd.unlinkedAnswers = [Self.unlinked(line: 1150, response: 25)]
                },
            ])
    }

    static func unlinked(line: Int, response: Int) -> Answer {
        var answer = Answer(
            property: "C1_EG_crime-org/QG1/Q1\u{200B}", question: nil, type: nil, instance: 1, applicable: true, gatedBy: nil,
            criminalData: false, line: line, path: "/QualificationApplicationResponse[1]/cac:TenderingCriterionResponse[\(response)]")
        answer.indicator = false
        answer.belongsTo = "C1"
        return answer
    }
}
