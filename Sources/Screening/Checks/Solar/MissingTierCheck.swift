import DossierModel

/// PV-01: one record per tier from MG-Si to module, each with entity, facility address, country and region.
struct MissingTierCheck: Check {
    let id = "solar.missing-tier"
    let severity = Severity.attention
    let legalBasis = SolarScope.basis + "; SSI Supply Chain Traceability Standard"
    let summary = "A tier of the supply chain is missing or lacks its facility address, country or region"
    let dataFiles = ["solar.yaml"]
    let dutchSummary =
        "Een schakel van de keten ontbreekt, of van een schakel ontbreekt het adres van de productielocatie, het land of de regio"
    let dutchLegalEffect = "een leemte in de herleidbaarheid, voor een jurist"
    let legalEffect = "a traceability gap for a jurist"

    func run(_ context: ScreeningContext) -> [Finding] {
        guard let chain = context.submission.supplyChain else { return [] }
        var findings: [Finding] = []
        let present = Set(chain.map(\.tier))
        let missing = context.rules.solar.requiredTiers.filter { !present.contains($0) }
        if !missing.isEmpty {
            findings.append(
                finding(
                    nl:
                        "De ketenverklaring mist \(missing.count == 1 ? "de schakel" : "de schakels") \(missing.map(SolarScope.dutchTier).joined(separator: ", ")). Zonder volledige keten is herkomst niet te beoordelen.",
                    en:
                        "The supply-chain declaration lacks tier(s): \(missing.joined(separator: ", ")). Without the full chain origin cannot be assessed.",
                    evidence: [EvidencePointer(file: context.submission.supplyChainPath ?? context.submission.location, line: 1)],
                    details: ["missing": missing.joined(separator: ", ")]))
        }
        for tier in chain where context.rules.solar.requiredTiers.contains(tier.tier) {
            let fields = [
                ("facility_address", "het vestigingsadres", tier.facilityAddress), ("country", "het land", tier.country?.alpha2),
                ("region", "de regio", tier.region),
            ]
            let gaps = fields.filter { $0.2 == nil }.map(\.0)
            let gapsNL = fields.filter { $0.2 == nil }.map(\.1)
            guard !gaps.isEmpty else { continue }
            findings.append(
                finding(
                    nl:
                        "Bij schakel \(SolarScope.dutchTier(tier.tier)) (\(tier.entity)) ontbreekt \(gapsNL.count < 2 ? gapsNL.joined() : gapsNL.dropLast().joined(separator: ", ") + " en " + gapsNL.last!).",
                    en: "Tier \(tier.tier) (\(tier.entity)) lacks: \(gaps.joined(separator: ", ")).",
                    evidence: [SolarScope.pointer(context, tier)]))
        }
        return findings
    }

    var examples: CheckExamples {
        CheckExamples(
            triggering: [
                .fires("the polysilicon tier left out", at: "supply-chain.csv:1:") {
                    $0.submission.supplyChain?.removeAll { $0.tier == "polysilicon" }
                },
                .fires("the cell tier without region and country", at: "supply-chain.csv:6:tier=cell") {
                    $0.tier("cell") {
                        $0.region = nil
                        $0.country = nil
                    }
                },
            ],
            nonTriggering: [
                .quiet("an extra tier that is not required (glass)") { context in
                    guard var glass = context.submission.supplyChain?.first(where: { $0.tier == "module" }) else { return }
                    glass.tier = "glass"
                    glass.facilityAddress = nil
                    context.submission.supplyChain?.append(glass)
                },
                .quiet("a required tier with its address written differently") {
                    $0.tier("cell") { $0.facilityAddress = "Lot 12, Kulim Hi-Tech Park, 09000 Kulim" }
                },
            ])
    }
}
