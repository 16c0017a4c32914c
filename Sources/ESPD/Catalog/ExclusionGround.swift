/// The 24 exclusion grounds of ESPD Part III. The criterion UUIDs are identical in
/// every generation from the 2016 EU ESPD service to EDM 4.1.0 (the ESPD-EDM taxonomies; a
/// test checks them against every taxonomy in the corpus); the type codes differ per generation.
public struct ExclusionGround: Sendable, Equatable {
    /// C1 … C24, the numbering of the v4 ids (`C1_EG_crime-org`).
    public let ground: String
    public let uuid: String
    /// v3.0.0–v4.1.0 `CriterionTypeCode`.
    public let shortCode: String
    /// Other short codes seen for the same ground (C23: `misinterpr` in v3.0.0–v3.2.0).
    public let alternativeShortCodes: [String]
    /// v2.x `CriterionTypeCode` = v1 `cbc:TypeCode` from late 2016.
    public let longCode: String
    /// v1 `cbc:TypeCode` in 2016 samples (one code for several grounds).
    public let v1Code2016: String?
    public let name: String
    /// ESPD Part III section: A convictions, B taxes/social security, C other, D national.
    public let part: String
    /// Directive 2014/24/EU article (with the 57(4) letter, informative for C9–C23).
    public let directiveArticle: String
    /// Aanbestedingswet 2012 article.
    public let aanbestedingswetArticle: String
    /// Mandatory (57(1), 57(2)) or optional (57(4), national). How long a ground counts is rule
    /// data (`checklists/evidence.yaml`: mandatoryExclusionYears, optionalExclusionYears), not here.
    public let mandatory: Bool
}

