/// Every check, in the order `uea-screen rules` lists them. Adding a rule = one file + one line here; everything
/// else about it (entities, legal effect, knock-out) is in its description.
public enum CheckRegistry {
    public static let all: [any Check] = [
        NotAResponseCheck(), ExclusionUnansweredCheck(), ExclusionMissingCheck(), AnswerConflictCheck(), UnlinkedAnswerCheck(),
        AlteredStructureCheck(), SchemaInvalidCheck(), PlaceholderCheck(), OtherTenderCheck(), LotMismatchCheck(), RequestMismatchCheck(),
        MemberESPDMissingCheck(), DuplicatePartyCheck(), UnknownRoleCheck(), DuplicateBidderCheck(), RefusedFileCheck(),
        MandatoryGroundCheck(), ExpiredConvictionCheck(), ConvictionDateUnclearCheck(), TaxSocialSecurityCheck(), OptionalGroundCheck(),
        MisrepresentationAmbiguousCheck(), ConflictUnexplainedCheck(),
        GVATooOldCheck(), GVAEntityMismatchCheck(), ForeignEquivalentCheck(), GVAMissingCheck(), EvidenceMissingCheck(),
        EvidenceTooOldCheck(), FutureDateCheck(), SignedAfterDeadlineCheck(),
        PersonMatchCheck(), AdviserCompanyCheck(), PriorInvolvementCheck(),
        RecentlyFoundedCheck(), FrequentChangesCheck(), SharedAddressCheck(), MissingUBOCheck(), UnexplainedFinancingCheck(),
        SbiUnrelatedCheck(), ThinCompanyCheck(),
        RiskSectorCheck(),
        SolarDeclarationMissingCheck(), DeclarationProblemCheck(), MissingTierCheck(), XinjiangCheck(), ListedEntityCheck(),
        CertificateCheck(), BatchLinkCheck(), ImplausibleVolumeCheck(),
        LighterThanRequiredCheck(), ProcedureRequiredCheck(), LegalAdviceCheck(),
        ListedPartyCheck(), HiddenCharactersCheck(), RussiaInvolvementCheck(), RussiaDeclarationContradictedCheck(),
        SanctionsDeclarationMissingCheck(), StaleListCheck(),
        ContractConditionsCheck(), SROICheck(), BiodiversityCheck(), BibobClauseCheck(), SolarConditionsCheck(),
        TenderFileDiffersCheck(), GroundNotRequestedCheck(), RequestReferenceCheck(), WinnerOwnerInvolvedCheck(), WinnerListedCheck(),
    ]

    /// Checks a tender may make a knock-out in its documents (`knockOuts:` in tender.yaml), as
    /// their descriptions say (`mayBeKnockOut`).
    public static let knockOutCandidates: Set<String> = Set(all.filter(\.mayBeKnockOut).map(\.id))
}
