import DossierModel
import ESPD

/// A question of the response with no single clear answer (answered twice, two values,
/// disagreeing or unreadable values), or whose structure differs from the question the
/// authority asked. The reader never picks one reading: the ground checks read the answer under
/// which the ground applies, and this check asks a jurist to have the bidder clarify.
/// Assumption: a clarification of the bidder's own declaration is allowed; a new answer is not
/// (Dir. 2014/24/EU art. 56(3): clarify or complete, equal treatment).
struct AnswerConflictCheck: Check {
    let id = "espd.answer-conflict"
    let severity = Severity.attention
    let legalBasis = "Aw 2012 art. 2.84; Dir. 2014/24/EU art. 56(3), 59(1); Implementing Reg. (EU) 2016/7, Annex 2"
    let summary = "A question of the ESPD has more than one, disagreeing, unreadable or re-structured answers"
    let nationalLegalBasis: String? = LegalRegime.applying("Aw 2012 art. 2.84")
    let dataFiles: [String] = []
    let dutchSummary =
        "Een vraag van het UEA heeft meer dan één antwoord, tegenstrijdige of onleesbare antwoorden, of antwoorden in een gewijzigde structuur"
    let dutchLegalEffect =
        "meerdere, tegenstrijdige of anders gestructureerde antwoorden: verduidelijking van de eigen verklaring van de inschrijver (Richtlijn 2014/24/EU art. 56 lid 3); de controles op de uitsluitingsgronden lezen al het antwoord dat geldt"
    let legalEffect =
        "several, disagreeing or re-structured answers: clarification of the bidder's own declaration (art. 56(3)); the ground checks already read the applying answer"
    let entities = EntityScope.everyEntity

    func run(_ context: ScreeningContext) -> [Finding] {
        guard context.espd.kind == .response else { return [] }
        return context.espd.criteria.filter { !$0.conflicts.isEmpty }.map { criterion in
            let label = Self.label(criterion)
            let lines = Array(Set(criterion.conflicts.flatMap(\.lines))).sorted()
            let evidence =
                [context.pointer(criterion)]
                + lines.map {
                    EvidencePointer(
                        file: criterion.source ?? context.espd.source, line: $0, excerpt: criterion.ground ?? criterion.codeShort)
                }
            var details = ["conflicts": criterion.conflicts.map(\.kind.rawValue).joined(separator: ", ")]
            if let ground = criterion.ground { details["ground"] = ground }
            let applies = criterion.groundApplies == true && criterion.conflicts.contains(where: \.concernsYourAnswer)
            return finding(
                nl: "\(label.nl): het UEA geeft geen eenduidig antwoord. " + criterion.conflicts.map(\.dutch).joined(separator: " ")
                    + (applies ? " Ten minste één lezing bevestigt de uitsluitingsgrond; zo is het UEA beoordeeld." : "")
                    + " Vraag de inschrijver om verduidelijking van de eigen verklaring.",
                en: "\(label.en): the ESPD does not give one clear answer. " + criterion.conflicts.map(\.message).joined(separator: ". ")
                    + (applies ? ". At least one reading confirms the exclusion ground; the ESPD was assessed that way." : ".")
                    + " Ask the bidder to clarify its own declaration.",
                evidence: evidence, details: details)
        }
    }

    static func label(_ criterion: Criterion) -> (nl: String, en: String) {
        if let ground = criterion.ground.flatMap(ExclusionGrounds.ground(number:)) {
            return ("Uitsluitingsgrond \(ground.ground) (\(ground.dutchName))", "Exclusion ground \(ground.ground) (\(ground.dutchName))")
        }
        let name = criterion.name ?? criterion.codeShort ?? criterion.uuid
        return ("Criterium \(name)", "Criterion \(name)")
    }

    var examples: CheckExamples {
        CheckExamples(
            triggering: [
                .fires(
                    "'Your answer' to C2 given twice, no and yes",
                    at: "uea.xml:107:/QualificationApplicationResponse[1]/cac:TenderingCriterion[2]"
                ) { context in
                    context.declare(ground: "C2", applies: true)
                    let line = context.espd.criteria.first { $0.ground == "C2" }!.line
                    context.add(
                        conflict: AnswerConflict(
                            kind: .disagreeingValues, property: "C2_EG_corruption/QG1/Q1",
                            message: "\"Your answer\" is answered 2 times with different values", lines: [line + 1, line + 2],
                            values: ["false", "true"]), ground: "C2")
                },
                .fires(
                    "two readings of C1 and of C5: one finding each",
                    at: "uea.xml:43:/QualificationApplicationResponse[1]/cac:TenderingCriterion[1]",
                    "uea.xml:299:/QualificationApplicationResponse[1]/cac:TenderingCriterion[5]"
                ) { context in
                    for ground in ["C1", "C5"] {
                        let line = context.espd.criteria.first { $0.ground == ground }!.line
                        context.add(
                            conflict: AnswerConflict(
                                kind: .disagreeingValues, property: "\(ground)/QG1/Q1", message: "answered twice",
                                lines: [line + 1, line + 2],
                                values: ["false", "true"]), ground: ground)
                    }
                },
            ],
            nonTriggering: [
                .quiet("C2 answered yes once, with a date") {
                    $0.declare(ground: "C2", applies: true, date: $0.referenceDate.adding(years: -1).description)
                },
                .quiet("two readings in a request (nothing declared)") { context in
                    context.submission.espd.kind = .request
                    context.add(
                        conflict: AnswerConflict(
                            kind: .disagreeingValues, property: "C2/QG1/Q1", message: "answered twice", lines: [10, 11],
                            values: ["false", "true"]), ground: "C2")
                },
            ])
    }
}
