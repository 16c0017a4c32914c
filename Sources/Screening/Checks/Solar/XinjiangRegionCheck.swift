import Foundation

/// A tier located in the Xinjiang Uyghur Autonomous Region: credible audits there are not
/// possible, and the US UFLPA presumes forced labour (evidence of risk, no legal effect in the
/// Netherlands). Attention for a jurist; a blocker only where the tender made it a knock-out.
struct XinjiangRegionCheck: Check {
    let id = "solar.xinjiang"
    let severity = Severity.blocker
    let legalBasis = SolarScope.basis + "; the tender documents (knock-out, when announced)"
    let summary = "A supply-chain tier is located in Xinjiang (XUAR), matched on Latin and Chinese place names"
    let dataFiles = ["xinjiang-places.txt"]

    static func place(in tier: SupplyChainTier, places: [String]) -> String? {
        let text = [tier.facilityAddress, tier.city, tier.region].compactMap { $0 }.joined(separator: " ")
        let folded = text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
        let words = Set(folded.split(whereSeparator: { !$0.isLetter }).map(String.init))
        for place in places {
            let p = place.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
            // Chinese names have no word boundaries: substring; Latin names: whole words.
            if p.unicodeScalars.contains(where: { $0.value > 0x2E80 }) ? folded.contains(p) : words.contains(p) { return place }
        }
        return nil
    }

    func run(_ context: ScreeningContext) -> [Finding] {
        (context.submission.supplyChain ?? []).compactMap { tier in
            guard let place = Self.place(in: tier, places: context.rules.xinjiangPlaces) else { return nil }
            let effect = SolarScope.effect(context, check: id)
            return finding(SolarScope.severity(context, check: id),
                nl: "Schakel \(tier.tier) (\(tier.entity)) ligt in Xinjiang ('\(place)'): hoog risico op dwangarbeid; geloofwaardige audits zijn daar niet mogelijk. \(effect.nl)",
                en: "Tier \(tier.tier) (\(tier.entity)) is located in Xinjiang ('\(place)'): high forced-labour risk; credible audits are not possible there. \(effect.en)",
                evidence: [SolarScope.pointer(context, tier, excerpt: place)], details: ["place": place, "tier": tier.tier])
        }
    }

    var examples: CheckExamples {
        CheckExamples(triggering: { if let i = $0.submission.supplyChain?.firstIndex(where: { $0.tier == "polysilicon" }) { $0.submission.supplyChain?[i].city = "Shihezi" } },
                      nonTriggering: { _ in })
    }
}
