/// Selection and "other / EO data" criteria whose UUIDs are stable from v2.0.x to v4.1.0
/// (the ESPD-EDM criterion taxonomies). Used to classify criteria and to fill in
/// the code of the other generation.
public struct CatalogCriterion: Sendable, Equatable {
    public let uuid: String
    /// v4.0.0+ id for the "other" criteria (C57_OT_…), nil otherwise.
    public let v4ID: String?
    public let shortCode: String?
    public let longCode: String
    public let category: CriterionCategory
    public let name: String
}

public enum CriterionCatalog {
    public static let selectionAndOther: [CatalogCriterion] = [
        s(
            "6ee55a59-6adb-4c3a-b89f-e62a7ad7be7f", "prof-regist", "SUITABILITY.PROFESSIONAL_REGISTER_ENROLMENT",
            "Enrolment in a relevant professional register"),
        s("87b3fa26-3549-4f92-b8e0-3fd8f04bf5c7", "trade-regist", "SUITABILITY.TRADE_REGISTER_ENROLMENT", "Enrolment in a trade register"),
        s(
            "9eeb6d5c-0eb8-48e8-a4c5-5087a7c095a4", "authorisation", "SUITABILITY.AUTHORISATION",
            "For service contracts: authorisation of particular organisation needed"),
        s(
            "73f10e36-ed7a-412e-995c-aa76463e3776", "membership", "SUITABILITY.MEMBERSHIP",
            "For service contracts: membership of particular organisation needed"),
        s(
            "499efc97-2ac1-4af2-9e84-323c2ca67747", "gen-year-to", "ECONOMIC_FINANCIAL_STANDING.TURNOVER.GENERAL_YEARLY",
            "General yearly turnover"),
        s(
            "b16cb9fc-6cb7-4585-9302-9533b415cf48", "aver-year-to", "ECONOMIC_FINANCIAL_STANDING.TURNOVER.AVERAGE_YEARLY",
            "Average yearly turnover"),
        s(
            "d3dfb714-f558-4512-bbc5-e456fa2339de", "spec-aver-to", "ECONOMIC_FINANCIAL_STANDING.TURNOVER.SPECIFIC_AVERAGE",
            "Specific average turnover"),
        s(
            "074f6031-55f9-4e99-b9a4-c4363e8bc315", "spec-year-to", "ECONOMIC_FINANCIAL_STANDING.TURNOVER.SPECIFIC_YEARLY",
            "Specific yearly turnover"),
        s("e4d37adc-08cd-4f4d-a8d8-32b62b0a1f46", "finan-rat", "ECONOMIC_FINANCIAL_STANDING.FINANCIAL_RATIO", "Financial ratio"),
        s(
            "7604bd40-4462-4086-8763-a50da51a869c", "indem-insu", "ECONOMIC_FINANCIAL_STANDING.RISK_INDEMNITY_INSURANCE",
            "Professional risk indemnity insurance"),
        s(
            "ab0e7f2e-6418-40e2-8870-6713123e41ad", "finan-requ", "ECONOMIC_FINANCIAL_STANDING.OTHER_REQUIREMENTS",
            "Other economic or financial requirements"),
        s(
            "cdd3bb3e-34a5-43d5-b668-2aab86a73822", "work-perform", "TECHNICAL_PROFESSIONAL_ABILITY.REFERENCES.WORKS_PERFORMANCE",
            "For works contracts: performance of works of the specified type"),
        s(
            "3a18a175-1863-4b1d-baef-588ce61960ca", "supply-perform",
            "TECHNICAL_PROFESSIONAL_ABILITY.REFERENCES.SUPPLIES_DELIVERY_PERFORMANCE",
            "For supply contracts: performance of deliveries of the specified type"),
        s(
            "5e506c16-26ab-4e32-bb78-b27f87dc0565", "service-perform",
            "TECHNICAL_PROFESSIONAL_ABILITY.REFERENCES.SERVICES_DELIVERY_PERFORMANCE",
            "For service contracts: performance of services of the specified type"),
        s(
            "3aaca389-4a7b-406b-a4b9-080845d127e7", "qual-cont-tech",
            "TECHNICAL_PROFESSIONAL_ABILITY.TECHNICAL.TECHNICIANS_FOR_QUALITY_CONTROL",
            "Technicians or technical bodies for quality control"),
        s(
            "c599c130-b29f-461e-a187-4e16c7d40db7", "work-tech", "TECHNICAL_PROFESSIONAL_ABILITY.TECHNICAL.TECHNICIANS_FOR_CARRYING_WORKS",
            "For works contracts: technicians or technical bodies to carry out the work"),
        s(
            "4bf996d9-439c-40c6-9ab9-980a48cb55a1", "qual-facil",
            "TECHNICAL_PROFESSIONAL_ABILITY.TECHNICAL.FACILITIES_FOR_QUALITY_ENSURING",
            "Technical facilities and measures for ensuring quality"),
        s(
            "90a2e100-44cc-45d3-9970-69d6714f1596", "research-fac",
            "TECHNICAL_PROFESSIONAL_ABILITY.TECHNICAL.FACILITIES_FOR_STUDY_RESEARCH", "Study and research facilities"),
        s(
            "dc12a151-7fdf-4733-a8f0-30f667292e66", "chain-manage", "TECHNICAL_PROFESSIONAL_ABILITY.TECHNICAL.SUPPLY_CHAIN_MANAGEMENT",
            "Supply chain management"),
        s(
            "9460457e-b43d-48a9-acd1-615de6ddd33e", "envir-measure",
            "TECHNICAL_PROFESSIONAL_ABILITY.TECHNICAL.ENVIRONMENTAL_MANAGEMENT_MEASURES", "Environmental management measures"),
        s(
            "cc18c023-211d-484d-a32e-52f3f970285f", "tech-equip", "TECHNICAL_PROFESSIONAL_ABILITY.TECHNICAL.EQUIPMENT",
            "Tools, plant or technical equipment"),
        s(
            "07301031-2270-41af-8e7e-66fe0c777107", "qualification", "TECHNICAL_PROFESSIONAL_ABILITY.TECHNICAL.PROFESSIONAL_QUALIFICATIONS",
            "Educational and professional qualifications"),
        s(
            "c8809aa1-29b6-4f27-ae2f-27e612e394db", "spec-req-check", "TECHNICAL_PROFESSIONAL_ABILITY.TECHNICAL.CHECKS.ALLOWANCE_OF_CHECKS",
            "Special requirements check"),
        s(
            "6346959b-e097-4ea1-89cd-d1b4c131ea4d", "manage-staff", "TECHNICAL_PROFESSIONAL_ABILITY.MANAGEMENT.MANAGERIAL_STAFF",
            "Number of managerial staff"),
        s(
            "1f49b3f0-d50f-43f6-8b30-4bafab108b9b", "year-manpower", "TECHNICAL_PROFESSIONAL_ABILITY.MANAGEMENT.AVERAGE_ANNUAL_MANPOWER",
            "Average annual manpower"),
        s(
            "612a1625-118d-4ea4-a6db-413184e7c0a8", "suncont-port", "TECHNICAL_PROFESSIONAL_ABILITY.MANAGEMENT.SUBCONTRACTING_PROPORTION",
            "Subcontracting proportion"),
        s(
            "bdf0601d-2480-4250-b870-658d0ee95be6", "wo-autent",
            "TECHNICAL_PROFESSIONAL_ABILITY.MANAGEMENT.ARTEFACTS.NO_AUTHENTICATED_ARTEFACTS",
            "For supply contracts: samples, descriptions or photographs without certification of authenticity"),
        s(
            "7662b7a9-bcb8-4763-a0a7-7505d8e8470d", "w-autent",
            "TECHNICAL_PROFESSIONAL_ABILITY.MANAGEMENT.ARTEFACTS.AUTHENTICATED_ARTEFACTS",
            "For supply contracts: samples, descriptions or photographs with certification of authenticity"),
        s(
            "a7669d7d-9297-43e1-9d10-691a1660187c", "qa-certif-inst",
            "TECHNICAL_PROFESSIONAL_ABILITY.CERTIFICATES.QUALITY_ASSURANCE.QA_INSTITUTES_CERTIFICATE",
            "For supply contracts: certificates by quality control institutes"),
        s(
            "d726bac9-e153-4e75-bfca-c5385587766d", "qu-certif-indep",
            "TECHNICAL_PROFESSIONAL_ABILITY.CERTIFICATES.QUALITY_ASSURANCE.QA_INDEPENDENT_CERTIFICATE",
            "Certificates by independent bodies about quality assurance standards"),
        s(
            "8ed65e48-fd0d-444f-97bd-4f58da632999", "envir-certif-indep",
            "TECHNICAL_PROFESSIONAL_ABILITY.CERTIFICATES.ENVIRONMENTAL_MANAGEMENT.ENV_INDEPENDENT_CERTIFICATE",
            "Certificates by independent bodies about environmental management systems or standards"),
        s("77f481ce-ffb6-483f-8e2b-c78db5e68292", nil, "ECONOMIC_FINANCIAL_STANDING.TURNOVER.SET_UP", "Set up of economic operator"),
        CatalogCriterion(
            uuid: "0114620b-93e4-486e-84de-14849db1f023", v4ID: nil, shortCode: nil, longCode: "CRITERION.DEFENCE.SELECTION.OTHER",
            category: .selection, name: "Supplementary evidence for procurement procedures regulated by 2009/81/EC Directive"),
        CatalogCriterion(
            uuid: "4c6928de-df28-464e-8e3f-efebf727c418", v4ID: nil, shortCode: nil, longCode: "CRITERION.UTILITIES.SELECTION.OTHER",
            category: .selection, name: "Supplementary evidence for procurement procedures regulated by 2004/17/EC Directive"),
        CatalogCriterion(
            uuid: "f4dc58dd-af45-4602-a4c8-3dca30fac082", v4ID: nil, shortCode: nil, longCode: "CRITERION.SELECTION.ALL",
            category: .selection, name: "All selection criteria will be satisfied"),
        o(
            "2043338f-a38a-490b-b3ec-2607cb25a017", "C57_OT_shelt-worksh", "shelt-worksh", "CRITERION.OTHER.EO_DATA.SHELTERED_WORKSHOP",
            "Economic operator is a sheltered workshop"),
        o(
            "9b19e869-6c89-4cc4-bd6c-ac9ca8602165", "C58_OT_registered", "registered",
            "CRITERION.OTHER.EO_DATA.REGISTERED_IN_OFFICIAL_LIST", "Economic operator registered in a pre qualification system"),
        o(
            "ee51100f-8e3e-40c9-8f8b-57d5a15be1f2", "C59_OT_eo-group", "eo-group", "CRITERION.OTHER.EO_DATA.TOGETHER_WITH_OTHERS",
            "Economic Operator together with others"),
        o(
            "0d62c6ed-f074-4fcf-8e9f-f691351d52ad", "C60_OT_relied", "relied", "CRITERION.OTHER.EO_DATA.RELIES_ON_OTHER_CAPACITIES",
            "Relied on entities"),
        o(
            "72c0c4b1-ca50-4667-9487-461f3eed4ed7", "C61_OT_subco-ent", "subco-ent",
            "CRITERION.OTHER.EO_DATA.SUBCONTRACTS_WITH_THIRD_PARTIES", "Not relied on entities"),
        o(
            "51c39ba9-0444-4967-afe9-36f753b30175", "C63_OT_staff-red", "staff-red", "CRITERION.OTHER.EO_DATA.REDUCTION_OF_CANDIDATES",
            "Reduction of the number of qualified candidates"),
        o(
            "ede30cb7-70c2-4ead-ba11-22d0cac5ab7a", "C65_OT_sme", "sme", "CRITERION.OTHER.EO_SME",
            "Economic Operator Micro, Small or Medium-sized Enterprise"),
        o("8b9700b7-b13c-41e6-a220-6bbf8d5fab31", nil, nil, "CRITERION.OTHER.EO_DATA.LOTS_TENDERED", "Lots the EO tenders to"),
        o("6a21c421-5c1e-46f4-9762-116fbcd33097", nil, nil, "CRITERION.OTHER.CA_DATA.LOTS_SUBMISSION", "CA Lots"),
        o(
            "5a8dea31-5db9-4e03-862b-07810aa6a7fd", nil, nil, "CRITERION.OTHER.EO_DATA.CONTRIBUTIONS_CERTIFICATES",
            "Contributions certificates"),
    ]

