import DossierModel

/// Which law a finding cites depends on the regime the tender falls under (domain §9b "Legal bases
/// by regime"): at or above the EU thresholds the directive and part 2 of the Aw 2012; below them
/// the tender documents and the province's Inkoopkader, which apply the same grounds, and for works
/// the ARW 2016. A check that cites the directive or part 2 says what it cites below the thresholds
/// (`nationalLegalBasis`); this seam applies it to every finding of that check, so no check repeats
/// the threshold test. When the regime cannot be told (no value or type), the EU basis stays: the
/// stricter reading.
enum LegalRegime {
    /// The tender documents and the Inkoopkader: what makes a ground apply below the thresholds.
    /// A citation only, no prose: the same text stands in the Dutch and the English report.
    static let kader = "Inkoopbeleid 2023 Provincie Flevoland, Inkoopkader (CVDR702942); aanbestedingsstukken"

    /// The national basis of a check that applies a part-2 rule (`rule`, as cited) through the
    /// tender documents, with the proportionality of Aw 2012 art. 1.10.
    static func applying(_ rule: String) -> String { "\(kader); \(rule); Aw 2012 art. 1.10" }

    /// Below the EU threshold, in a procedure other than a European one. A European procedure run
    /// voluntarily below the threshold declares part 2 of the Aw 2012 applicable in its documents,
    /// so its findings keep that basis.
    static func isNational(_ context: ScreeningContext) -> Bool {
        EUThreshold.reached(context) == false && context.tender.procedure != .europees
    }

    /// `finding` with the basis of the tender's regime.
    static func cite(_ finding: Finding, by check: any Check, in context: ScreeningContext) -> Finding {
        guard let national = check.nationalLegalBasis, finding.legalBasis == check.legalBasis, isNational(context) else {
            return finding
        }
        var cited = finding
        cited.legalBasis = national + (context.tender.type == .werken ? "; ARW 2016" : "")
        return cited
    }
}
