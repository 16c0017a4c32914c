import DossierModel
import ESPD

/// Criteria the tender's ESPD request asks for that the response leaves out or leaves unanswered.
struct RequestMismatchCheck: Check {
    let id = "espd.request-mismatch"
    let severity = Severity.attention
    let legalBasis = "Aw 2012 art. 2.84; Dir. 2014/24/EU art. 59"
    let summary = "Criteria asked in the ESPD request are missing or unanswered in the response"
    let dataFiles: [String] = []

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
                nl: response == nil ? "Criterium \(label) (\(nameNL)) staat in het UEA-verzoek maar ontbreekt in het antwoord." : "Criterium \(label) (\(nameNL)) is gevraagd maar niet beantwoord.",
                en: response == nil ? "Criterion \(label) (\(asked.name ?? "")) is in the ESPD request but missing from the response." : "Criterion \(label) (\(asked.name ?? "")) was asked but not answered.",
                evidence: [EvidencePointer(file: request.source, line: asked.line, path: asked.path, excerpt: label)] + (response.map { [context.pointer($0)] } ?? []))
        }
    }

    var examples: CheckExamples {
        CheckExamples(
            triggering: { context in
                var request = context.submission.espd
                request.kind = .request
                context.request = request
                context.submission.espd.criteria.removeAll { $0.ground == "C2" }
            },
            nonTriggering: { context in
                var request = context.submission.espd
                request.kind = .request
                request.criteria = request.criteria.filter { !$0.answers.isEmpty }
                context.request = request
            })
    }
}
