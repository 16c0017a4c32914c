/// Shared text of the Bibob red-flag checks: each is an attention item that feeds a Bibob
/// questionnaire (Regeling Bibob-formulieren 2024, Bijlage 1), never a ground for exclusion. The
/// facts are company data, not criminal-law data (AVG art. 10 covers convictions and Bibob advice,
/// not red flags), so the findings are not marked as such.
enum BibobText {
    static let basis = "Wet Bibob art. 3, 5, 12(4); Regeling Bibob-formulieren 2024"
    static let dutchEffect =
        "een signaal voor een Bibob-vragenlijst, nooit een uitsluiting; geen strafrechtelijke gegevens; de melding zegt het als de aanbesteding geen Bibob-toets heeft aangekondigd"

    static let effect =
        "a red flag for a Bibob questionnaire, never exclusion; not criminal-law data; the message says when the tender announced no Bibob check"

    /// The closing sentence; when the tender did not announce a Bibob check, it says that a
    /// questionnaire needs prior announcement in the tender documents.
    static func nl(_ context: ScreeningContext) -> String {
        context.tender.bibob
            ? " Signaal voor een Bibob-vragenformulier, geen uitsluitingsgrond."
            : " Signaal voor een Bibob-vragenformulier, geen uitsluitingsgrond; zo'n formulier vraagt wel een voorafgaande aankondiging in de aanbestedingsstukken, en deze aanbesteding kondigde geen Bibob-toets aan."
    }

    static func en(_ context: ScreeningContext) -> String {
        context.tender.bibob
            ? " A signal for a Bibob questionnaire, not a ground for exclusion."
            : " A signal for a Bibob questionnaire, not a ground for exclusion; such a questionnaire needs prior announcement in the tender documents, and this tender announced no Bibob check."
    }
}
