import Basics
import TestSupport
import Testing

@testable import ESPD

@Suite("Exclusion-ground table and polarity traps")
struct CatalogTests {
    @Test("24 grounds, unique UUIDs and codes, C1–C8 mandatory with 5 years, the rest 3")
    func table() {
        let all = ExclusionGrounds.all
        #expect(all.count == 24)
        #expect(Set(all.map(\.uuid)).count == 24)
        #expect(Set(all.map(\.shortCode)).count == 24)
        #expect(Set(all.map(\.longCode)).count == 24)
        #expect(all.map(\.ground) == (1...24).map { "C\($0)" })
        #expect(all.filter(\.mandatory).map(\.ground) == (1...8).map { "C\($0)" })
    }

    @Test(
        "Every ground's UUID and code match every taxonomy of every generation", .enabled(if: Paths.hasCorpus, Paths.corpusMissing),
        arguments: [
            "edm-v2.0.2/taxonomy/ESPD-CriteriaTaxonomy-REGULATED.V2.0.2.xml",
            "edm-v2.1.1/taxonomy/ESPD-CriteriaTaxonomy-Basic.V2.1.1.xml",
            "edm-v3.0.0/taxonomy/ESPD-criterion.V3.0.0.xml",
            "edm-v3.3.0/ESPD-Request.xml",
            "edm-v4.1.0/ESPD-Request.xml",
            "espd-service-v1/response/v20161101/espd-response-20161101-full.xml",
        ])
    func tableMatchesTaxonomies(file: String) throws {
        let document = try ESPDParser.read(contentsOf: Paths.corpusFile(file))
        let exclusion = document.criteria.filter { $0.category == .exclusion }
        #expect(Set(exclusion.compactMap(\.ground)) == Set(ExclusionGrounds.all.map(\.ground)))
        for criterion in exclusion {
            let ground = try #require(ExclusionGrounds.ground(uuid: criterion.uuid))
            // The code in the file is one of the ground's codes (v1/v2 long, v3/v4 short).
            let code = try #require(criterion.code)
            #expect(ExclusionGrounds.ground(code: code) == ground, "\(file): \(code) for \(ground.ground)")
        }
    }

    @Test("Lookups are case-insensitive and accept the v3.0–v3.2 code misinterpr")
    func lookups() {
        #expect(ExclusionGrounds.ground(uuid: "005EB9ED-1347-4CA3-BB29-9BC0DB64E1AB")?.ground == "C1")
        #expect(ExclusionGrounds.ground(code: "misinterpr")?.ground == "C23")
        #expect(ExclusionGrounds.ground(code: "crime-org")?.ground == "C1")
        #expect(ExclusionGrounds.ground(code: "EXCLUSION.CRIMINAL_CONVICTIONS") == nil)  // shared by six grounds in 2016
    }

    @Test("Tax question worded as compliance inverts the answer")
    func taxPolarity() throws {
        let c7 = try #require(ExclusionGrounds.ground(number: "C7"))
        #expect(
            PolarityRules.polarity(
                ground: c7, criterionText: "Has the economic operator breached its obligations relating to the payment of taxes")
                == .trueMeansGroundApplies)
        let inverted = PolarityRules.polarity(
            ground: c7, criterionText: "Has the economic operator met all its obligations relating to the payment of taxes")
        #expect(inverted == .trueMeansCompliant)
        #expect(PolarityRules.groundApplies(answer: true, polarity: inverted) == false)
        #expect(PolarityRules.groundApplies(answer: false, polarity: inverted) == true)
    }

    @Test("Misrepresentation: 'has not been guilty' is ambiguous, 'It has been guilty' is direct")
    func misrepresentationPolarity() throws {
        let c23 = try #require(ExclusionGrounds.ground(number: "C23"))
        #expect(
            PolarityRules.polarity(
                ground: c23,
                criterionText:
                    "Can the economic operator confirm the four exclusion grounds, that it has not been guilty of serious misrepresentation"
            ) == .ambiguous)
        #expect(
            PolarityRules.polarity(
                ground: c23, criterionText: "Can the economic operator confirm that: a) It has been guilty of serious misrepresentation")
                == .trueMeansGroundApplies)
        #expect(PolarityRules.groundApplies(answer: true, polarity: .ambiguous) == nil)
    }

    @Test(
        "Polarity per generation on the real files", .enabled(if: Paths.hasCorpus, Paths.corpusMissing),
        arguments: [
            ("espd-service-v1/request/all_exclusion_criteria_selected.xml", AnswerPolarity.ambiguous),
            ("edm-v2.1.1/BASIC-ESPDRequest-2.1.1.xml", AnswerPolarity.ambiguous),
            // items in further Description lines: "a) It has been guilty…"
            ("edm-v4.0.0/ESPD-Request.xml", AnswerPolarity.trueMeansGroundApplies),
            ("edm-v3.0.0/ESPD-Request_v3.0.0.xml", AnswerPolarity.ambiguous),  // only "Can the economic operator confirm that:",
            ("edm-v4.1.0/ESPD-Request.xml", AnswerPolarity.trueMeansGroundApplies),
        ])
    func polarityOnFiles(file: String, expected: AnswerPolarity) throws {
        let document = try ESPDParser.read(contentsOf: Paths.corpusFile(file))
        #expect(document.criteria.first { $0.ground == "C23" }?.polarity == expected)
        #expect(document.criteria.first { $0.ground == "C7" }?.polarity == .trueMeansGroundApplies)
    }

    /// Every generation writes countries its own way (alpha-2 in v1 and v2, the EU vocabulary's
    /// alpha-3 from v3): read through `Country`, every corpus economic operator's country is alpha-2.
    @Test("Countries of every generation read as ISO alpha-2", .enabled(if: Paths.hasCorpus, Paths.corpusMissing))
    func countries() throws {
        var read = 0
        for entry in try ManifestEntry.load() where entry.isWellFormed {
            guard let document = try? ESPDParser.read(contentsOf: Paths.corpusFile(entry.localPath)),
                let written = document.economicOperator?.country
            else { continue }
            #expect(Country(reading: written)?.alpha2 == written, "\(entry.localPath): \(written)")
            read += 1
        }
        #expect(read > 20)
    }
}
