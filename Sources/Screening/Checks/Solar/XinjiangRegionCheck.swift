import Foundation

/// PV-02: a tier located in the Xinjiang Uyghur Autonomous Region. UFLPA presumes forced
/// labour; credible audits there are not possible. Blocks award until a jurist decides.
struct XinjiangRegionCheck: Check {
    let id = "solar.xinjiang"
    let severity = Severity.blocker
    let legalBasis = SolarScope.basis + "; Reg. (EU) 2024/3015 (Forced Labour Regulation); UFLPA (PV-02)"
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
            return finding(
                nl: "Schakel \(tier.tier) (\(tier.entity)) ligt in Xinjiang ('\(place)'). Hoog risico op dwangarbeid; volgens de motie zonnecellen maximale inspanning om dit te voorkomen. Een jurist beslist.",
                en: "Tier \(tier.tier) (\(tier.entity)) is located in Xinjiang ('\(place)'). High forced-labour risk; the solar-cell motion demands maximum effort to prevent it. A jurist decides.",
                evidence: [SolarScope.pointer(context, tier, excerpt: place)], details: ["place": place, "tier": tier.tier])
        }
    }

    var examples: CheckExamples {
        CheckExamples(triggering: { if let i = $0.submission.supplyChain?.firstIndex(where: { $0.tier == "polysilicon" }) { $0.submission.supplyChain?[i].city = "Shihezi" } },
                      nonTriggering: { _ in })
    }
}
