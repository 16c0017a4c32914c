import Basics
import DossierModel

/// Certificates that cover traceability or labour conditions (solar.yaml `acceptedCertificates`:
/// SSI ESG and traceability) must cover the declared site and be valid at the reference date; a
/// quality or product certificate (ISO 9001) is no cover.
struct CertificateCheck: Check {
    let id = "solar.certificate"
    let severity = Severity.attention
    let legalBasis = SolarScope.basis + "; SSI ESG and Traceability Standards"
    let summary = "A tier has no certificate, an expired one, or one that does not cover the declared site"
    let dataFiles = ["solar.yaml"]
    let dutchSummary = "Een schakel heeft geen certificaat, een verlopen certificaat of een certificaat dat de opgegeven locatie niet dekt"
    let dutchLegalEffect = "een leemte in de herleidbaarheid, voor een jurist"
    let legalEffect = "a traceability gap for a jurist"

    func run(_ context: ScreeningContext) -> [Finding] {
        (context.submission.supplyChain ?? []).compactMap { tier in
            guard context.rules.solar.requiredTiers.contains(tier.tier) else { return nil }
            var problems: [(String, String)] = []
            if tier.certificate == nil {
                problems.append(("geen certificaat", "no certificate"))
            } else if let name = tier.certificate,
                !context.rules.solar.acceptedCertificates.contains(where: { name.lowercased().hasPrefix($0.lowercased()) })
            {
                problems.append(
                    (
                        "certificaat '\(name)' gaat niet over herleidbaarheid of arbeidsomstandigheden",
                        "certificate '\(name)' covers neither traceability nor labour conditions"
                    ))
            } else {
                if let expiry = tier.certificateExpiry, expiry < context.referenceDate {
                    problems.append(("certificaat verlopen op \(expiry.dutch)", "certificate expired on \(expiry)"))
                }
                if let address = tier.facilityAddress, !tier.certificateSites.isEmpty {
                    // Lower-cased and compared on the bytes (`includes`): Foundation's
                    // localizedCaseInsensitiveContains traps on some strings a bidder can write.
                    let place = address.lowercased()
                    let covered = tier.certificateSites.contains { site in
                        let site = site.lowercased()
                        return place.includes(site) || site.includes(place)
                    }
                    if !covered { problems.append(("certificaat dekt de vestiging niet", "certificate does not cover the site")) }
                }
            }
            guard !problems.isEmpty else { return nil }
            return finding(
                nl: "Schakel \(SolarScope.dutchTier(tier.tier)) (\(tier.entity)): \(problems.map(\.0).joined(separator: "; ")).",
                en: "Tier \(tier.tier) (\(tier.entity)): \(problems.map(\.1).joined(separator: "; ")).",
                evidence: [SolarScope.pointer(context, tier, excerpt: tier.certificate)])
        }
    }

    var examples: CheckExamples {
        CheckExamples(
            triggering: [
                .fires("the cell tier's certificate expired a month ago", at: "supply-chain.csv:6:tier=cell") { context in
                    let day = context.referenceDate.adding(months: -1)
                    context.tier("cell") { $0.certificateExpiry = day }
                },
                .fires("the polysilicon tier without a certificate", at: "supply-chain.csv:3:tier=polysilicon") {
                    $0.tier("polysilicon") { $0.certificate = nil }
                },
            ],
            nonTriggering: [
                .quiet("a certificate valid until the reference date") { context in
                    let day = context.referenceDate
                    context.tier("cell") { $0.certificateExpiry = day }
                },
                .quiet("an accepted certificate written in lower case") { $0.tier("polysilicon") { $0.certificate = "ssi traceability" } },
            ])
    }
}