    private static let byKey: [String: CatalogCriterion] = {
        var table: [String: CatalogCriterion] = [:]
        for entry in selectionAndOther {
            table[entry.uuid] = entry
            if let id = entry.v4ID { table[id.lowercased()] = entry }
            if let short = entry.shortCode { table["code:" + short] = entry }
            table["code:" + entry.longCode.lowercased()] = entry
        }
        return table
    }()

    /// By UUID or v4 id (case-insensitive).
    public static func entry(id: String) -> CatalogCriterion? { byKey[id.lowercased()] }

    /// By long or short type code.
    public static func entry(code: String) -> CatalogCriterion? { byKey["code:" + code.lowercased()] }

    private static func s(_ uuid: String, _ short: String?, _ long: String, _ name: String) -> CatalogCriterion {
        CatalogCriterion(uuid: uuid, v4ID: nil, shortCode: short, longCode: "CRITERION.SELECTION." + long, category: .selection, name: name)
    }

    private static func o(_ uuid: String, _ v4: String?, _ short: String?, _ long: String, _ name: String) -> CatalogCriterion {
        CatalogCriterion(uuid: uuid, v4ID: v4, shortCode: short, longCode: long, category: .other, name: name)
    }
}

/// Classifies a criterion from its id and code: UUID first (stable across generations), then
/// the type code, then the v4 id prefix.
public enum CriterionClassifier {
    public struct Result: Equatable, Sendable {
        public var category: CriterionCategory
        public var ground: ExclusionGround?
        public var codeLong: String?
        public var codeShort: String?
    }

