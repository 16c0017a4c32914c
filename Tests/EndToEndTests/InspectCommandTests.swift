import Foundation
import TestSupport
import Testing

/// Runs the built binary, as a user would, and checks stdout, stderr and the exit status.
@Suite("uea-screen inspect")
struct InspectCommandTests {
    let v41 = Paths.corpusFile("edm-v4.1.0/ESPD-Response.xml")
    let v1 = Paths.corpusFile("espd-service-v1/response/v20161101/espd-response-20161101-full.xml")
    let malformed = Paths.corpusFile("edm-v2.1.0/Lots-SelfContained-Response_V2.1.0.xml")

    func json(_ text: String) throws -> [[String: Any]] {
        try #require(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]])
    }

    @Test("JSON has the documented keys; exit 0", .enabled(if: Paths.hasCorpus, Paths.corpusMissing))
    func jsonKeys() throws {
        let result = try ueaScreen("inspect", "--format", "json", v41)
        #expect(result.status == 0)
        #expect(result.stderr.isEmpty)
        let document = try #require(try json(result.stdout).first)
        #expect(document["schema"] as? String == "uea-screen/espd/1")
        #expect(document["generation"] as? String == "v4")
        #expect(document["version"] as? String == "4.1.0")
        #expect(document["kind"] as? String == "response")
        let eo = try #require(document["economicOperator"] as? [String: Any])
        #expect(eo["name"] as? String == "__Procurer Official Name__")
        let identifiers = try #require(eo["identifiers"] as? [[String: Any]])
        #expect(identifiers.first?["value"] as? String == "AD123456789")
        let criteria = try #require(document["criteria"] as? [[String: Any]])
        #expect(criteria.count == 62)
        let c1 = try #require(criteria.first)
        #expect(c1["uuid"] as? String == "005eb9ed-1347-4ca3-bb29-9bc0db64e1ab")
        #expect(c1["code"] as? String == "crime-org")
        #expect(c1["category"] as? String == "exclusion")
        #expect(c1["answer"] as? Bool == true)
        // An unanswered criterion has "answer": null, not a missing key.
        let c7 = try #require(criteria.first { $0["ground"] as? String == "C7" })
        #expect(c7.keys.contains("answer"))
        #expect(c7["answer"] is NSNull)
    }

    @Test(
        "A billion-laughs file is refused with exit 2 by a process held to 100 MB, in which a real 1.1 MB response is read",
        .enabled(if: Paths.hasCorpus, Paths.corpusMissing))
    func billionLaughsMemory() throws {
        let bomb = Paths.repositoryFile("Tests/SafeXMLTests/Hostile/billion-laughs.xml")
        // Expanded, its entities would take gigabytes; the limit is the kernel's, for that process alone.
        let real = try runWithMemoryLimit(kilobytes: 100_000, ueaScreenBinary(), ["inspect", v41])
        let attack = try runWithMemoryLimit(kilobytes: 100_000, ueaScreenBinary(), ["inspect", bomb])
        #expect(real.status == 0, "\(real.stderr)")
        #expect(attack.status == 2)
        #expect(attack.stderr.contains("DOCTYPE"), "\(attack.stderr)")
    }

    @Test("The same input gives the same bytes", .enabled(if: Paths.hasCorpus, Paths.corpusMissing))
    func stableOutput() throws {
        let first = try ueaScreen("inspect", "--format", "json", v41, v1)
        let second = try ueaScreen("inspect", "--format", "json", v41, v1)
        #expect(first.stdout == second.stdout)
        #expect(try json(first.stdout).count == 2)
    }

    @Test("One bad file is reported with its line, the others are still read; exit 2", .enabled(if: Paths.hasCorpus, Paths.corpusMissing))
    func badFileDoesNotStopOthers() throws {
        let result = try ueaScreen("inspect", "--format", "json", malformed, v41)
        #expect(result.status == 2)
        #expect(result.stderr.contains("Lots-SelfContained-Response_V2.1.0.xml:523:"))
        #expect(result.stderr.split(separator: "\n").count == 1)
        #expect(try json(result.stdout).count == 1)
    }

    @Test("Hostile input exits 2 with a one-line reason and no file content")
    func hostile() throws {
        let result = try ueaScreen("inspect", "Tests/SafeXMLTests/Hostile/xxe-local-file.xml")
        #expect(result.status == 2)
        #expect(result.stderr.contains("xxe-local-file.xml:2: DOCTYPE declarations are not accepted"))
        #expect(!result.stderr.contains("root:") && !result.stdout.contains("root:"))
    }

    @Test("Usage errors exit 64")
    func usage() throws {
        #expect(try ueaScreen("inspect").status == 64)
        #expect(try ueaScreen("inspect", "--format", "yaml", v41).status == 64)
        #expect(try ueaScreen("inspect", "--max-bytes", "0", v41).status == 64)
    }

    @Test("Text summary names the operator and the exclusion answers", .enabled(if: Paths.hasCorpus, Paths.corpusMissing))
    func text() throws {
        let result = try ueaScreen("inspect", "--format", "text", v41)
        #expect(result.status == 0)
        #expect(result.stdout.contains("ESPD v4 (EDM 4.1.0, from ProfileExecutionID), response"))
        #expect(result.stdout.contains("Economic operator: __Procurer Official Name__"))
        #expect(result.stdout.contains("C1   crime-org        yes — ground applies, self-cleaning claimed  [line 83]"))
    }

    @Test("Birth dates and conviction text only with --personal-data", .enabled(if: Paths.hasCorpus, Paths.corpusMissing))
    func personalData() throws {
        let conviction = Paths.corpusFile("espd-service-v1/response/exclusion/participation_criminal_organisation_import.xml")
        let plain = try ueaScreen("inspect", "--format", "json", v1, conviction)
        #expect(!plain.stdout.contains("1965-09-28"))
        #expect(!plain.stdout.contains("Hodor was convicted"))
        #expect(plain.stdout.contains("[redacted: personal data"))
        let full = try ueaScreen("inspect", "--format", "json", "--personal-data", v1, conviction)
        #expect(full.stdout.contains("1965-09-28"))
        #expect(full.stdout.contains("Hodor was convicted"))
    }

    /// The privacy officer's case (issue 29): the sample's conviction with its self-cleaning
    /// measures; none of Part III's free text is printed without --personal-data, in either format.
    @Test("Nothing of Part III's free text, the self-cleaning description included, without --personal-data")
    func selfCleaningRedacted() throws {
        let bid = Paths.repositoryFile("samples/zonnepark-lelystad/bidders/2-polder-energie-combinatie/uea-penvoerder.xml")
        let texts = ["voormalig bestuurder", "Bestuurder ontslagen, compliance-officer aangesteld"]
        for format in ["json", "text"] {
            let plain = try ueaScreen("inspect", "--format", format, bid)
            for text in texts { #expect(!plain.stdout.contains(text), "\(format): \(text)") }
        }
        // The JSON model carries the texts, and shows where they were taken out.
        #expect(try ueaScreen("inspect", "--format", "json", bid).stdout.contains("[redacted: personal data"))
        let full = try ueaScreen("inspect", "--format", "json", "--personal-data", bid)
        for text in texts { #expect(full.stdout.contains(text), "--personal-data: \(text)") }
    }
}
