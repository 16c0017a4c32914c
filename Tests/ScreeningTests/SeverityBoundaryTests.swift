import Basics
import DossierModel
import ESPD
import TestSupport
import Testing

@testable import RuleData
@testable import Screening

/// Each severity boundary of issue 12, on the clean sample bidder: a severity is a legal statement
/// (blocker = the province may not award until resolved; attention = a jurist assesses first;
/// info = for the file), so each test sits on both sides of the line the law or the tender draws.
@Suite("Severity follows the legal effect")
struct SeverityBoundaryTests {
    func context(_ change: (inout ScreeningContext) -> Void = { _ in }) throws -> ScreeningContext {
        var context = try Fixtures.cleanContext()
        change(&context)
        return context
    }

    func severities(_ context: ScreeningContext, _ check: String) -> [Severity] {
        Fixtures.findings(context, check).map(\.severity)
    }

    // MARK: art. 5k

    func russian(_ value: Double?) throws -> ScreeningContext {
        try context {
            $0.tender.type = .werken
            $0.tender.launchDate = Day(year: 2026, month: 3, day: 1)
            $0.tender.estimatedValue = value
            $0.submission.bidder.subcontractors = [.init(name: "Uralsk Panel OOO", country: "RU", share: 12, reliedUpon: false)]
        }
    }

    @Test("Art. 5k: works at €5,403,999 are outside its scope (attention), at €5,404,000 award is prohibited (blocker)")
    func fiveK() throws {
        #expect(severities(try russian(5_403_999), "sanctions.russia-involvement") == [.attention])
        #expect(Fixtures.findings(try russian(5_403_999), "sanctions.russia-involvement").first?.details?["scope"] == "outside")
        let within = try #require(Fixtures.findings(try russian(5_404_000), "sanctions.russia-involvement").first)
        #expect(within.severity == .blocker)
        #expect(within.message.nl.contains("bevoegde nationale autoriteit"))
        #expect(!within.message.en.contains("a jurist decides"))
        #expect(severities(try russian(nil), "sanctions.russia-involvement") == [.attention])
    }

    // MARK: the intended winner's documents (Dir. art. 59(4), 60(2))

    func winner(_ edit: @escaping (inout ScreeningContext) -> Void) throws -> ScreeningContext {
        try context {
            $0.tender.stage = .award
            $0.tender.intendedWinners = ["1-zonnebouw-flevoland"]
            $0.tender.requested = ["gva", "kvkExtract", "taxStatement", "equivalentDocument"]
            edit(&$0)
        }
    }

