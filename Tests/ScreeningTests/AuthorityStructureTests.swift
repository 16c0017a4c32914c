import DossierModel
import ESPD
import Foundation
import TestSupport
import Testing

@testable import Screening

/// Issue 25: what a bidder's copy of the questions says (gates, question texts, groups, version) is
/// compared with the authority's structure, never trusted. Each variant below is what a bidder who
/// wants a clean result would write into a schema-valid response that declares a recent conviction;
/// every one must keep the blocker, with and without the tender's request.
@Suite("The authority's structure decides what an answer means")
struct AuthorityStructureTests {
    /// A response with a recent conviction, and the ids of its conviction criterion.
    struct Base: Sendable, CustomTestStringConvertible {
        var name: String
        var text: String
        var ground: String
        /// The id of "Your answer", of the ONTRUE details group and of the conviction date.
        var yourAnswer: String
        var detailsGroup: String
        var date: String
        /// The conviction date as the file gives it.
        var dateValue: String
        /// A new property id in this generation's style (v4 ids are paths under the criterion).
        var newID: @Sendable (String) -> String
        /// A response element for `property` with `value` (inside ResponseValue), instance `instance`.
        var response: @Sendable (_ property: String, _ value: String, _ instance: Int) -> String
        var testDescription: String { name }
    }

    static let sample = Paths.repositoryFile("samples/zonnepark-lelystad")

    /// The clean v4.1.0 bidder, with C1 (participation in a criminal organisation) answered yes,
    /// convicted on 1 June 2025, no self-cleaning.
    static let v4: Base = {
        var text = try! String(contentsOfFile: sample + "/bidders/1-zonnebouw-flevoland/uea.xml", encoding: .utf8)
        let prefix = "C1_EG_crime-org/QG1"
        let response: @Sendable (String, String, Int) -> String = { property, value, instance in
            "<cac:TenderingCriterionResponse><cbc:ID>\(property)/R\(instance)</cbc:ID><cbc:ValidatedCriterionPropertyID>\(property)</cbc:ValidatedCriterionPropertyID><cac:ResponseValue>\(value)</cac:ResponseValue></cac:TenderingCriterionResponse>\n  "
        }
        text = text.replacingOccurrences(
            of:
                "<cbc:ValidatedCriterionPropertyID>\(prefix)/Q1</cbc:ValidatedCriterionPropertyID>\n    <cac:ResponseValue><cbc:ResponseIndicator>false</cbc:ResponseIndicator></cac:ResponseValue>\n  </cac:TenderingCriterionResponse>\n  ",
            with:
                "<cbc:ValidatedCriterionPropertyID>\(prefix)/Q1</cbc:ValidatedCriterionPropertyID>\n    <cac:ResponseValue><cbc:ResponseIndicator>true</cbc:ResponseIndicator></cac:ResponseValue>\n  </cac:TenderingCriterionResponse>\n  "
                + response("\(prefix)/QSG1/Q1", "<cbc:ResponseDate>2025-06-01</cbc:ResponseDate>", 1)
                + response("\(prefix)/QSG1/Q2", "<cbc:Description>deelneming aan een criminele organisatie</cbc:Description>", 1)
                + response("\(prefix)/QSG1/QSG1/Q1", "<cbc:ResponseIndicator>false</cbc:ResponseIndicator>", 1))
        return Base(
            name: "v4.1.0 (sample bidder 1, C1)", text: text, ground: "C1", yourAnswer: "\(prefix)/Q1", detailsGroup: "\(prefix)/QSG1",
            date: "\(prefix)/QSG1/Q1", dateValue: "2025-06-01", newID: { "\(prefix)/\($0)" }, response: response)
    }()

    /// The v2.1.1 bidder (sample bidder 2): C3 (fraud) answered yes, convicted 14 March 2023, self-cleaning claimed.
    static let v21: Base = {
        let text = try! String(contentsOfFile: sample + "/bidders/2-polder-energie-combinatie/uea-penvoerder.xml", encoding: .utf8)
        let response: @Sendable (String, String, Int) -> String = { property, value, _ in
            "<cac:TenderingCriterionResponse><cbc:ID>\(UUID().uuidString.lowercased())</cbc:ID><cbc:ValidatedCriterionPropertyID>\(property)</cbc:ValidatedCriterionPropertyID><cac:ResponseValue>\(value)</cac:ResponseValue></cac:TenderingCriterionResponse>\n  "
        }
        return Base(
            name: "v2.1.1 (sample bidder 2, C3)", text: text, ground: "C3", yourAnswer: "d93a18a5-ceb2-5750-9fda-b4d7fb154070",
            detailsGroup: "ce44fcc7-820f-5ba2-a21d-4cbac221e32d", date: "466c5387-c43d-5c94-aada-24dd5fefcd2b", dateValue: "2023-03-14",
            newID: { _ in UUID().uuidString.lowercased() }, response: response)
    }()

