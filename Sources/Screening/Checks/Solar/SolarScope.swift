/// When the solar checks apply: a PV CPV code in the tender (PV-10) or a supply-chain declaration.
enum SolarScope {
    static func applies(_ context: ScreeningContext) -> Bool {
        context.submission.supplyChain != nil || isSolarTender(context)
    }

    static func isSolarTender(_ context: ScreeningContext) -> Bool {
        context.cpvCodes.contains { code in context.rules.solar.cpvPrefixes.contains { code.filter(\.isNumber).hasPrefix($0) } }
    }

    static let basis = "Motie 'Voorkom dwangarbeid productieketens zonnecellen' (PS Flevoland, 9 juni 2021, nr. 1); Inkoopbeleid 2023 (ISV)"

    static func pointer(_ context: ScreeningContext, _ tier: SupplyChainTier, excerpt: String? = nil) -> EvidencePointer {
        EvidencePointer(file: context.submission.supplyChainPath ?? context.submission.location, line: tier.line, path: "tier=\(tier.tier)", excerpt: excerpt ?? tier.entity)
    }
}
