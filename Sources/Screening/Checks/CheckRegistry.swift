/// Every check, in the order `uea-screen rules` lists them. Adding a rule = one file + one line here.
public enum CheckRegistry {
    public static let all: [any Check] = [
        NotAResponseCheck(), ExclusionUnansweredCheck(), ExclusionMissingCheck(), AnswerConflictCheck(), UnlinkedAnswerCheck(), AlteredStructureCheck(), SchemaInvalidCheck(), PlaceholderCheck(), OtherTenderCheck(), RequestMismatchCheck(), MemberESPDMissingCheck(),
        MandatoryGroundCheck(), ExpiredConvictionCheck(), TaxAndSocialSecurityCheck(), OptionalGroundCheck(), MisrepresentationPolarityCheck(), ConflictWithoutExplanationCheck(),
        GVATooOldCheck(), GVAEntityMismatchCheck(), ForeignBidderCheck(), GVAMissingCheck(), EvidenceAgeCheck(),
        PersonMatchCheck(), AdviserCompanyCheck(), PriorInvolvementCheck(),
        RecentlyFoundedCheck(), DirectorChangesCheck(), SharedAddressCheck(), MissingUBOCheck(), UnexplainedFinancingCheck(), UnrelatedActivityCheck(), ThinCompanyCheck(),
        RiskSectorCheck(),
        SupplyChainDeclarationMissingCheck(), DeclarationProblemCheck(), MissingTierCheck(), XinjiangRegionCheck(), ListedEntityCheck(), CertificateCheck(), BatchLinkCheck(), VolumeCheck(),
        ProcedureThresholdCheck(), ProcedureRecordCheck(), LegalAdviceCheck(),
        ListedPartyCheck(), HiddenCharactersCheck(), RussiaInvolvementCheck(), RussiaDeclarationMissingCheck(), WatchlistCoverageCheck(),
        ContractConditionsCheck(), SROICheck(), BiodiversityCheck(), BibobClauseCheck(), SolarConditionsCheck(),
    ]

    /// Checks a tender may make a knock-out in its documents (`knockOuts:` in tender.yaml): the
    /// forced-labour signals, which block only where the tender announced them as exclusion.
    public static let knockOutCandidates: Set<String> = ["solar.xinjiang", "solar.listed-entity"]
}
