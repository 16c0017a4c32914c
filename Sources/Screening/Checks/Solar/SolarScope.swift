import DossierModel

/// When the solar checks apply: a PV tender, or a supply-chain declaration. A PV tender is one with
/// a registered lot of the bid marked `solar: true` (lots all marked `false`: not), else
/// `solar: true` in tender.yaml, or (when it does not say) a PV CPV code of solar.yaml (09331200 and
/// below; not 09331100, solar thermal).
enum SolarScope {
    static func isSolarTender(_ context: ScreeningContext) -> Bool {
        // A bid for registered lots: a lot marked PV makes it one; lots all marked otherwise do not.
        if let lots = context.bidLots, lots.narrows {
            if lots.registered.contains(where: { $0.solar == true }) { return true }
            if lots.registered.allSatisfy({ $0.solar == false }) { return false }
        }
        if let solar = context.tender.solar { return solar }
        return context.cpvCodes.contains { code in context.rules.solar.cpvPrefixes.contains { code.filter(\.isNumber).hasPrefix($0) } }
    }

    /// A tier of the PV chain as a Dutch sentence names it ("schakel polysilicium", not "schakel
    /// polysilicon"); a tier outside the six is written as the file gave it, in quotes.
    static func dutchTier(_ tier: String) -> String {
        switch tier {
        case "mg-si": "metallurgisch silicium"
        case "polysilicon": "polysilicium"
        case "ingot": "gietblok (ingot)"
        case "wafer": "wafer"
        case "cell": "zonnecel"
        case "module": "module"
        default: "‘\(tier)’"
        }
    }

    static let basis = "Motie 'Voorkom dwangarbeid productieketens zonnecellen' (PS Flevoland, 9 juni 2021, nr. 1); Inkoopbeleid 2023 (ISV)"

    /// The legal effect of both forced-labour signals (`solar.xinjiang`, `solar.listed-entity`).
    static let dutchForcedLabourEffect =
        "aandacht (de „maximale inspanning” van de motie; Amerikaanse lijsten zijn een aanwijzing van risico, zonder rechtsgevolg in Nederland; Verordening (EU) 2024/3015 geldt vanaf 14 december 2027); blokkerend alleen als de aanbesteding de controle in `knockOuts` noemt"

    static let forcedLabourEffect =
        "attention (the motion's \"maximale inspanning\"; US lists are evidence of risk, without legal effect in the Netherlands; Reg. (EU) 2024/3015 applies from 14 December 2027); blocker only when listed in the tender's `knockOuts`"

    /// A forced-labour signal weighs as the motion asks ("maximale inspanning"): a jurist assesses it.
    /// It blocks only where the tender documents made it a knock-out (`knockOuts:` in tender.yaml).
    static func severity(_ context: ScreeningContext, check: String) -> Severity {
        context.tender.knockOuts.contains(check) ? .blocker : .attention
    }

    /// The sentence on legal effect both forced-labour signals end with.
    static func effect(_ context: ScreeningContext, check: String) -> (nl: String, en: String) {
        if context.tender.knockOuts.contains(check) {
            return (
                "De aanbestedingsstukken hebben dit als knock-out aangekondigd: niet gunnen zolang dit niet is weerlegd.",
                "The tender documents announced this as a knock-out: do not award while it stands."
            )
        }
        return (
            "Een jurist weegt dit risico (de motie vraagt maximale inspanning); uitsluiten kan alleen als de aanbestedingsstukken dit als knock-out hebben aangekondigd. De Europese dwangarbeidverordening (Vo. (EU) 2024/3015) geldt pas vanaf 14 december 2027.",
            "A jurist weighs this risk (the motion asks for maximum effort); exclusion is possible only where the tender documents announced it as a knock-out. The EU Forced Labour Regulation (Reg. (EU) 2024/3015) applies only from 14 December 2027."
        )
    }

    static func pointer(_ context: ScreeningContext, _ tier: SupplyChainTier, excerpt: String? = nil) -> EvidencePointer {
        EvidencePointer(
            file: context.submission.supplyChainPath ?? context.submission.location, line: tier.line, path: "tier=\(tier.tier)",
            excerpt: excerpt ?? tier.entity)
    }
}