    @Test("Winner's documents: a requested KvK extract or tax statement missing blocks the winner; not requested or another winner: none")
    func winnerDocuments() throws {
        #expect(severities(try winner { $0.submission.bidder.kvkExtract = nil }, "gva.evidence-missing") == [.blocker])
        #expect(severities(try winner { $0.submission.bidder.taxStatement = nil }, "gva.evidence-missing") == [.blocker])
        #expect(severities(try winner { _ in }, "gva.evidence-missing") == [])
        #expect(
            severities(
                try winner {
                    $0.tender.requested = ["gva"]
                    $0.submission.bidder.taxStatement = nil
                }, "gva.evidence-missing") == [])
        #expect(
            severities(
                try winner {
                    $0.tender.intendedWinners = ["4-bouwgroep-de-vries"]
                    $0.submission.bidder.taxStatement = nil
                }, "gva.evidence-missing") == [])
    }

    @Test("Foreign winner: no equivalent, or one of another country, blocks as a Dutch winner's missing GVA does; its own country's passes")
    func foreignWinner() throws {
        let dutchWithoutGVA = try winner { $0.submission.bidder.gva = nil }
        #expect(severities(dutchWithoutGVA, "gva.missing") == [.blocker])
        #expect(severities(try winner { $0.submission.bidder.country = "BE" }, "gva.foreign-equivalent") == [.blocker])
        let german = try winner {
            $0.submission.bidder.country = "BE"
            $0.submission.bidder.equivalentDocument = .init(
                type: "Führungszeugnis", issueDate: $0.referenceDate.adding(months: -1), country: "DE")
        }
        #expect(severities(german, "gva.foreign-equivalent") == [.blocker])
        #expect(Fixtures.findings(german, "gva.foreign-equivalent").first?.message.nl.contains("telt niet") == true)
        let belgian = try winner {
            $0.submission.bidder.country = "BE"
            $0.submission.bidder.equivalentDocument = .init(
                type: "uittreksel strafregister", kind: .extract, issueDate: $0.referenceDate.adding(months: -1), country: "BE")
        }
        #expect(severities(belgian, "gva.foreign-equivalent") == [.info])
        // A declaration under oath counts only where the country issues no extract (art. 60(2) second
        // subpara.): a jurist confirms it in e-Certis. What the document is comes from `kind`, never
        // from its name: a name that says "extract" without `kind` is not read as one.
        for kind: BidderFile.EquivalentDocument.Kind? in [.declarationUnderOath, nil] {
            let document = try winner {
                $0.submission.bidder.country = "BE"
                $0.submission.bidder.equivalentDocument = .init(
                    type: "uittreksel strafregister", kind: kind, issueDate: $0.referenceDate.adding(months: -1), country: "BE")
            }
            #expect(severities(document, "gva.foreign-equivalent") == [.attention], "\(String(describing: kind))")
            #expect(Fixtures.findings(document, "gva.foreign-equivalent").first?.message.nl.contains("e-Certis") == true)
            // Not the intended winner: nothing is asked of it yet.
            var bidder = document
            bidder.tender.intendedWinners = ["someone else"]
            #expect(severities(bidder, "gva.foreign-equivalent") == [.info])
        }
        let undetermined = try winner {
            $0.tender.intendedWinners = []
            $0.submission.bidder.country = "BE"
        }
        #expect(severities(undetermined, "gva.foreign-equivalent") == [.attention])
    }

    @Test("Relied-upon entity without its own ESPD: attention before award, blocker for the intended winner at award")
    func reliedUpon() throws {
        let entity = BidderFile.Subcontractor(name: "Noordzee Modules B.V.", country: "NL", share: 38, reliedUpon: true)
        let before = try context {
            $0.tender.stage = .submission
            $0.submission.bidder.subcontractors = [entity]
        }
        #expect(severities(before, "espd.member-espd-missing") == [.attention])
        #expect(severities(try winner { $0.submission.bidder.subcontractors = [entity] }, "espd.member-espd-missing") == [.blocker])
        let other = try winner {
            $0.tender.intendedWinners = ["4-bouwgroep-de-vries"]
            $0.submission.bidder.subcontractors = [entity]
        }
        #expect(severities(other, "espd.member-espd-missing") == [.attention])
        var subcontractor = entity
        subcontractor.reliedUpon = false
        #expect(severities(try winner { $0.submission.bidder.subcontractors = [subcontractor] }, "espd.member-espd-missing") == [])
    }

    @Test("Adviser anywhere in the bid: the specification writer as a 15 % subcontractor named only in the bidder file")
    func adviserAsSubcontractor() throws {
        let found = try context {
            $0.submission.bidder.subcontractors = [
                .init(name: "Ingenieursbureau Lepelaar B.V.", country: "NL", share: 15, reliedUpon: false)
            ]
        }
        #expect(severities(found, "coi.adviser-company") == [.attention])
    }

    @Test("A US forced-labour list hit is attention on the forced-labour basis, never the asset freeze; a tier's is solar.listed-entity's")
    func usListBasis() throws {
        let subcontractor = try context {
            $0.submission.bidder.subcontractors = [
                .init(name: "Hoshine Silicon Industry (Shanshan) Co., Ltd.", country: "CN", share: 20, reliedUpon: false)
            ]
        }
        let hits = Fixtures.findings(subcontractor, "sanctions.listed-party")
        #expect(hits.map(\.severity) == [.attention])
        #expect(hits.first?.legalBasis.contains("no legal effect in the Netherlands") == true)
        #expect(hits.first?.legalBasis.contains("269/2014") == false)
        let tier = try context { context in
            context.submission.supplyChain = context.submission.supplyChain?.map { tier in
                var tier = tier
                if tier.tier == "polysilicon" { tier.entity = "Xinjiang GCL New Energy Material Technology Co., Ltd." }
                return tier
            }
        }
        #expect(Fixtures.findings(tier, "sanctions.listed-party").isEmpty)
        #expect(severities(tier, "solar.listed-entity") == [.attention])
    }

    @Test("Light regime: social services from EUR 750,000 (Dir. art. 4(d)) need EU publication, not a European procedure: attention")
    func lightRegime() throws {
        func social(_ value: Double) throws -> ScreeningContext {
            try context {
                $0.tender.type = .socialeDiensten
                $0.tender.estimatedValue = value
                $0.tender.procedure = .meervoudig
                $0.tender.launchDate = Day(year: 2026, month: 3, day: 1)
            }
        }
        let above = try #require(Fixtures.findings(try social(750_000), "procedure.lighter-than-required").first)
        #expect(above.severity == .attention)
        #expect(above.message.nl.contains("lichte regime") && above.message.nl.contains("Dir. 2014/24/EU art. 4(d)"))
        #expect(!above.message.nl.contains("alleen een Europese procedure"))
        #expect(!above.message.nl.contains("2025/2152"))
        #expect(severities(try social(749_999), "procedure.lighter-than-required") == [])
        let works = try context {
            $0.tender.type = .concessie
            $0.tender.estimatedValue = 6_000_000
            $0.tender.procedure = .meervoudig
            $0.tender.launchDate = Day(year: 2026, month: 3, day: 1)
        }
        let concession = try #require(Fixtures.findings(works, "procedure.lighter-than-required").first)
        #expect(concession.message.nl.contains("Dir. 2014/23/EU art. 8(1)"))
        #expect(!concession.message.en.contains("delegated regulation revising"))
    }

    @Test(
        "Legal basis by regime: a national procedure below the EU threshold cites the tender documents and the Inkoopkader (works: ARW 2016), at or above it the directive"
    )
    func basisByRegime() throws {
        func fraud(
            _ value: Double?, _ type: TenderContext.ContractType = .werken, procedure: TenderContext.ProcedureKind = .nationaal
        ) throws -> Finding? {
            Fixtures.findings(
                try context {
                    $0.tender.type = type
                    $0.tender.launchDate = Day(year: 2026, month: 3, day: 1)
                    $0.tender.estimatedValue = value
                    $0.tender.procedure = procedure
                    $0.declare(ground: "C3", applies: true, date: $0.referenceDate.adding(years: -2).description)
                }, "exclusion.mandatory-ground"
            ).first
        }
        let national = try #require(try fraud(900_000))
        #expect(national.legalBasis.contains("Inkoopkader") && national.legalBasis.contains("ARW 2016"))
        #expect(national.legalBasis.contains("art. 2.86") && !national.legalBasis.contains("Dir. 2014/24"))
        let services = try #require(try fraud(100_000, .diensten))
        #expect(services.legalBasis.contains("Inkoopkader") && !services.legalBasis.contains("ARW"))
        #expect(try fraud(5_404_000)?.legalBasis.hasPrefix("Dir. 2014/24/EU art. 57(1)") == true)
        #expect(try fraud(nil)?.legalBasis.hasPrefix("Dir. 2014/24/EU art. 57(1)") == true)  // regime unknown: the stricter
        // A European procedure run below the threshold declares part 2 applicable: its basis stays.
        #expect(try fraud(900_000, procedure: .europees)?.legalBasis.hasPrefix("Dir. 2014/24/EU art. 57(1)") == true)
    }

    func russianShare(_ share: Double?) throws -> ScreeningContext {
        try context {
            $0.tender.type = .werken
            $0.tender.launchDate = Day(year: 2026, month: 3, day: 1)
            $0.tender.estimatedValue = 6_000_000
            $0.submission.bidder.subcontractors = [.init(name: "Uralsk Panel OOO", country: "RU", share: share, reliedUpon: false)]
        }
    }

    @Test("Art. 5k(1)(c): a Russian subcontractor at 10 % is outside it, at 10.1 % blocks (printed exactly), with no share attention")
    func fiveKShare() throws {
        #expect(severities(try russianShare(10), "sanctions.russia-involvement") == [])
        let above = try #require(Fixtures.findings(try russianShare(10.1), "sanctions.russia-involvement").first)
        #expect(above.severity == .blocker)
        #expect(above.message.nl.contains("10,1%") && above.message.en.contains("10.1%"))
        #expect(!above.message.nl.contains(" 10% van de opdrachtwaarde"))
        let unknown = try #require(Fixtures.findings(try russianShare(nil), "sanctions.russia-involvement").first)
        #expect(unknown.severity == .attention)
        #expect(unknown.details?["share"] == "unknown")
    }

    /// A second ESPD established in Russia, with the role `role` and (in bidder.yaml) the share `share`.
    func russianESPD(role: String?, share: Double?) throws -> ScreeningContext {
        try context { context in
            context.tender.type = .werken
            context.tender.launchDate = Day(year: 2026, month: 3, day: 1)
            context.tender.estimatedValue = 6_000_000
            var entity = context.submission.espd
            entity.source = "onderaannemer.xml"
            entity.economicOperator?.name = "Uralsk Panel OOO"
            entity.economicOperator?.country = "RUS"
            entity.economicOperator?.role = role
            context.submission.otherESPDs = [entity]
            context.submission.bidder.subcontractors = share.map {
                [.init(name: "uralsk  panel ooo", country: nil, share: $0, reliedUpon: false)]
            }
        }
    }

    @Test("Art. 5k: a Russian ESPD weighs by its role: a subcontractor by its share, a member always, an unlisted one as a party")
    func fiveKByRole() throws {
        #expect(severities(try russianESPD(role: "subcontractor", share: 5), "sanctions.russia-involvement") == [])
        #expect(severities(try russianESPD(role: "relied-upon", share: 30), "sanctions.russia-involvement") == [.blocker])
        #expect(severities(try russianESPD(role: "subcontractor", share: nil), "sanctions.russia-involvement") == [.attention])
        #expect(severities(try russianESPD(role: nil, share: 5), "sanctions.russia-involvement") == [])
        #expect(severities(try russianESPD(role: nil, share: nil), "sanctions.russia-involvement") == [.blocker])
        #expect(severities(try russianESPD(role: "member", share: 5), "sanctions.russia-involvement") == [.blocker])
    }

    @Test("Art. 5k declaration: 'no Russian subcontractor above 10 %' against the own list: 15 % contradicts, 10 % does not")
    func fiveKDeclaration() throws {
        let contradicted = try russianShare(15)
        #expect(severities(contradicted, "sanctions.russia-declaration-contradicted") == [.attention])
        #expect(
            Fixtures.findings(contradicted, "sanctions.russia-declaration-contradicted").first?.message.nl.contains("ernstige misleiding")
                == true)
        #expect(severities(try russianShare(10), "sanctions.russia-declaration-contradicted") == [])
        #expect(severities(try russianShare(nil), "sanctions.russia-declaration-contradicted") == [])
    }

    // MARK: procedure

    func procedure(
        _ type: TenderContext.ContractType, _ value: Double, _ used: TenderContext.ProcedureKind,
        launch: Day = Day(year: 2026, month: 3, day: 1)
    ) throws -> [Severity] {
        severities(
            try context {
                $0.tender.type = type
                $0.tender.estimatedValue = value
                $0.tender.procedure = used
                $0.tender.launchDate = launch
            }, "procedure.lighter-than-required")
    }

    @Test("Procedure: at the EU threshold anything but European blocks; below it a lighter choice is attention")
    func procedureBoundary() throws {
        #expect(try procedure(.diensten, 216_000, .meervoudig) == [.blocker])
        #expect(try procedure(.diensten, 215_999, .meervoudig) == [])
        #expect(try procedure(.diensten, 215_999, .enkelvoudig) == [.attention])
        #expect(try procedure(.werken, 5_404_000, .nationaal) == [.blocker])
        #expect(try procedure(.werken, 2_000_000, .meervoudig) == [.attention])
        #expect(try procedure(.werken, 5_404_000, .europees) == [])
    }

    @Test("A launch date outside every threshold period is reported with thresholds.yaml, not filled in from another period")
    func thresholdPeriodMissing() throws {
        let findings = Fixtures.findings(
            try context {
                $0.tender.type = .werken
                $0.tender.estimatedValue = 6_000_000
                $0.tender.procedure = .nationaal
                $0.tender.launchDate = Day(year: 2028, month: 6, day: 1)
            }, "procedure.lighter-than-required")
        #expect(findings.map(\.severity) == [.attention])
        #expect(findings.first?.evidence.first?.file == "checklists/thresholds.yaml")
    }

    // MARK: exclusion

    @Test("Mandatory ground: fraud with self-cleaning blocks until assessed; an exclusion period that still runs is named")
    func selfCleaning() throws {
        let claimed = try context {
            $0.declare(ground: "C3", applies: true, date: $0.referenceDate.adding(years: -1).description, selfCleaning: true)
        }
        let finding = try #require(Fixtures.findings(claimed, "exclusion.mandatory-ground").first)
        #expect(finding.severity == .blocker)
        #expect(finding.message.en.contains("Aw 2012 art. 2.87a"))
        var period = claimed
        let index = try #require(period.submission.espd.criteria.firstIndex { $0.ground == "C3" })
        var answer = period.submission.espd.criteria[index].answers[0]
        answer.date = nil
        answer.period = Period(start: nil, end: period.referenceDate.adding(years: 1).description, description: nil)
        period.submission.espd.criteria[index].answers.append(answer)
        let running = try #require(Fixtures.findings(period, "exclusion.mandatory-ground").first)
        #expect(running.severity == .blocker)
        #expect(running.details?["exclusionPeriodEnd"] == period.referenceDate.adding(years: 1).description)
        #expect(running.message.en.contains("self-cleaning is not available"))
    }

    @Test("Taxes: paid is information, a final and binding decision blocks, anything else is attention")
    func taxes() throws {
        #expect(
            severities(try context { $0.declare(ground: "C7", applies: true, paidOrArrangement: true) }, "exclusion.tax-social-security")
                == [.info])
        #expect(
            severities(
                try context { $0.declare(ground: "C7", applies: true, paidOrArrangement: false, finalAndBinding: true) },
                "exclusion.tax-social-security") == [.blocker])
        #expect(
            severities(
                try context { $0.declare(ground: "C7", applies: true, paidOrArrangement: false, finalAndBinding: false) },
                "exclusion.tax-social-security") == [.attention])
        let unsaid = try #require(
            Fixtures.findings(
                try context { $0.declare(ground: "C8", applies: true, paidOrArrangement: false) }, "exclusion.tax-social-security"
            ).first)
        #expect(unsaid.severity == .attention)
        #expect(unsaid.details?["finalAndBinding"] == "not said")
    }

    @Test("Optional grounds: announced is attention, not announced is information, unknown asks to check; C20/C21 never dismissed")
    func announcement() throws {
        func c12(_ change: @escaping (inout ScreeningContext) -> Void) throws -> Finding? {
            Fixtures.findings(
                try context {
                    change(&$0)
                    $0.declare(ground: "C12", applies: true)
                }, "exclusion.optional-ground"
            ).first
        }
        #expect(
            try c12 {
                $0.tender.optionalGrounds = ["C12"]
                $0.tender.optionalGroundsGiven = true
            }?.severity == .attention)
        #expect(
            try c12 {
                $0.tender.optionalGrounds = ["C9"]
                $0.tender.optionalGroundsGiven = true
            }?.severity == .info)
        let unknown = try c12 {
            $0.tender.optionalGrounds = []
            $0.tender.optionalGroundsGiven = false
        }
        #expect(unknown?.severity == .attention)
        #expect(unknown?.details?["announced"] == "to be checked")
        #expect(unknown?.message.en.contains("Check whether the tender documents announced") == true)
        // The request lists the grounds the authority selected: presence there is announcement.
        let request = try ESPDParser.read(contentsOf: Paths.repositoryFile("samples/zonnepark-lelystad/espd-request.xml"))
        #expect(
            try c12 {
                $0.tender.optionalGroundsGiven = false
                $0.tender.optionalGrounds = []
                $0.request = request
            }?.details?["announced"] == "yes")
        let c20 = Fixtures.findings(
            try context {
                $0.tender.optionalGrounds = []
                $0.tender.optionalGroundsGiven = true
                $0.declare(ground: "C20", applies: true)
            }, "exclusion.optional-ground")
        #expect(c20.map(\.severity) == [.attention])
    }

    // MARK: forced labour and sanctions

    @Test("Xinjiang and the US lists are attention; a knock-out in the tender documents makes Xinjiang block")
    func knockOut() throws {
        func xinjiang(_ knockOuts: [String]) throws -> [Severity] {
            severities(
                try context {
                    $0.tender.knockOuts = knockOuts
                    if let i = $0.submission.supplyChain?.firstIndex(where: { $0.tier == "polysilicon" }) {
                        $0.submission.supplyChain?[i].city = "Shihezi"
                    }
                }, "solar.xinjiang")
        }
        #expect(try xinjiang([]) == [.attention])
        #expect(try xinjiang(["solar.xinjiang"]) == [.blocker])
        #expect(try xinjiang(["solar.listed-entity"]) == [.attention])
    }

    @Test("Sanctions: a near-exact hit on the EU asset-freeze list blocks; a hit on another list or a weaker one is attention")
    func assetFreeze() throws {
        func hit(_ name: String, country: Country) throws -> [Finding] {
            Fixtures.findings(
                try context { $0.submission.bidder.subcontractors = [.init(name: name, country: country, share: 5, reliedUpon: false)] },
                "sanctions.listed-party"
            )
            .filter { $0.evidence.first?.excerpt == name }
        }
        let freeze = try hit("Sibirsky Kremny LLC", country: "RU")
        #expect(freeze.map(\.severity) == [.blocker])
        #expect(freeze.first?.details?["assetFreeze"] == "yes")
        // The province's own CSV list is no asset freeze: attention.
        let own = try hit("Polderbouw Infra B.V.", country: "NL")
        #expect(own.map(\.severity) == [.attention])
        #expect(own.first?.details?["assetFreeze"] == "no")
    }

    /// Issue 31: the EU-listed subcontractor written in Cyrillic with one Latin look-alike letter in
    /// each word keeps its asset-freeze blocker (the word is read as the Cyrillic it mostly is, then
    /// transliterated), and the mixed script is still a finding of its own.
    @Test(
        "Sanctions: a Cyrillic name with Latin look-alike letters keeps its blocker",
        arguments: ["OOO Cибирский Kремний", "ООО Cибирcкий Kpемний", "ООО Сибирский Кремний"])
    func lookalikesInCyrillic(name: String) throws {
        let context = try context {
            $0.submission.bidder.subcontractors = [.init(name: name, country: "RU", share: 5, reliedUpon: false)]
        }
        let hits = Fixtures.findings(context, "sanctions.listed-party").filter { $0.evidence.first?.excerpt == name }
        #expect(hits.map(\.severity) == [.blocker], "\(name)")
        let mixed = Fixtures.findings(context, "names.hidden-characters").filter { $0.evidence.first?.excerpt == name }
        #expect(mixed.count == (name == "ООО Сибирский Кремний" ? 0 : 1), "\(name)")
    }

    // MARK: evidence

    @Test("GVA: blocker for the intended winner asked for one, information for another bidder, attention when not recorded")
    func intendedWinner() throws {
        func tooOld(_ change: @escaping (inout ScreeningContext) -> Void) throws -> [Severity] {
            severities(
                try context {
                    change(&$0)
                    $0.submission.bidder.gva?.issueDate = $0.referenceDate.adding(years: -3)
                }, "gva.too-old")
        }
        #expect(
            try tooOld {
                $0.tender.intendedWinners = ["1-zonnebouw-flevoland"]
                $0.tender.requested = ["gva"]
            } == [.blocker])
        #expect(
            try tooOld {
                $0.tender.intendedWinners = ["Zonnebouw Flevoland B.V."]
                $0.tender.requested = ["gva"]
            } == [.blocker])
        #expect(
            try tooOld {
                $0.tender.intendedWinners = ["2-polder-energie-combinatie"]
                $0.tender.requested = ["gva"]
            } == [.info])
        #expect(
            try tooOld {
                $0.tender.intendedWinners = ["1-zonnebouw-flevoland"]
                $0.tender.requested = ["kvkExtract"]
            } == [.info])
        #expect(
            try tooOld {
                $0.tender.stage = .award
                $0.tender.intendedWinners = []
            } == [.attention])
        func missing(_ change: @escaping (inout ScreeningContext) -> Void) throws -> [Severity] {
            severities(
                try context {
                    change(&$0)
                    $0.submission.bidder.gva = nil
                }, "gva.missing")
        }
        #expect(
            try missing {
                $0.tender.stage = .award
                $0.tender.intendedWinners = ["1-zonnebouw-flevoland"]
                $0.tender.requested = ["gva"]
            } == [.blocker])
        #expect(
            try missing {
                $0.tender.stage = .award
                $0.tender.intendedWinners = ["another"]
                $0.tender.requested = ["gva"]
            } == [])
        // Extract and tax-statement ages are the tender's own requirement: never a blocker.
        #expect(
            severities(
                try context {
                    $0.tender.intendedWinners = ["1-zonnebouw-flevoland"]
                    $0.tender.requested = ["taxStatement"]
                    $0.submission.bidder.taxStatement = .init(date: $0.referenceDate.adding(months: -7))
                }, "gva.evidence-too-old") == [.attention])
    }

    // MARK: other

    @Test(
        "Another tender's reference is attention; Bibob red flags are not criminal-law data and say when a questionnaire was not announced")
    func otherTenderAndBibob() throws {
        #expect(severities(try context { $0.tender.id = "PFL-1999-001" }, "espd.other-tender") == [.attention])
        let flags = Fixtures.findings(
            try context {
                $0.tender.bibob = false
                var company = $0.submission.bidder.company ?? BidderFile.CompanyFacts()
                company.registrationsAtAddress = 120
                $0.submission.bidder.company = company
            }, "bibob.shared-address")
        #expect(flags.count == 1)
        #expect(flags.allSatisfy { $0.criminalData == nil && $0.message.nl.contains("voorafgaande aankondiging") })
    }
}