    /// A variant: a named edit of the base text.
    struct Variant: Sendable, CustomTestStringConvertible {
        var name: String
        var edit: @Sendable (Base, String) -> String
        var testDescription: String { name }
    }

    static func insertResponse(_ text: String, _ element: String) -> String {
        guard let range = text.range(of: "<cac:TenderingCriterionResponse>") else { return text }
        return text.replacingCharacters(in: range.lowerBound..<range.lowerBound, with: element)
    }

    static func property(_ id: String, _ description: String, _ type: String) -> String {
        "<cac:TenderingCriterionProperty><cbc:ID>\(id)</cbc:ID><cbc:Description>\(description)</cbc:Description><cbc:TypeCode>QUESTION</cbc:TypeCode><cbc:ValueDataTypeCode>\(type)</cbc:ValueDataTypeCode></cac:TenderingCriterionProperty>"
    }

    static let variants: [Variant] = [
        Variant(name: "unchanged") { _, text in text },
        Variant(name: "details group retyped ONTRUE to ONFALSE, an ungated old date added") { base, text in
            var text = text.replacingOccurrences(
                of: "<cbc:ID>\(base.detailsGroup)</cbc:ID>\n        <cbc:PropertyGroupTypeCode>ONTRUE</cbc:PropertyGroupTypeCode>",
                with: "<cbc:ID>\(base.detailsGroup)</cbc:ID>\n        <cbc:PropertyGroupTypeCode>ONFALSE</cbc:PropertyGroupTypeCode>")
            let dateID = base.newID("Q9")
            let yourAnswer = "<cbc:ID>\(base.yourAnswer)</cbc:ID>"
            guard let range = text.range(of: yourAnswer),
                let end = text.range(of: "</cac:TenderingCriterionProperty>", range: range.upperBound..<text.endIndex)
            else { return text }
            text.insert(contentsOf: property(dateID, "Date of conviction", "DATE"), at: end.upperBound)
            return insertResponse(text, base.response(dateID, "<cbc:ResponseDate>2012-01-01</cbc:ResponseDate>", 1))
        },
        Variant(name: "a decoy \"Your answer\" group answered no, put first") { base, text in
            let decoyGroup = base.newID("QG0")
            let decoyQuestion = base.newID("QG0/Q1")
            let group =
                "<cac:TenderingCriterionPropertyGroup><cbc:ID>\(decoyGroup)</cbc:ID><cbc:PropertyGroupTypeCode>ON*</cbc:PropertyGroupTypeCode>"
                + property(decoyQuestion, "Your answer", "INDICATOR") + "</cac:TenderingCriterionPropertyGroup>\n    "
            let anchor = "<cbc:ID>\(base.yourAnswer)</cbc:ID>"
            guard let answerRange = text.range(of: anchor),
                let groupStart = text.range(
                    of: "<cac:TenderingCriterionPropertyGroup>", options: .backwards, range: text.startIndex..<answerRange.lowerBound)
            else { return text }
            var text = text
            text.insert(contentsOf: group, at: groupStart.lowerBound)
            return insertResponse(text, base.response(decoyQuestion, "<cbc:ResponseIndicator>false</cbc:ResponseIndicator>", 1))
        },
        Variant(name: "the conviction date in a non-ISO form (dd-mm-yyyy)") { base, text in
            let parts = base.dateValue.split(separator: "-")
            return text.replacingOccurrences(
                of: "<cbc:ResponseDate>\(base.dateValue)</cbc:ResponseDate>",
                with: "<cbc:ResponseDate>\(parts[2])-\(parts[1])-\(parts[0])</cbc:ResponseDate>")
        },
        Variant(name: "an old conviction date in a second instance of the date") { base, text in
            insertResponse(text, base.response(base.date, "<cbc:ResponseDate>2012-01-01</cbc:ResponseDate>", 2))
        },
        Variant(name: "the date property retyped as a description") { base, text in
            let anchor =
                "<cbc:ID>\(base.date)</cbc:ID>\n          <cbc:Description>Date of conviction</cbc:Description>\n          <cbc:TypeCode>QUESTION</cbc:TypeCode>\n          <cbc:ValueDataTypeCode>DATE</cbc:ValueDataTypeCode>"
            return text.replacingOccurrences(of: anchor, with: anchor.replacingOccurrences(of: ">DATE<", with: ">DESCRIPTION<"))
        },
        Variant(name: "a future conviction date beside an old one") { base, text in
            insertResponse(
                text.replacingOccurrences(
                    of: "<cbc:ResponseDate>\(base.dateValue)</cbc:ResponseDate>", with: "<cbc:ResponseDate>2099-01-01</cbc:ResponseDate>"),
                base.response(base.date, "<cbc:ResponseDate>2012-01-01</cbc:ResponseDate>", 2))
        },
        Variant(name: "the release declared as 4.0.0 (another than the request's) with a decoy group") { base, text in
            variants[2].edit(base, text).replacingOccurrences(
                of: "schemeVersionID=\"4.1.0\">ESPD-EDMv4.1.0", with: "schemeVersionID=\"4.0.0\">ESPD-EDMv4.0.0"
            )
            .replacingOccurrences(of: "schemeVersionID=\"4.1.0\">4.1.0<", with: "schemeVersionID=\"4.0.0\">4.0.0<")
        },
    ]

