import DossierModel
import ESPD

/// What the answers of a conviction ground (Part III A) say about dates, read once for the
/// mandatory-ground and expired-conviction checks.
struct ConvictionFacts {
    /// The most recent conviction date answered (the window runs from it).
    var latestConviction: Day?
    /// The end of an exclusion period set in the conviction, when answered.
    var periodEnd: Day?
    var pointer: EvidencePointer?

    init(_ criterion: Criterion, context: ScreeningContext) {
        let dated = criterion.answers.filter { $0.applicable && $0.type == "DATE" }
        let days = dated.compactMap { answer in answer.date.flatMap(Day.init).map { (answer, $0) } }
        if let latest = days.max(by: { $0.1 < $1.1 }) {
            latestConviction = latest.1
            pointer = context.pointer(latest.0)
        }
        periodEnd = criterion.answers.compactMap { $0.period?.end.flatMap(Day.init) }.max()
    }

    /// Every conviction ground (Part III A) the bidder declared as applying, with its facts.
    static func declared(in context: ScreeningContext) -> [(criterion: Criterion, ground: ExclusionGround, facts: ConvictionFacts)] {
        context.espd.criteria.compactMap { criterion in
            guard let ground = criterion.ground.flatMap(ExclusionGrounds.ground(number:)), ground.part == "A",
                  criterion.groundApplies == true else { return nil }
            return (criterion, ground, ConvictionFacts(criterion, context: context))
        }
    }

    /// A conviction counts for `years` after its date, or longer while a period set in it runs.
    func expired(at reference: Day, years: Int) -> Bool {
        guard let latestConviction else { return false }  // no date: cannot be shown to have expired
        if let periodEnd, periodEnd >= reference { return false }
        return latestConviction.adding(years: years) < reference
    }
}