public enum ExclusionGrounds {
    public static let all: [ExclusionGround] = [
        g(
            "C1", "005eb9ed-1347-4ca3-bb29-9bc0db64e1ab", "crime-org",
            "CRITERION.EXCLUSION.CONVICTIONS.PARTICIPATION_IN_CRIMINAL_ORGANISATION", "EXCLUSION.CRIMINAL_CONVICTIONS",
            "Participation in a criminal organisation", "A", "57(1)(a)", "2.86", true),
        g(
            "C2", "c27b7c4e-c837-4529-b867-ed55ce639db5", "corruption", "CRITERION.EXCLUSION.CONVICTIONS.CORRUPTION",
            "EXCLUSION.CRIMINAL_CONVICTIONS", "Corruption", "A", "57(1)(b)", "2.86", true),
        g(
            "C3", "297d2323-3ede-424e-94bc-a91561e6f320", "fraud", "CRITERION.EXCLUSION.CONVICTIONS.FRAUD",
            "EXCLUSION.CRIMINAL_CONVICTIONS", "Fraud", "A", "57(1)(c)", "2.86", true),
        g(
            "C4", "d486fb70-86b3-4e75-97f2-0d71b5697c7d", "terr-offence", "CRITERION.EXCLUSION.CONVICTIONS.TERRORIST_OFFENCES",
            "EXCLUSION.CRIMINAL_CONVICTIONS", "Terrorist offences or offences linked to terrorist activities", "A", "57(1)(d)", "2.86", true
        ),
        g(
            "C5", "47112079-6fec-47a3-988f-e561668c3aef", "finan-laund", "CRITERION.EXCLUSION.CONVICTIONS.MONEY_LAUNDERING",
            "EXCLUSION.CRIMINAL_CONVICTIONS", "Money laundering or terrorist financing", "A", "57(1)(e)", "2.86", true),
        g(
            "C6", "d789d01a-fe03-4ccd-9898-73f9cfa080d1", "human-traffic", "CRITERION.EXCLUSION.CONVICTIONS.CHILD_LABOUR-HUMAN_TRAFFICKING",
            "EXCLUSION.CRIMINAL_CONVICTIONS", "Child labour and other forms of trafficking in human beings", "A", "57(1)(f)", "2.86", true),
        g(
            "C7", "b61bbeb7-690e-4a40-bc68-d6d4ecfaa3d4", "tax-pay", "CRITERION.EXCLUSION.CONTRIBUTIONS.PAYMENT_OF_TAXES",
            "EXCLUSION.PAYMENT_OF_TAXES", "Payment of taxes", "B", "57(2)", "2.86(4)", true),
        g(
            "C8", "7d85e333-bbab-49c0-be8d-c36d71a72f5e", "socsec-pay", "CRITERION.EXCLUSION.CONTRIBUTIONS.PAYMENT_OF_SOCIAL_SECURITY",
            "EXCLUSION.PAYMENT_OF_SOCIAL_SECURITY", "Payment of social security contributions", "B", "57(2)", "2.86(4)", true),
        g(
            "C9", "a80ddb62-d25b-4e4e-ae22-3968460dc0a9", "envir-law", "CRITERION.EXCLUSION.SOCIAL.ENVIRONMENTAL_LAW",
            "EXCLUSION.ENVIRONMENTAL", "Breaching of obligations in the fields of environmental law", "C", "57(4)(a)", "2.87(1)", false),
        g(
            "C10", "a261a395-ed17-4939-9c75-b9ff1109ca6e", "socsec-law", "CRITERION.EXCLUSION.SOCIAL.SOCIAL_LAW", nil,
            "Breaching of obligations in the fields of social law", "C", "57(4)(a)", "2.87(1)", false),
        g(
            "C11", "a34b70d6-c43d-4726-9a88-8e2b438424bf", "labour-law", "CRITERION.EXCLUSION.SOCIAL.LABOUR_LAW", nil,
            "Breaching of obligations in the fields of labour law", "C", "57(4)(a)", "2.87(1)", false),
        g(
            "C12", "d3732c09-7d62-4edc-a172-241da6636e7c", "bankruptcy", "CRITERION.EXCLUSION.BUSINESS.BANKRUPTCY",
            "EXCLUSION.BANKRUPTCY_INSOLVENCY", "Bankruptcy", "C", "57(4)(b)", "2.87(1)", false),
        g(
            "C13", "396f288a-e267-4c20-851a-ed4f7498f137", "insolvency", "CRITERION.EXCLUSION.BUSINESS.INSOLVENCY",
            "EXCLUSION.BANKRUPTCY_INSOLVENCY", "Insolvency", "C", "57(4)(b)", "2.87(1)", false),
        g(
            "C14", "68918c7a-f5bc-4a1a-a62f-ad8983600d48", "cred-arran", "CRITERION.EXCLUSION.BUSINESS.CREDITORS_ARRANGEMENT",
            "EXCLUSION.BANKRUPTCY_INSOLVENCY", "Arrangement with creditors", "C", "57(4)(b)", "2.87(1)", false),
        g(
            "C15", "daffa2a9-9f8f-4568-8be8-7b8bf306d096", "bankr-nat", "CRITERION.EXCLUSION.BUSINESS.BANKRUPTCY_ANALOGOUS",
            "EXCLUSION.BANKRUPTCY_INSOLVENCY", "Analogous situation like bankruptcy under national law", "C", "57(4)(b)", "2.87(1)", false),
        g(
            "C16", "8fda202a-0c37-41bb-9d7d-de3f49edbfcb", "liq-admin", "CRITERION.EXCLUSION.BUSINESS.LIQUIDATOR_ADMINISTERED",
            "EXCLUSION.BANKRUPTCY_INSOLVENCY", "Assets being administered by liquidator", "C", "57(4)(b)", "2.87(1)", false),
        g(
            "C17", "166536e2-77f7-455c-b018-70582474e4f6", "susp-act", "CRITERION.EXCLUSION.BUSINESS.ACTIVITIES_SUSPENDED",
            "EXCLUSION.BANKRUPTCY_INSOLVENCY", "Business activities are suspended", "C", "57(4)(b)", "2.87(1)", false),
        g(
            "C18", "514d3fde-1e3e-4dcd-b02a-9f984d5bbda3", "prof-misconduct", "CRITERION.EXCLUSION.MISCONDUCT.MC_PROFESSIONAL",
            "EXCLUSION.MISCONDUCT", "Guilty of grave professional misconduct", "C", "57(4)(c)", "2.87(1)", false),
        g(
            "C19", "56d13e3d-76e8-4f23-8af6-13e60a2ee356", "distorsion", "CRITERION.EXCLUSION.MISCONDUCT.MARKET_DISTORTION",
            "EXCLUSION.DISTORTING_MARKET", "Agreements with other economic operators aimed at distorting competition", "C", "57(4)(d)",
            "2.87(1)", false),
        g(
            "C20", "b1b5ac18-f393-4280-9659-1367943c1a2e", "partic-confl",
            "CRITERION.EXCLUSION.CONFLICT_OF_INTEREST.PROCEDURE_PARTICIPATION", "EXCLUSION.CONFLICT_OF_INTEREST",
            "Conflict of interest due to its participation in the procurement procedure", "C", "57(4)(e)", "2.87(1)(e), 1.10b", false),
        g(
            "C21", "61874050-5130-4f1c-a174-720939c7b483", "prep-confl", "CRITERION.EXCLUSION.CONFLICT_OF_INTEREST.PROCEDURE_PREPARATION",
            "EXCLUSION.CONFLICT_OF_INTEREST", "Direct or indirect involvement in the preparation of this procurement procedure", "C",
            "57(4)(f)", "2.87(1)(f), 2.51", false),
        g(
            "C22", "3293e92b-7f3e-42f1-bee6-a7641bb04251", "sanction", "CRITERION.EXCLUSION.CONFLICT_OF_INTEREST.EARLY_TERMINATION",
            "EXCLUSION.CONFLICT_OF_INTEREST", "Early termination, damages or other comparable sanctions", "C", "57(4)(g)", "2.87(1)", false),
        g(
            "C23", "696a75b2-6107-428f-8b74-82affb67e184", "misrepresent", "CRITERION.EXCLUSION.CONFLICT_OF_INTEREST.MISINTERPRETATION",
            "EXCLUSION.CONFLICT_OF_INTEREST",
            "Guilty of misrepresentation, withheld information, unable to provide required documents and obtained confidential information of this procedure",
            "C", "57(4)(h)-(i)", "2.87(1)", false, alternatives: ["misinterpr"]),
        g(
            "C24", "63adb07d-db1b-4ef0-a14e-a99785cf8cf6", "nati-ground", "CRITERION.EXCLUSION.NATIONAL.OTHER", "EXCLUSION.OTHER",
            "Purely national exclusion grounds", "D", "national", "national (e.g. Bibob)", false),
    ]

