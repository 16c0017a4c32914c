/// PV-03: an entity (or alias) at any tier matches the UFLPA Entity List, the BIS Entity List or a
/// CBP withhold release order in force at the reference date. US lists have no direct legal effect
/// in the Netherlands; they are evidence of risk for the jurist.
struct ListedEntityCheck: Check {
    let id = "solar.listed-entity"
    let severity = Severity.blocker
    let legalBasis = SolarScope.basis + "; UFLPA Entity List; BIS Entity List (15 CFR 744); CBP WRO (19 U.S.C. 1307) (PV-03)"
    let summary = "A supply-chain entity matches a forced-labour list entry in force"
    let dataFiles = ["forced-labour-entities.csv", "name-matching.yaml"]

    func run(_ context: ScreeningContext) -> [Finding] {
        var findings: [Finding] = []
        for tier in context.submission.supplyChain ?? [] {
            var best: (RuleBook.ListedEntity, NameMatcher.Match, String, String)? = nil
            for entry in context.rules.listedEntities where entry.effective <= context.referenceDate {
                for declared in [tier.entity] + tier.aliases {
                    for listed in [entry.name] + entry.aliases {
                        let match = context.matcher.matchCompany(declared, listed)
                        if match.score >= context.matcher.companyThreshold && match.score > (best?.1.score ?? 0) {
                            best = (entry, match, declared, listed)
                        }
                    }
                }
            }
            guard let (entry, match, declared, listed) = best else { continue }
            findings.append(finding(
                nl: "Schakel \(tier.tier): '\(declared)' komt overeen met '\(listed)' op de \(entry.list) (van kracht sinds \(entry.effective)), score \(match.score). Een jurist beoordeelt het risico.",
                en: "Tier \(tier.tier): '\(declared)' matches '\(listed)' on the \(entry.list) (in force since \(entry.effective)), score \(match.score). A jurist assesses the risk.",
                evidence: [SolarScope.pointer(context, tier, excerpt: declared),
                           EvidencePointer(file: context.rules.displayPath("forced-labour-entities.csv"), line: entry.line, excerpt: entry.name)],
                details: ["list": entry.list, "effective": entry.effective.description, "score": String(match.score), "why": match.reasons.joined(separator: "; "), "source": entry.source]))
        }
        return findings
    }

    var examples: CheckExamples {
        CheckExamples(triggering: { if let i = $0.submission.supplyChain?.firstIndex(where: { $0.tier == "mg-si" }) { $0.submission.supplyChain?[i].entity = "Hoshine Silicon Industry Co., Ltd" } },
                      nonTriggering: { _ in })
    }
}
