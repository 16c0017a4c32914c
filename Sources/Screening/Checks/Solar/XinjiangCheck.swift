import DossierModel
import Foundation
import Names

/// A tier located in the Xinjiang Uyghur Autonomous Region: credible audits there are not
/// possible, and the US UFLPA presumes forced labour (evidence of risk, no legal effect in the
/// Netherlands). Attention for a jurist; a blocker only where the tender made it a knock-out.
struct XinjiangCheck: Check {
    let id = "solar.xinjiang"
    let severity = Severity.blocker
    let legalBasis = SolarScope.basis + "; aanbestedingsstukken"
    let summary = "A supply-chain tier is located in Xinjiang (XUAR), matched on Latin and Chinese place names"
    let dataFiles = ["xinjiang-places.txt"]
    let dutchSummary = "Een schakel van de keten ligt in Xinjiang (XUAR), herkend aan Latijnse en Chinese plaatsnamen"
    let dutchLegalEffect = SolarScope.dutchForcedLabourEffect
    let legalEffect = SolarScope.forcedLabourEffect
    let mayBeKnockOut = true

    /// The first listed place named in the tier's address, city or region. Text goes through the
    /// same normaliser as names (invisible characters removed, compatibility forms composed), so
    /// "Ürüm\u{200B}qi", "URUMQI" and "Xin Jiang" are found; Latin names match as whole words.
    static func place(
        in tier: SupplyChainTier, places: [String], ambiguous: Set<String> = [], misspelt: Set<String> = [], notMisspelt: Set<String> = []
    ) -> String? {
        place(in: tier, gazetteer: Gazetteer(places: places, ambiguous: ambiguous, misspelt: misspelt, notMisspelt: notMisspelt))
    }

    /// The place list folded once per run, not once per tier.
    struct Gazetteer {
        var entries: [(place: String, chinese: String?, words: [String], ambiguous: Bool)]
        /// Single-word Latin names also matched at one edit after their first letter (a letter left
        /// out, added, changed or two swapped): "Xinjang", "Xinjinag"; not Jinjiang or Minjiang.
        var misspelt: [(folded: String, place: String)]
        var notMisspelt: Set<String>
        init(places: [String], ambiguous: Set<String>, misspelt: Set<String> = [], notMisspelt: Set<String> = []) {
            self.notMisspelt = Set(notMisspelt.map(XinjiangCheck.fold))
            self.misspelt = places.filter(misspelt.contains).map { (XinjiangCheck.fold($0), $0) }.filter {
                !$0.folded.contains(" ") && $0.folded.count >= 6
            }
            entries = places.map { place in
                let p = XinjiangCheck.fold(place)
                let chinese = p.unicodeScalars.contains(where: { $0.value > 0x2E80 }) ? p : nil
                return (place, chinese, p.split(whereSeparator: { !$0.isLetter }).map(String.init), ambiguous.contains(place))
            }
        }
    }

    static func place(in tier: SupplyChainTier, gazetteer: Gazetteer) -> String? {
        let text = [tier.facilityAddress, tier.city, tier.region].compactMap { $0 }.joined(separator: " ")
        let folded = fold(text)
        let words = joiningSpacedLetters(folded.split(whereSeparator: { !$0.isLetter }).map(String.init))
        let inChina = tier.country.map { $0 == "CN" } ?? true
        for (place, chinese, needle, isAmbiguous) in gazetteer.entries where inChina || !isAmbiguous {
            // Chinese names have no word boundaries: substring; Latin names: a run of whole words.
            if let chinese {
                if folded.contains(chinese) { return place }
                continue
            }
            guard !needle.isEmpty, words.count >= needle.count else { continue }
            for start in 0...(words.count - needle.count) where words[start] == needle[0] {
                if Array(words[start..<start + needle.count]) == needle { return place }
            }
        }
        for word in words where word.count >= 5 && !gazetteer.notMisspelt.contains(word) {
            if let name = gazetteer.misspelt.first(where: { $0.folded.first == word.first && Self.withinOneEdit(word, $0.folded) }) {
                return name.place
            }
        }
        return nil
    }

    /// Three or more one-letter words in a row are read as the word they spell as well ("X I N J I
    /// A N G" is also "xinjiang"): a bidder cannot space a name out of the gazetteer.
    static func joiningSpacedLetters(_ words: [String]) -> [String] {
        var out = words
        var run: [String] = []
        for word in words + [""] {
            if word.count == 1 {
                run.append(word)
                continue
            }
            if run.count >= 3 { out.append(run.joined()) }
            run = []
        }
        return out
    }

    /// Optimal string alignment distance of at most one (one insertion, deletion, substitution or
    /// swap of neighbours).
    static func withinOneEdit(_ a: String, _ b: String) -> Bool {
        let x = Array(a)
        let y = Array(b)
        guard abs(x.count - y.count) <= 1 else { return false }
        var i = 0
        while i < min(x.count, y.count) && x[i] == y[i] { i += 1 }
        if i == x.count && i == y.count { return true }
        if x.count == y.count {
            if x[(i + 1)...] == y[(i + 1)...] { return true }  // one changed
            return i + 1 < x.count && x[i] == y[i + 1] && x[i + 1] == y[i] && x[(i + 2)...] == y[(i + 2)...]  // swapped
        }
        return x.count > y.count ? x[(i + 1)...] == y[i...] : x[i...] == y[(i + 1)...]  // one left out or added
    }

    static func fold(_ text: String) -> String {
        NameText.normalised(text).folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
    }

    func run(_ context: ScreeningContext) -> [Finding] {
        let gazetteer = Gazetteer(
            places: context.rules.xinjiangPlaces, ambiguous: context.rules.xinjiangAmbiguousPlaces,
            misspelt: context.rules.xinjiangMisspeltPlaces, notMisspelt: context.rules.xinjiangNotMisspellings)
        return (context.submission.supplyChain ?? []).compactMap { tier in
            guard let place = Self.place(in: tier, gazetteer: gazetteer) else { return nil }
            let effect = SolarScope.effect(context, check: id)
            return finding(
                SolarScope.severity(context, check: id),
                nl:
                    "Schakel \(SolarScope.dutchTier(tier.tier)) (\(tier.entity)) ligt in Xinjiang ('\(place)'): hoog risico op dwangarbeid; geloofwaardige audits zijn daar niet mogelijk. \(effect.nl)",
                en:
                    "Tier \(tier.tier) (\(tier.entity)) is located in Xinjiang ('\(place)'): high forced-labour risk; credible audits are not possible there. \(effect.en)",
                evidence: [SolarScope.pointer(context, tier, excerpt: place)], details: ["place": place, "tier": tier.tier])
        }
    }

    var examples: CheckExamples {
        CheckExamples(
            triggering: [
                .fires("a polysilicon plant in Shihezi", at: "supply-chain.csv:3:tier=polysilicon") {
                    $0.tier("polysilicon") { $0.city = "Shihezi" }
                },
                .fires("a region written in Chinese characters (新疆)", at: "supply-chain.csv:2:tier=mg-si") {
                    $0.tier("mg-si") {
                        $0.region = "新疆"
                        $0.country = "CN"
                    }
                },
            ],
            nonTriggering: [
                .quiet("Aksu in Turkey (an ambiguous place name outside China)") {
                    $0.tier("polysilicon") {
                        $0.city = "Aksu"
                        $0.region = "Antalya"
                        $0.country = "TR"
                    }
                },
                .quiet("'Hami' inside another word of an address") { $0.tier("polysilicon") { $0.facilityAddress = "Hamilton Road 3" } },
            ])
    }
}
