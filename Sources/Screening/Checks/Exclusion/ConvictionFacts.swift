import DossierModel
import ESPD

/// What the answers of a conviction ground (Part III A) say about dates, read once for the
/// mandatory-ground, expired-conviction and conviction-date checks.
///
/// Every date the criterion's answers carry counts, whatever property, gate, type or form the
/// bidder's copy gives it: a date behind a group retyped ONTRUE → ONFALSE, a date property retyped
/// as a description, `01-06-2025` for `2025-06-01`, or a second date beside the first. The most
/// recent date not after the reference date is the conviction's (the window runs from it); every
/// way in which the dates are not one clear ISO date is kept in `unclear`, for a finding.
struct ConvictionFacts {
    /// The most recent plausible conviction date answered (the window runs from it).
    var latestConviction: Day?
    /// The end of an exclusion period set in the conviction, when answered.
    var periodEnd: Day?
    var pointer: EvidencePointer?
    /// Why the dates are not one clear answer, each with the answer it is about.
    var unclear: [(answer: Answer, nl: String, en: String)] = []
    /// A date after the reference date, or a value that is no date at all: it may stand for a
    /// recent conviction (2099 for 2025), so the conviction cannot be shown to have expired.
    var hasImplausibleDate = false

    init(_ criterion: Criterion, context: ScreeningContext) {
        var plausible: [(Answer, Day)] = []
        for answer in criterion.answers {
            guard let raw = answer.date ?? (answer.type == "DATE" ? answer.description : nil) else { continue }
            var day = Day(raw)
            if day == nil {
                day = Self.otherForm(raw)
                if day == nil { hasImplausibleDate = true }
                unclear.append(
                    (
                        answer,
                        day.map { "de datum ‘\($0.dutch)’ is niet als JJJJ-MM-DD geschreven" } ?? "de waarde op deze plaats is geen datum",
                        day.map { "the date \($0) is not written as YYYY-MM-DD" } ?? "the value in a date's place is not a date"
                    ))
            }
            guard let day else { continue }
            if day > context.referenceDate {
                hasImplausibleDate = true
                unclear.append((answer, "de datum \(day.dutch) ligt na de peildatum", "the date \(day) is after the reference date"))
                continue
            }
            if !answer.applicable {
                unclear.append(
                    (
                        answer, "de datum \(day.dutch) staat in een groep die volgens de antwoorden niet van toepassing is",
                        "the date \(day) sits in a group that the answers make not applicable"
                    ))
            }
            plausible.append((answer, day))
        }
        for instance in Set(plausible.map(\.0.instance)).sorted() {
            let days = Set(plausible.filter { $0.0.instance == instance }.map(\.1))
            if days.count > 1, let answer = plausible.first(where: { $0.0.instance == instance })?.0 {
                let list = days.sorted()
                unclear.append(
                    (
                        answer, "voor één veroordeling staan \(list.count) datums: \(list.map(\.dutch).joined(separator: ", "))",
                        "one conviction has \(list.count) dates: \(list.map(\.description).joined(separator: ", "))"
                    ))
            }
        }
        if let latest = plausible.max(by: { $0.1 < $1.1 }) {
            latestConviction = latest.1
            pointer = context.pointer(latest.0)
        }
        periodEnd = criterion.answers.compactMap { $0.period?.end.flatMap(Day.init) }.max()
    }

    /// `01-06-2025`, `1/6/2025`, `01.06.2025` (day first, as Dutch and most European dates) and
    /// `2025/06/01`: read, and reported as unclear.
    static func otherForm(_ text: String) -> Day? {
        let parts = text.trimmingBlanks().split(whereSeparator: { $0 == "-" || $0 == "/" || $0 == "." }).map(String.init)
        guard parts.count == 3, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isNumber) }) else { return nil }
        let (year, month, day): (String, String, String) =
            parts[0].count == 4 ? (parts[0], parts[1], parts[2]) : (parts[2], parts[1], parts[0])
        guard year.count == 4, month.count <= 2, day.count <= 2 else { return nil }
        return Day("\(year)-\(month.count == 1 ? "0" + month : month)-\(day.count == 1 ? "0" + day : day)")
    }

    /// Every conviction ground (Part III A) the bidder declared as applying, with its facts.
    static func declared(in context: ScreeningContext) -> [(criterion: Criterion, ground: ExclusionGround, facts: ConvictionFacts)] {
        context.espd.criteria.compactMap { criterion in
            guard let ground = criterion.ground.flatMap(ExclusionGrounds.ground(number:)), ground.part == "A",
                criterion.groundApplies == true
            else { return nil }
            return (criterion, ground, ConvictionFacts(criterion, context: context))
        }
    }

    /// A conviction counts for `years` after its date, or longer while a period set in it runs.
    func expired(at reference: Day, years: Int) -> Bool {
        guard let latestConviction, !hasImplausibleDate else { return false }  // no clear date: cannot be shown to have expired
        if let periodEnd, periodEnd >= reference { return false }
        return latestConviction.adding(years: years) < reference
    }
}
