import Basics
import TestSupport
import Testing

@testable import ESPD

/// Concrete values, one or more files of each generation, checked against the XML by hand
/// (line numbers and values quoted from the corpus files).
@Suite("Each generation reads to the right values")
struct GenerationTests {
    func read(_ relative: String) throws -> ESPDDocument { try ESPDParser.read(contentsOf: Paths.corpusFile(relative)) }

    @Test(
        "v1 (EU ESPD service 2016): inline answers, conviction details, self-cleaning, evidence URL",
        .enabled(if: Paths.hasCorpus, Paths.corpusMissing))
    func v1ConvictionResponse() throws {
        let d = try read("espd-service-v1/response/exclusion/participation_criminal_organisation_import.xml")
        #expect(d.generation == .v1)
        #expect(d.kind == .response)
        #expect(d.declared.versionID == "1")
        #expect(d.contractFolderID == "SMART 2015/0065")
        #expect(d.criteria.count == 1)
        let c = d.criteria[0]
        #expect(c.uuid == "005eb9ed-1347-4ca3-bb29-9bc0db64e1ab")
        #expect(c.code == "EXCLUSION.CRIMINAL_CONVICTIONS")
        #expect(c.codeShort == "crime-org")
        #expect(c.codeLong == "CRITERION.EXCLUSION.CONVICTIONS.PARTICIPATION_IN_CRIMINAL_ORGANISATION")
        #expect(c.ground == "C1")
        #expect(c.category == .exclusion)
        #expect(c.answer == true)
        #expect(c.groundApplies == true)
        #expect(c.selfCleaning == true)
        #expect(c.selfCleaningDescription == "Hodor is clean")
        let date = try #require(c.answers.first { $0.question == "Date of conviction" })
        #expect(date.date == "2016-01-17")
        #expect(date.criminalData)
        #expect(date.line == 41)  // the <ccv:Response> holding the date
        #expect(c.answers.first { $0.question == "Length of the period of exclusion" }?.period?.description == "7 years")
        #expect(c.answers.first { $0.type == "EVIDENCE_URL" }?.evidence?.first?.uri == "www.hodor.com")
        #expect(c.answers.first { $0.type == "CODE" }?.code == "INTERNATIONAL")
    }

    @Test("v1 full response: economic operator, representative and identifiers", .enabled(if: Paths.hasCorpus, Paths.corpusMissing))
    func v1Party() throws {
        let d = try read("espd-service-v1/response/v20161101/espd-response-20161101-full.xml")
        #expect(d.declared.versionID == "2016.11.01")
        let eo = try #require(d.economicOperator)
        #expect(eo.name == "Ben larbi")
        #expect(eo.sme == true)
        #expect(eo.representatives.first?.familyName == "Sweat")
        #expect(eo.representatives.first?.birthDate == "1965-09-28")
        #expect(d.criteria.filter { $0.category == .exclusion }.count == 24)
    }

    @Test("v1 identifier schemes are kept as written, bogus ones too", .enabled(if: Paths.hasCorpus, Paths.corpusMissing))
    func v1IdentifierSchemes() throws {
        let d = try read("espd-service-v1/response/response_eo_party_only_vat_number_scheme_id.xml")
        let schemes = d.economicOperator?.identifiers.compactMap(\.scheme) ?? []
        #expect(schemes.contains("VAT_Number"))
        #expect(schemes.contains("Bogus"))
    }

    @Test("v2.0 (pre-award namespaces): version, profile, role and answers", .enabled(if: Paths.hasCorpus, Paths.corpusMissing))
    func v20() throws {
        let d = try read("edm-v2.0.2/REGULATED-ESPD-Response_2.0.2.xml")
        #expect(d.generation == .v2_0)
        #expect(d.namespaces == .preAward)
        #expect(d.version == "2.0.2")
        #expect(d.profile == "basic")
        #expect(d.economicOperator?.name == "Edisys")
        #expect(d.economicOperator?.roleCode == "GM")
        #expect(d.economicOperator?.role == "member")
        #expect(d.economicOperator?.size == "micro")
        #expect(d.economicOperator?.identifiers.contains(Identifier(value: "987654325", scheme: "National_Number")) == true)
        #expect(d.criteria.count == 29)
        #expect(d.unlinkedAnswers.isEmpty)
    }

