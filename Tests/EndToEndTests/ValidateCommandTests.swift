import Foundation
import TestSupport
import Testing

/// `uea-screen validate` as a user runs it, and the same validation inside `screen`.
@Suite("validate command")
struct ValidateCommandTests {
    @Test("Valid and invalid files: one line per schema error, exit 0 or 1; JSON on request")
    func validAndInvalid() throws {
        let valid = "samples/zonnepark-lelystad/bidders/1-zonnebouw-flevoland/uea.xml"
        let invalid = "samples/zonnepark-lelystad/bidders/4-bouwgroep-de-vries/uea-2016.xml"
        let ok = try ueaScreen("validate", valid)
        #expect(ok.status == 0)
        #expect(ok.stdout == "\(valid): valid against EDM 4.0.0 maindoc/UBL-QualificationApplicationResponse-2.3.xsd\n")
        let bad = try ueaScreen("validate", valid, invalid)
        #expect(bad.status == 1)
        let lines = bad.stdout.split(separator: "\n")
        #expect(
            lines.contains {
                $0.hasPrefix(
                    "\(invalid):14: Element '{urn:grow:names:specification:ubl:schema:xsd:ESPD-CommonBasicComponents-1}EconomicOperatorRoleCode': This element is not expected."
                )
            })
        #expect(lines.last == "\(invalid): INVALID (1 schema errors) against EDM 1.0.2 maindoc/ESPDResponse-1.0.xsd")
        let json = try ueaScreen("validate", "--format", "json", invalid)
        let results = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        #expect(results.first?["valid"] as? Bool == false)
        #expect((results.first?["problems"] as? [[String: Any]])?.first?["line"] as? Int == 14)
    }

    @Test(
        "A file that is not an ESPD, not well-formed or missing exits 2 with one line, and the others are still validated",
        arguments: [
            "README.md", "/nonexistent.xml", "../shared/corpus/espd/edm-v4.1.0/taxonomy/criterionList-ESPDRequest.xml",
        ])
    func unreadable(file: String) throws {
        let valid = "samples/zonnepark-lelystad/bidders/1-zonnebouw-flevoland/uea.xml"
        let result = try ueaScreen("validate", file, valid)
        #expect(result.status == 2)
        #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
        #expect(result.stdout.contains("\(valid): valid"))
    }

    @Test("screen reports an invalid ESPD as espd.schema-invalid and goes on; --no-schema-validation says it is off")
    func inScreen() throws {
        let result = try ueaScreen("screen", "samples/zonnepark-lelystad", "--format", "json")
        let dossiers = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        let flagged = dossiers.filter {
            ($0["findings"] as? [[String: Any]])?.contains { $0["check"] as? String == "espd.schema-invalid" } == true
        }
        #expect(flagged.compactMap { ($0["bidder"] as? [String: Any])?["name"] as? String } == ["Bouwgroep De Vries Holding B.V."])
        let off = try ueaScreen("screen", "samples/zonnepark-lelystad", "--format", "json", "--no-schema-validation")
        #expect(!off.stdout.contains("espd.schema-invalid"))
        #expect(off.stderr.contains("not validated against their schemas (--no-schema-validation)"))
    }
}
