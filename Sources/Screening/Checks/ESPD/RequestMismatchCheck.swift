import DossierModel
import ESPD

/// Criteria the tender's ESPD request asks for that the response leaves out or leaves unanswered.
struct RequestMismatchCheck: Check {
    let id = "espd.request-mismatch"
    let severity = Severity.attention
    let legalBasis = "Aw 2012 art. 2.84; Dir. 2014/24/EU art. 59"
    let summary = "Criteria asked in the ESPD request are missing or unanswered in the response"
    let nationalLegalBasis: String? = LegalRegime.applying("Aw 2012 art. 2.84")
    let dataFiles: [String] = []
    let dutchSummary = "Criteria die het UEA-verzoek vraagt, ontbreken in het antwoord of zijn niet beantwoord"
    let dutchLegalEffect = "criteria van het verzoek ontbreken of zijn niet beantwoord"
    let legalEffect = "criteria of the request missing or unanswered"

    func run(_ context: ScreeningContext) -> [Finding] {
        guard let request = context.request, context.espd.kind == .response else { return [] }
        let answered = Dictionary(context.espd.criteria.map { ($0.uuid.lowercased(), $0) }, uniquingKeysWith: { a, _ in a })
        return request.criteria.filter { $0.category == .exclusion || $0.category == .selection }.compactMap { asked in
            let response = answered[asked.uuid.lowercased()]
            if let response, !response.answers.isEmpty { return nil }
            let label = asked.ground ?? asked.codeShort ?? asked.uuid
            // A ground by its Dutch name; another criterion by its name as the request writes it, quoted.
            let nameNL = asked.ground.flatMap(ExclusionGrounds.ground(number:))?.dutchName ?? asked.name.map { "‘\($0)’" } ?? ""
            return finding(
                nl: response == nil
                    ? "Criterium \(label) (\(nameNL)) staat in het UEA-verzoek maar ontbreekt in het antwoord."
                    : "Criterium \(label) (\(nameNL)) is gevraagd maar niet beantwoord.",
                en: response == nil
                    ? "Criterion \(label) (\(asked.name ?? "")) is in the ESPD request but missing from the response."
                    : "Criterion \(label) (\(asked.name ?? "")) was asked but not answered.",
                evidence: [EvidencePointer(file: request.source, line: asked.line, path: asked.path, excerpt: label)]
                    + (response.map { [context.pointer($0)] } ?? []))
        }
    }

    var examples: CheckExamples {
        CheckExamples(
            triggering: [
                .fires(
                    "a criterion of the request missing from the response",
                    at: "uea.xml:107:/QualificationApplicationResponse[1]/cac:TenderingCriterion[2]"
                ) { context in
                    var request = context.submission.espd
                    request.kind = .request
                    context.request = request
                    context.submission.espd.criteria.removeAll { $0.ground == "C2" }
                },
                .fires(
                    "a criterion of the request present but not answered",
                    at: "uea.xml:171:/QualificationApplicationResponse[1]/cac:TenderingCriterion[3]"
                ) { context in
                    var request = context.submission.espd
                    request.kind = .request
                    request.criteria = request.criteria.filter { !$0.answers.isEmpty }
                    context.request = request
                    if let i = context.submission.espd.criteria.firstIndex(where: { $0.ground == "C3" }) {
                        context.submission.espd.criteria[i].answers = []
                    }
                },
            ],
            nonTriggering: [
                .quiet("every criterion of the request answered") { context in
                    var request = context.submission.espd
                    request.kind = .request
                    request.criteria = request.criteria.filter { !$0.answers.isEmpty }
                    context.request = request
                },
                .quiet("a request that asks for C1 and C2 only") { context in
                    var request = context.submission.espd
                    request.kind = .request
                    request.criteria = request.criteria.filter { ["C1", "C2"].contains($0.ground ?? "") }
                    context.request = request
                },
            ])
    }
}
