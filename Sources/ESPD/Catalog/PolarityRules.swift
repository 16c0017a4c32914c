/// How to read "Your answer" of an exclusion criterion ("yes" means the ground applies, or the
/// opposite in some wordings). The question text inside the file decides, because
/// producers followed different wordings for the same UUID.
public enum PolarityRules {
    /// - C7/C8 (taxes, social security): the EDM asks "Has the economic operator *breached*
    ///   its obligations…" (true = ground applies). Regulation 2016/7 asks whether it "met all
    ///   its obligations" (true = compliant); some producers used that wording (ESPD-Service #125,
    ///   ESPD-EDM #242).
    /// - C23 (misrepresentation): v1/v2 text says "has **not** been guilty" but the EU service
    ///   changed the meaning of the answer in Nov 2016 without changing that text
    ///   (ESPD-Service #117, ESPD-EDM #246): a person must read it. EDM 4.1.0 says
    ///   "It has been guilty" (true = ground applies). v3.0–v4.0 only say "Can the economic
    ///   operator confirm that:" with the items in further description lines.
    /// - Everything else: true = ground applies.
    public static func polarity(ground: ExclusionGround, criterionText: String?) -> AnswerPolarity {
        let text = (criterionText ?? "").lowercased()
        switch ground.ground {
        case "C7", "C8":
            if text.includes("met all its obligations") || text.includes("met all of its obligations")
                || text.includes("fulfilled all its obligations")
            {
                return .trueMeansCompliant
            }
            return .trueMeansGroundApplies
        case "C23":
            if text.includes("not been guilty") { return .ambiguous }
            if text.includes("it has been guilty") || text.includes("has been guilty") { return .trueMeansGroundApplies }
            return .ambiguous
        default:
            return .trueMeansGroundApplies
        }
    }

    /// How each release asks the question, from its own text (the official taxonomies and request
    /// examples of every release in the corpus): "yes" means the ground applies for every ground,
    /// except C23 before EDM 4.x, whose "has not been guilty" text the EU service re-read without
    /// changing it (ESPD-Service #117, ESPD-EDM #246), and v3.x, which only asks "Can the economic
    /// operator confirm that:". No official release words C7/C8 as compliance.
    public static func releasePolarity(ground: ExclusionGround, generation: Generation) -> AnswerPolarity {
        if ground.ground == "C23" && generation < .v4 { return .ambiguous }
        return .trueMeansGroundApplies
    }

    /// The answer read through the polarity: does the ground apply?
    public static func groundApplies(answer: Bool?, polarity: AnswerPolarity) -> Bool? {
        guard let answer else { return nil }
        switch polarity {
        case .trueMeansGroundApplies: return answer
        case .trueMeansCompliant: return !answer
        case .ambiguous: return nil
        }
    }
}