    @Test(
        "v2.0 SELFCONTAINED responses with dangling property ids report them as unlinked answers",
        .enabled(if: Paths.hasCorpus, Paths.corpusMissing))
    func v20Dangling() throws {
        let d = try read("edm-v2.0.0/SELFCONTAINED-ESPDResponse-02.00.00.xml")
        #expect(d.profile == "extended")
        #expect(d.unlinkedAnswers.count == 20)
        // One warning per unlinked answer, at its line (the first dangling response is at line 9054).
        #expect(d.warnings.filter { $0.code == "unlinked-answer" }.count == 20)
        #expect(d.warnings.first { $0.code == "unlinked-answer" }?.line == 9054)
        #expect(d.unlinkedAnswers.first?.line == 9054)
        #expect(d.warnings.contains { $0.code == "duplicate-property-ids" })
    }

    @Test("v2.1.1 Extended: version from the type-code list version, CPV and lots", .enabled(if: Paths.hasCorpus, Paths.corpusMissing))
    func v211Extended() throws {
        let d = try read("edm-v2.1.1/EXTENDED-ESPDResponse-2.1.1.xml")
        #expect(d.generation == .v2_1)
        #expect(d.version == "2.1.1")
        #expect(d.versionSource == "QualificationApplicationTypeCode@listVersionID")
        #expect(d.declared.versionID == "1.0")
        #expect(d.profile == "extended")
        #expect(d.procurement.cpv.contains("45463100-8"))
        #expect(d.procurement.lots.contains("Lot1"))
        #expect(d.issueDate == "2019-12-10+01:00")
        #expect(d.criteria.count == 67)
    }

    @Test(
        "v2.1.1 Basic: the commented-out criteria are not read; C23 polarity is ambiguous",
        .enabled(if: Paths.hasCorpus, Paths.corpusMissing))
    func v211Basic() throws {
        let d = try read("edm-v2.1.1/BASIC-ESPDResponse-2.1.1.xml")
        #expect(d.criteria.count == 65)
        let c1 = try #require(d.criteria.first { $0.ground == "C1" })
        #expect(c1.answers.first { $0.property == "4b8cc9ed-0e1f-4fbc-be4d-6697197103ec" }?.indicator == c1.answer)
        let c23 = try #require(d.criteria.first { $0.ground == "C23" })
        #expect(c23.polarity == .ambiguous)
        #expect(c23.groundApplies == nil)
        #expect(d.economicOperator?.representatives.first?.firstName == "__EoRepresName")
    }

    @Test("v3.0.1 repeated turnover years are separate instances", .enabled(if: Paths.hasCorpus, Paths.corpusMissing))
    func v3Repeated() throws {
        let d = try read("edm-v3.0.1/yearly-turnover-periods/ESPD-Response-YearlyTurnoverPeriods.xml")
        #expect(d.generation == .v3)
        #expect(d.version == "3.0.0")  // the header says 3.0.0 though the tag is 3.0.1
        // Three copies of the "Start date; End date" group with ids …7211, …7222, …7233.
        let ids = ["1eb80667-ff73-44b4-b867-c5d1248b7211", "1eb80667-ff73-44b4-b867-c5d1248b7222", "1eb80667-ff73-44b4-b867-c5d1248b7233"]
        let periods = d.criteria.flatMap(\.answers).filter { ids.contains($0.property ?? "") }
        #expect(periods.map(\.line) == [10863, 10885, 10907])
        #expect(periods.map(\.instance) == [1, 2, 3])
        #expect(periods.allSatisfy { $0.period?.start != nil })
    }

    @Test("v3.3.0: short codes and alpha-3 country normalised", .enabled(if: Paths.hasCorpus, Paths.corpusMissing))
    func v33() throws {
        let d = try read("edm-v3.3.0/ESPD-Response.xml")
        #expect(d.generation == .v3)
        #expect(d.version == "3.3.0")
        #expect(d.versionSource == "ProfileExecutionID")
        #expect(d.criteria.first { $0.ground == "C23" }?.codeShort == "misrepresent")
        #expect(d.criteria.filter { $0.category == .exclusion }.count == 24)
        #expect(d.economicOperator?.name == "__ProcurerName")
    }

