import DossierModel

/// BIB-R06: no UBO, or only pseudo-UBOs (senior management) for a company that is not listed.
struct MissingUBOCheck: Check {
    let id = "bibob.missing-ubo"
    let severity = Severity.attention
    let legalBasis = BibobText.basis + "; Wet Bibob art. 12(4)"
    let summary = "No ultimate beneficial owner declared, or only pseudo-UBOs"
    let dataFiles: [String] = []
    let dutchSummary = "Geen uiteindelijk belanghebbende (UBO) opgegeven, of alleen pseudo-UBO's"
    let dutchLegalEffect = BibobText.dutchEffect
    let legalEffect = BibobText.effect

    func run(_ context: ScreeningContext) -> [Finding] {
        guard let company = context.submission.bidder.company else { return [] }
        if company.pseudoUBOOnly == true {
            return [
                finding(
                    nl: "Alleen pseudo-UBO's (hoger leidinggevend personeel) geregistreerd." + BibobText.nl(context),
                    en: "Only pseudo-UBOs (senior management) are registered." + BibobText.en(context),
                    evidence: [context.submission.bidderPointer("company", excerpt: "pseudoUBOOnly")])
            ]
        }
        guard (company.ubos ?? []).isEmpty else { return [] }
        return [
            finding(
                nl: "Er is geen uiteindelijk belanghebbende (UBO) opgegeven." + BibobText.nl(context),
                en: "No ultimate beneficial owner (UBO) is declared." + BibobText.en(context),
                evidence: [context.submission.bidderPointer("company", excerpt: "ubos")])
        ]
    }

    var examples: CheckExamples {
        CheckExamples(
            triggering: [
                .fires("no UBO declared", at: "bidder.yaml:22:company") { $0.submission.bidder.company?.ubos = [] },
                .fires("only pseudo-UBOs (senior management) registered", at: "bidder.yaml:22:company") {
                    $0.submission.bidder.company?.pseudoUBOOnly = true
                },
            ],
            nonTriggering: [
                .quiet("one UBO") {
                    $0.submission.bidder.company?.ubos = [.init(name: "M. de Boer", role: "ubo")]
                    $0.submission.bidder.company?.pseudoUBOOnly = false
                },
                .quiet("two UBOs, pseudo-UBO flag false") {
                    $0.submission.bidder.company?.ubos = [.init(name: "M. de Boer", role: "ubo"), .init(name: "A. Smit", role: "ubo")]
                    $0.submission.bidder.company?.pseudoUBOOnly = false
                },
            ])
    }
}