    private static let byUUID: [String: ExclusionGround] = Dictionary(uniqueKeysWithValues: all.map { ($0.uuid, $0) })
    private static let byCode: [String: ExclusionGround] = {
        var table: [String: ExclusionGround] = [:]
        for ground in all {
            table[ground.longCode] = ground
            table[ground.shortCode] = ground
            for code in ground.alternativeShortCodes { table[code] = ground }
        }
        return table
    }()

    /// Looks a ground up by criterion UUID (primary key, case-insensitive).
    public static func ground(uuid: String) -> ExclusionGround? { byUUID[uuid.lowercased()] }

    /// Looks a ground up by its v2 long code or v3/v4 short code (the 2016 v1 codes are shared
    /// by several grounds and so cannot identify one).
    public static func ground(code: String) -> ExclusionGround? {
        byCode[code.uppercased()] ?? byCode[code.lowercased()]
    }

    /// Looks a ground up by its C-number ("C7").
    public static func ground(number: String) -> ExclusionGround? { all.first { $0.ground == number } }

    private static func g(
        _ ground: String, _ uuid: String, _ short: String, _ long: String, _ v1: String?, _ name: String, _ part: String, _ article: String,
        _ aw: String, _ mandatory: Bool, alternatives: [String] = []
    ) -> ExclusionGround {
        ExclusionGround(
            ground: ground, uuid: uuid, shortCode: short, alternativeShortCodes: alternatives, longCode: long, v1Code2016: v1, name: name,
            part: part, directiveArticle: article, aanbestedingswetArticle: aw, mandatory: mandatory)
    }
}

extension ExclusionGround {
    /// The ground's name as the Dutch UEA (TenderNed) words it, for Dutch sentences.
    public var dutchName: String { Self.dutchNames[ground] ?? name }

    private static let dutchNames: [String: String] = [
        "C1": "deelneming aan een criminele organisatie", "C2": "omkoping", "C3": "fraude",
        "C4": "terroristische misdrijven of strafbare feiten in verband met terroristische activiteiten",
        "C5": "witwassen van geld of financiering van terrorisme", "C6": "kinderarbeid en andere vormen van mensenhandel",
        "C7": "betaling van belastingen", "C8": "betaling van socialezekerheidsbijdragen",
        "C9": "schending van verplichtingen op het gebied van milieurecht",
        "C10": "schending van verplichtingen op het gebied van sociaal recht",
        "C11": "schending van verplichtingen op het gebied van arbeidsrecht", "C12": "faillissement", "C13": "insolventie",
        "C14": "akkoord met schuldeisers", "C15": "situatie vergelijkbaar met faillissement naar nationaal recht",
        "C16": "activa beheerd door een curator", "C17": "bedrijfsactiviteiten gestaakt", "C18": "ernstige beroepsfout",
        "C19": "overeenkomsten met andere ondernemers om de mededinging te vervalsen",
        "C20": "belangenconflict door deelname aan de aanbestedingsprocedure",
        "C21": "directe of indirecte betrokkenheid bij de voorbereiding van deze aanbestedingsprocedure",
        "C22": "vroegtijdige beëindiging, schadevergoeding of andere vergelijkbare sancties",
        "C23": "valse verklaringen, achterhouden van informatie of vertrouwelijke informatie over deze procedure verkregen",
        "C24": "zuiver nationale uitsluitingsgronden",
    ]
}
