import DossierModel
import RuleData

/// The EU threshold that applies to the tender (its type, the authority's kind, the period in force
/// at the launch date), shared by the procedure checks and art. 5k's scope.
struct EUThreshold {
    var value: Double
    var period: RuleBook.ThresholdRules.EUPeriod
    /// The act that sets this threshold: the delegated regulation for the values it revises, the
    /// directive itself for the social-services threshold (art. 4(d)), concessions their own.
    var source: String

    /// nil when the tender's type is not given, or no period of thresholds.yaml covers the date.
    static func of(_ context: ScreeningContext) -> EUThreshold? {
        guard let type = context.tender.type, let period = context.rules.euThresholds(on: date(context)) else { return nil }
        let central = context.tender.authority.kind == .central
        let value: Double =
            switch type {
            case .leveringen, .diensten: central ? period.suppliesServicesCentral : period.suppliesServicesSubCentral
            case .werken: period.works
            case .concessie: period.concessions
            case .socialeDiensten: period.socialServices
            }
        let source: String =
            switch type {
            case .concessie: period.concessionsSource ?? period.source
            case .socialeDiensten: period.socialServicesSource ?? "Dir. 2014/24/EU art. 4(d)"
            default: period.source
            }
        return EUThreshold(value: value, period: period, source: source)
    }

    /// The launch date selects the thresholds (Dir. 2014/24/EU art. 5(2)); without one, the reference date.
    static func date(_ context: ScreeningContext) -> Day { context.tender.launchDate ?? context.referenceDate }

    /// Whether the tender is within the scope of the procurement directives: nil when it cannot be
    /// told (no type or value, or no threshold period for the date).
    static func reached(_ context: ScreeningContext) -> Bool? {
        guard let value = context.tender.estimatedValue, let threshold = of(context) else { return nil }
        return value >= threshold.value
    }
}

/// Euro amounts as a Dutch and an English reader write them: € 4.850.000 / €4,850,000.
enum Euro {
    static func nl(_ value: Double) -> String { "€ " + grouped(value, separator: ".", decimal: ",") }
    static func en(_ value: Double) -> String { "€" + grouped(value, separator: ",", decimal: ".") }

    private static func grouped(_ value: Double, separator: String, decimal: String) -> String {
        guard value.isFinite, abs(value) < 1e15 else { return String(value) }
        let cents = Int(saturating: (abs(value) * 100).rounded())
        let whole = String(cents / 100)
        var out = ""
        for (index, character) in whole.enumerated() {
            if index > 0 && (whole.count - index) % 3 == 0 { out += separator }
            out.append(character)
        }
        let fraction = cents % 100
        return (value < 0 ? "-" : "") + out + (fraction == 0 ? "" : decimal + (fraction < 10 ? "0" : "") + String(fraction))
    }
}
