import DossierModel
import Names
import RuleData

/// An entity (or alias) at any tier matches the UFLPA Entity List, the BIS Entity List or a CBP
/// withhold release order in force at the reference date. US lists have no direct legal effect in
/// the Netherlands: they are evidence of risk, named as such. Attention for a jurist; a blocker
/// only where the tender made it a knock-out.
struct ListedEntityCheck: Check {
    let id = "solar.listed-entity"
    let severity = Severity.blocker
    let legalBasis = SolarScope.basis + "; aanbestedingsstukken"
    let summary = "A supply-chain entity matches a forced-labour list entry in force"
    let findsByNameMatch = true
    let dataFiles = ["forced-labour-entities.csv", "name-matching.yaml"]
    let dutchSummary = "Een entiteit in de keten komt overeen met een geldende vermelding op een lijst over dwangarbeid"
    let dutchLegalEffect = SolarScope.dutchForcedLabourEffect
    let legalEffect = SolarScope.forcedLabourEffect
    let mayBeKnockOut = true

    func run(_ context: ScreeningContext) -> [Finding] {
        var findings: [Finding] = []
        // A list: a doubled letter written otherwise stays a hit (`NameMatcher.forLists`).
        let matcher = context.matcher.forLists
        // Each listed name is tokenized once, not once per tier and declared name (it was a fifth
        // of screening one bid).
        let entries = context.rules.listedEntities.filter { $0.effective <= context.referenceDate }
        let listedNames = entries.map { entry in ([entry.name] + entry.aliases).map(matcher.prepareCompany) }
        for tier in context.submission.supplyChain ?? [] {
            var best: (RuleBook.ListedEntity, NameMatcher.Match, String, String)? = nil
            let declaredNames = ([tier.entity] + tier.aliases).map(matcher.prepareCompany)
            for (entry, names) in zip(entries, listedNames) {
                for declaredName in declaredNames {
                    let declared = declaredName.name
                    for listedName in names {
                        let listed = listedName.name
                        let match = matcher.matchCompany(declaredName, listedName)
                        if match.score >= matcher.companyThreshold && match.score > (best?.1.score ?? 0) {
                            best = (entry, match, declared, listed)
                        }
                    }
                }
            }
            guard let (entry, match, declared, listed) = best else { continue }
            let effect = SolarScope.effect(context, check: id)
            let related = NameMatcher.Relation.clause(match.relation)
            findings.append(
                finding(
                    SolarScope.severity(context, check: id),
                    nl:
                        "Schakel \(SolarScope.dutchTier(tier.tier)): '\(declared)' komt overeen met '\(listed)' op de \(entry.list) (van kracht sinds \(entry.effective.dutch)), score \(Dutch.decimal(match.score)).\(related.nl) Deze Amerikaanse lijst heeft in Nederland geen rechtsgevolg; zij is een aanwijzing voor risico. \(effect.nl)",
                    en:
                        "Tier \(tier.tier): '\(declared)' matches '\(listed)' on the \(entry.list) (in force since \(entry.effective)), score \(match.score).\(related.en) This US list has no legal effect in the Netherlands; it is evidence of risk. \(effect.en)",
                    evidence: [
                        SolarScope.pointer(context, tier, excerpt: declared),
                        EvidencePointer(
                            file: context.rules.displayPath("forced-labour-entities.csv"), line: entry.line, excerpt: entry.name),
                    ],
                    details: [
                        "list": entry.list, "effective": entry.effective.description, "score": String(match.score),
                        "why": match.reasons.joined(separator: "; "), "source": entry.source,
                    ].merging(match.relation.map { ["relation": $0.rawValue] } ?? [:]) { a, _ in a }))
        }
        return findings
    }

    var examples: CheckExamples {
        CheckExamples(
            triggering: [
                .fires("a listed metallurgical-silicon producer", at: "supply-chain.csv:2:tier=mg-si") {
                    $0.tier("mg-si") { $0.entity = "Hoshine Silicon Industry Co., Ltd" }
                },
                .fires("a listed producer as an alias of the polysilicon tier", at: "supply-chain.csv:3:tier=polysilicon") {
                    $0.tier("polysilicon") { $0.aliases = ["Xinjiang Daqo New Energy"] }
                },
                .fires("a branch of a listed producer (a related entity, said so)", at: "supply-chain.csv:2:tier=mg-si") {
                    $0.tier("mg-si") { $0.entity = "Hoshine Silicon Industry (Jiaxing) Co., Ltd" }
                },
            ],
            nonTriggering: [
                .quiet("a company sharing one word with a listed one") { $0.tier("polysilicon") { $0.entity = "Daqo Solar Europe GmbH" } },
                .quiet("a listed company before its listing took effect") { context in
                    context.referenceDate = Day(year: 2021, month: 1, day: 1)
                    context.tier("mg-si") { $0.entity = "Hoshine Silicon Industry Co., Ltd" }
                },
            ])
    }
}
