/// Shared text of the Bibob red-flag checks: each is an attention item that feeds a Bibob
/// questionnaire (Regeling Bibob-formulieren 2024, Bijlage 1), never a ground for exclusion.
enum BibobText {
    static let basis = "Wet Bibob art. 3, 5, 12(4) (indicator, shared/domain.md §3.2); Regeling Bibob-formulieren 2024"
    static let nl = " Signaal voor een Bibob-vragenformulier, geen uitsluitingsgrond."
    static let en = " A signal for a Bibob questionnaire, not a ground for exclusion."
}