    static let job = try! ScreeningJob.plan(paths: [sample], tenderFile: nil)

    /// Screens `text` as a bidder of the sample tender (with or without its v4.1.0 request).
    static func findings(_ text: String, withRequest: Bool) throws -> [Finding] {
        let directory = try Paths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("uea.xml").path
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        let submission = try Submission.load(file, requestDocument: withRequest ? job.requestDocument : nil)
        let context = ScreeningContext(
            submission: submission, tender: job.tender, tenderFilePath: Fixtures.tenderPath,
            request: withRequest ? job.request : nil, rules: Fixtures.rules)
        return Screener().findings(context)
    }

    /// Each variant keeps the blocker, and says what was done: a finding the unchanged file does not have.
    @Test("Every variant keeps the conviction's blocker and is reported, with and without the request", arguments: [v4, v21], variants)
    func variantKeepsBlocker(_ base: Base, _ variant: Variant) throws {
        for withRequest in [false, true] {
            let found = try Self.findings(variant.edit(base, base.text), withRequest: withRequest)
            let label = "\(base.name), \(variant.name), \(withRequest ? "with" : "without") the request"
            let ground = found.first { $0.check == "exclusion.mandatory-ground" && $0.details?["ground"] == base.ground }
            #expect(ground?.severity == .blocker, "\(label): \(ground?.severity.rawValue ?? "no finding")")
            // Several convictions in several instances is what a repeatable group is for: nothing to report.
            guard variant.name != "unchanged", !variant.name.contains("second instance") else { continue }
            func said(_ findings: [Finding]) -> Set<String> {
                Set(
                    findings.filter { $0.details?["ground"] == base.ground || $0.check.hasPrefix("espd.") }.map {
                        $0.check + ": " + $0.message.en
                    })
            }
            let reported = said(found).subtracting(said(try Self.findings(base.text, withRequest: withRequest)))
            #expect(!reported.isEmpty, "\(label): nothing says the file was changed")
        }
    }

    // MARK: C7 (taxes): the sub-questions are read by their meaning, not their wording

    static let tax = "C7_EG_tax-pay/RG1/QSG1"
    static let finalText =
        "If this breach of obligations was established through a judicial or administrative decision, was this decision final and binding?"
    static let paidText =
        "Has the economic operator fulfilled its obligations by paying or entering into a binding arrangement with a view to paying the taxes contributions due, including, where applicable, any interest accrued or fines?"

