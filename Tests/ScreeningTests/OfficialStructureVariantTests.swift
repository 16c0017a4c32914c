import DossierModel
import ESPD
import Foundation
import SafeXML
import TestSupport
import Testing

@testable import Screening

/// Issue 25 on the official example responses of every EDM generation (v2.0, v2.1, v3, v4): C1
/// answered yes with a recent conviction date, then edited as a bidder who wants a clean result
/// would. The blocker must stay with the release's official request and without any request (the
/// shipped official structure then decides).
@Suite("The official structure decides on corpus responses of every generation", .enabled(if: Paths.hasCorpus, Paths.corpusMissing))
struct OfficialStructureVariantTests {
    /// (response, official request of the same release)
    static let bases: [(String, String)] = [
        ("edm-v2.0.1/REGULATED-ESPDResponse-02.00.01.xml", "edm-v2.0.1/REGULATED-ESPDRequest-02.00.01.xml"),
        ("edm-v2.1.0/UPRC-ESPD-Regulated-Response-2.1.0.xml", "edm-v2.1.0/UPRC-ESPD-Regulated-Request-2.1.0.xml"),
        ("edm-v2.1.1/BASIC-ESPDResponse-2.1.1.xml", "edm-v2.1.1/BASIC-ESPDRequest-2.1.1.xml"),
        ("edm-v3.0.0/ESPD-Response-v3.0.0.xml", "edm-v3.0.0/ESPD-Request_v3.0.0.xml"),
        ("edm-v3.3.0/ESPD-Response.xml", "edm-v3.3.0/ESPD-Request.xml"),
        ("edm-v4.0.0/ESPD-Response.xml", "edm-v4.0.0/ESPD-Request.xml"),
        ("edm-v4.1.0/ESPD-Response.xml", "edm-v4.1.0/ESPD-Request.xml"),
    ]

    static let c1 = "005eb9ed-1347-4ca3-bb29-9bc0db64e1ab"

    /// The response with every C1 conviction date set to 1 June 2025.
    static func base(_ file: String) throws -> (text: String, c1: Range<String.Index>) {
        var text = try String(contentsOfFile: Paths.corpusFile(file), encoding: .utf8)
        let criterion = try ESPDParser.read(contentsOf: Paths.corpusFile(file)).criteria.first { $0.ground == "C1" }!
        for date in Set(criterion.answers.filter { $0.meaning == .convictionDate }.compactMap(\.date)) {
            text = text.replacingOccurrences(of: ">\(date)</cbc:ResponseDate>", with: ">2025-06-01</cbc:ResponseDate>")
        }
        return (text, try #require(range(ofCriterion: c1, in: text)))
    }

    /// The text range of the criterion element whose id is `id`.
    static func range(ofCriterion id: String, in text: String) -> Range<String.Index>? {
        guard let idRange = text.range(of: ">\(id)</cbc:ID>"),
            let start = text.range(of: "<cac:TenderingCriterion>", options: .backwards, range: text.startIndex..<idRange.lowerBound),
            let end = text.range(of: "</cac:TenderingCriterion>", range: idRange.upperBound..<text.endIndex)
        else { return nil }
        return start.lowerBound..<end.upperBound
    }

    static func editCriterion(_ text: String, _ range: Range<String.Index>, _ edit: (String) -> String) -> String {
        text.replacingCharacters(in: range, with: edit(String(text[range])))
    }

    static let variants: [(String, @Sendable (String, Range<String.Index>) -> String)] = [
        ("unchanged", { text, _ in text }),
        (
            "every ONTRUE group of C1 retyped ONFALSE",
            { text, range in editCriterion(text, range) { $0.replacingOccurrences(of: ">ONTRUE<", with: ">ONFALSE<") } }
        ),
        (
            "the conviction-date question reworded and retyped",
            { text, range in
                editCriterion(text, range) {
                    $0.replacingOccurrences(of: ">Date of conviction<", with: ">Date of the last tax return<")
                        .replacingOccurrences(of: ">DATE</cbc:ValueDataTypeCode>", with: ">DESCRIPTION</cbc:ValueDataTypeCode>")
                }
            }
        ),
        (
            "a decoy group answered no, put first",
            { text, range in
                editCriterion(text, range) { criterion in
                    guard let first = criterion.range(of: "<cac:TenderingCriterionPropertyGroup>") else { return criterion }
                    let decoy =
                        "<cac:TenderingCriterionPropertyGroup><cbc:ID>9d0f6c47-decoy</cbc:ID><cbc:PropertyGroupTypeCode>ON*</cbc:PropertyGroupTypeCode>"
                        + "<cac:TenderingCriterionProperty><cbc:ID>9d0f6c47-decoy-q</cbc:ID><cbc:Description>Your answer</cbc:Description><cbc:TypeCode>QUESTION</cbc:TypeCode><cbc:ValueDataTypeCode>INDICATOR</cbc:ValueDataTypeCode></cac:TenderingCriterionProperty></cac:TenderingCriterionPropertyGroup>"
                    return criterion.replacingCharacters(in: first.lowerBound..<first.lowerBound, with: decoy)
                }
                .replacingOccurrences(
                    of: "</cac:TenderingCriterion>\n  <cac:TenderingCriterionResponse>",
                    with:
                        "</cac:TenderingCriterion>\n  <cac:TenderingCriterionResponse><cbc:ID>decoy-r</cbc:ID><cbc:ValidatedCriterionPropertyID>9d0f6c47-decoy-q</cbc:ValidatedCriterionPropertyID><cac:ResponseValue><cbc:ResponseIndicator>false</cbc:ResponseIndicator></cac:ResponseValue></cac:TenderingCriterionResponse>\n  <cac:TenderingCriterionResponse>"
                )
            }
        ),
    ]

    static let job = try! ScreeningJob.plan(paths: [Paths.repositoryFile("samples/zonnepark-lelystad")], tenderFile: nil)

    static func findings(_ text: String, request: XMLDocument?) throws -> [Finding] {
        let directory = try Paths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("uea.xml").path
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        let submission = try Submission.load(file, requestDocument: request)
        let context = ScreeningContext(
            submission: submission, tender: job.tender, tenderFilePath: Fixtures.tenderPath,
            request: request == nil ? nil : try ESPDParser.read(request!), rules: Fixtures.rules)
        return Screener().findings(context)
    }

    @Test("C1 keeps its blocker in every variant of every generation, with the release's request and without")
    func variantsKeepBlocker() throws {
        var kept = 0
        var total = 0
        for (response, requestFile) in Self.bases {
            let (text, range) = try Self.base(response)
            let request = try XMLDocument.parse(contentsOf: Paths.corpusFile(requestFile))
            for (name, edit) in Self.variants {
                let edited = edit(text, range)
                if name != "unchanged" { #expect(edited != text, "\(response), \(name): the edit did not apply") }
                for withRequest in [false, true] {
                    let found = try Self.findings(edited, request: withRequest ? request : nil)
                    let ground = found.first { $0.check == "exclusion.mandatory-ground" && $0.details?["ground"] == "C1" }
                    total += 1
                    if ground?.severity == .blocker { kept += 1 }
                    #expect(
                        ground?.severity == .blocker,
                        "\(response), \(name), \(withRequest ? "with" : "without") the request: \(ground?.severity.rawValue ?? "no finding")"
                    )
                }
            }
        }
        print("corpus variants that kept C1's blocker: \(kept) of \(total)")
    }
}