    @Test("v4.0.0: the /R<n> suffix of response ids separates two convictions", .enabled(if: Paths.hasCorpus, Paths.corpusMissing))
    func v4Instances() throws {
        let d = try read("edm-v4.0.0/ESPD-Response.xml")
        #expect(d.generation == .v4)
        let c1 = try #require(d.criteria.first { $0.ground == "C1" })
        let periods = c1.answers.filter { $0.property == "C1_EG_crime-org/QG1/QSG1/Q4" }
        #expect(periods.map(\.instance) == [1, 2])
        #expect(periods.map(\.line) == [8750, 8829])
        #expect(periods.first?.period?.start == "2017-01-01")
        #expect(!c1.subCriteria.isEmpty)
    }

    @Test("v4.1.0: header, operator, C1 answer, evidence resolved, C7 unanswered", .enabled(if: Paths.hasCorpus, Paths.corpusMissing))
    func v41() throws {
        let d = try read("edm-v4.1.0/ESPD-Response.xml")
        #expect(d.generation == .v4)
        #expect(d.version == "4.1.0")
        #expect(d.declared.profileExecutionID == "ESPD-EDMv4.1.0")
        #expect(d.uuid == "f662457f-3e7a-46d2-a515-33c5a64bb7ba")
        #expect(d.contractFolderID == "PP.20170419.1024-9")
        #expect(d.procurement.procedureCode == "Open")
        let eo = try #require(d.economicOperator)
        #expect(eo.name == "__Procurer Official Name__")
        #expect(eo.role == "member")
        #expect(eo.sme == true)
        #expect(eo.country == "BE")
        #expect(eo.identifiers == [Identifier(value: "AD123456789", scheme: "OP")])
        #expect(d.contractingAuthority?.country == "BE")
        let c1 = try #require(d.criteria.first { $0.ground == "C1" })
        #expect(c1.answer == true)
        #expect(c1.line == 83)
        #expect(c1.selfCleaning == true)
        #expect(c1.selfCleaningDescription == "[Measures taken by the EO]")
        let evidence = c1.answers.compactMap(\.evidence).flatMap { $0 }
        #expect(
            evidence.contains {
                $0.id == "EVIDENCE-ID/C1_EG_crime-org/QG2/QSG1/Q1/R1/R1/RES" && $0.uri == "http:dod.gov.usa/sat/it/soft/prk?id=11121233"
            })
        let c7 = try #require(d.criteria.first { $0.ground == "C7" })
        #expect(c7.answer == nil)  // RG1/QSG1/Q1 "Your answer" has no response in this example
        #expect(d.criteria.first { $0.uuid == "C59_OT_eo-group" }?.category == .other)
        #expect(d.criteria.first { $0.ground == "C23" }?.polarity == .trueMeansGroundApplies)
    }

    @Test("A UBL invoice is refused as not an ESPD, naming the root")
    func notAnESPD() throws {
        let path = Paths.repositoryFile("Tests/SafeXMLTests/Hostile/ubl-invoice.xml")
        do {
            _ = try ESPDParser.read(contentsOf: path)
            Issue.record("an invoice was read as an ESPD")
        } catch {
            guard case .notESPD(let inner) = error else {
                Issue.record("wrong error \(error)")
                return
            }
            #expect(inner.rootElement == "Invoice")
            #expect(inner.line == 4)  // libxml2 gives the line where the start tag ends
            #expect(error.description.contains("not an ESPD/UEA document"))
        }
    }

    @Test("Requests carry no answers and no operator", .enabled(if: Paths.hasCorpus, Paths.corpusMissing))
    func requests() throws {
        let d = try read("edm-v4.1.0/ESPD-Request.xml")
        #expect(d.kind == .request)
        #expect(d.economicOperator == nil)
        #expect(d.criteria.allSatisfy { $0.answers.isEmpty && $0.answer == nil })
    }
}

@Suite("v4 answer instances")
struct ResponseInstanceTests {
    @Test(
        "A response id `<property>/R<n>/…` answers instance n; anything else is instance 1",
        arguments: [
            ("p-1/R2/R1", 2), ("p-1/R12", 12), ("p-1/R1", 1), ("p-1", 1), ("p-1/", 1), ("p-1/R", 1), ("p-1/X2", 1),
            ("p-1/R2x", 1), ("p-10/R3", 1), ("other/R4", 1), ("", 1),
        ])
    func instances(responseID: String, expected: Int) {
        #expect(EDMDocumentReader.instanceFromResponseID(responseID, propertyID: "p-1") == expected)
    }
}