    /// The clean v4.1.0 bidder with C7 answered yes: not by other means, by a final and binding
    /// decision of 1 March 2025, not paid: a mandatory ground (blocker).
    static let taxBase: String = {
        let text = try! String(contentsOfFile: sample + "/bidders/1-zonnebouw-flevoland/uea.xml", encoding: .utf8)
        let answered =
            "<cbc:ValidatedCriterionPropertyID>\(tax)/Q1</cbc:ValidatedCriterionPropertyID>\n    <cac:ResponseValue><cbc:ResponseIndicator>false</cbc:ResponseIndicator></cac:ResponseValue>\n  </cac:TenderingCriterionResponse>\n  "
        precondition(text.contains(answered))
        return text.replacingOccurrences(
            of: answered,
            with: answered.replacingOccurrences(of: ">false<", with: ">true<")
                + v4.response("\(tax)/QSG1/QSG1/Q1", "<cbc:ResponseIndicator>false</cbc:ResponseIndicator>", 1)
                + v4.response("\(tax)/QSG1/QSG1/QSG2/Q1", "<cbc:ResponseIndicator>true</cbc:ResponseIndicator>", 1)
                + v4.response("\(tax)/QSG1/QSG1/QSG2/QSG1/Q1", "<cbc:ResponseDate>2025-03-01</cbc:ResponseDate>", 1)
                + v4.response("\(tax)/QSG1/QSG1/QSG3/Q1", "<cbc:ResponseIndicator>false</cbc:ResponseIndicator>", 1))
    }()

    static let taxVariants: [(String, @Sendable (String) -> String)] = [
        ("unchanged", { $0 }),
        (
            "the final-and-binding question worded as the payment question",
            { $0.replacingOccurrences(of: ">\(finalText)<", with: ">\(paidText)<") }
        ),
        (
            "the final-and-binding and payment questions' texts swapped",
            {
                $0.replacingOccurrences(of: ">\(finalText)<", with: ">@FINAL@<").replacingOccurrences(
                    of: ">\(paidText)<", with: ">\(finalText)<"
                )
                .replacingOccurrences(of: ">@FINAL@<", with: ">\(paidText)<")
            }
        ),
        (
            "a second criterion description in the compliance wording",
            {
                $0.replacingOccurrences(
                    of: "<cbc:CriterionTypeCode>tax-pay</cbc:CriterionTypeCode>",
                    with:
                        "<cbc:CriterionTypeCode>tax-pay</cbc:CriterionTypeCode><cbc:Description>Answer yes if the economic operator has met all its obligations relating to the payment of taxes.</cbc:Description>"
                )
            }
        ),
        (
            "the decision group retyped ONFALSE to ONTRUE",
            {
                $0.replacingOccurrences(
                    of:
                        "<cbc:ID>\(tax)/QSG1/QSG1/QSG2</cbc:ID>\n              <cbc:PropertyGroupTypeCode listID=\"property-group-type\" listAgencyID=\"OP\" listVersionID=\"4.1.0\">ONFALSE<",
                    with:
                        "<cbc:ID>\(tax)/QSG1/QSG1/QSG2</cbc:ID>\n              <cbc:PropertyGroupTypeCode listID=\"property-group-type\" listAgencyID=\"OP\" listVersionID=\"4.1.0\">ONTRUE<"
                )
            }
        ),
        (
            "the payment question renamed and the decision question's text removed",
            {
                $0.replacingOccurrences(of: ">\(finalText)<", with: "><").replacingOccurrences(
                    of: ">\(paidText)<", with: ">Has the breach been paid or settled by a binding arrangement?<")
            }
        ),
    ]

    @Test("A C7 breach by a final decision stays a blocker whatever the bidder's copy calls its questions, with and without the request")
    func taxVariantsKeepBlocker() throws {
        var kept = 0
        var total = 0
        for (name, edit) in Self.taxVariants {
            let text = edit(Self.taxBase)
            if name != "unchanged" { #expect(text != Self.taxBase, "\(name): the edit did not apply") }
            for withRequest in [false, true] {
                let found = try Self.findings(text, withRequest: withRequest)
                let tax = found.first { $0.check == "exclusion.tax-social-security" && $0.details?["ground"] == "C7" }
                total += 1
                if tax?.severity == .blocker { kept += 1 }
                #expect(
                    tax?.severity == .blocker,
                    "\(name), \(withRequest ? "with" : "without") the request: \(tax?.severity.rawValue ?? "no finding") \(tax?.message.en ?? "")"
                )
                if name != "unchanged" {
                    let base = Set(try Self.findings(Self.taxBase, withRequest: withRequest).map { $0.check + $0.message.en })
                    #expect(
                        found.contains { !base.contains($0.check + $0.message.en) && $0.check.hasPrefix("espd.") },
                        "\(name): nothing says the file was changed")
                }
            }
        }
        print("C7 variants that kept their blocker: \(kept) of \(total)")
    }
}