    public static func classify(id: String, code: String?) -> Result {
        if let ground = ExclusionGrounds.ground(uuid: id) {
            return Result(category: .exclusion, ground: ground, codeLong: ground.longCode, codeShort: ground.shortCode)
        }
        if let entry = CriterionCatalog.entry(id: id) {
            return Result(category: entry.category, ground: nil, codeLong: entry.longCode, codeShort: entry.shortCode)
        }
        if let code, let ground = ExclusionGrounds.ground(code: code) {
            return Result(category: .exclusion, ground: ground, codeLong: ground.longCode, codeShort: ground.shortCode)
        }
        if let code, let entry = CriterionCatalog.entry(code: code) {
            return Result(category: entry.category, ground: nil, codeLong: entry.longCode, codeShort: entry.shortCode)
        }
        let upper = (code ?? "").uppercased()
        let isLong = upper.contains(".")
        let long = isLong ? upper : nil
        let short = (!isLong && code != nil) ? code!.lowercased() : nil
        if upper.contains("EXCLUSION") { return Result(category: .exclusion, ground: nil, codeLong: long, codeShort: short) }
        if upper.contains("SELECTION") { return Result(category: .selection, ground: nil, codeLong: long, codeShort: short) }
        if upper.contains("AWARD") { return Result(category: .award, ground: nil, codeLong: long, codeShort: short) }
        if upper.contains("OTHER") || upper.contains("DATA_ON_ECONOMIC_OPERATOR") || upper.contains("REDUCTION_OF_CANDIDATES") {
            return Result(category: .other, ground: nil, codeLong: long, codeShort: short)
        }
        // v4 ids: C<n>_EG_ exclusion ground, C<n>_SC_ selection, C<n>_OT_ other.
        let parts = id.split(separator: "_")
        if parts.count >= 3, parts[0].first == "C" {
            switch parts[1] {
            case "EG": return Result(category: .exclusion, ground: nil, codeLong: long, codeShort: short)
            case "SC": return Result(category: .selection, ground: nil, codeLong: long, codeShort: short)
            case "OT": return Result(category: .other, ground: nil, codeLong: long, codeShort: short)
            default: break
            }
        }
        return Result(category: .unknown, ground: nil, codeLong: long, codeShort: short)
    }
}
