import DossierModel
import Foundation
import Testing

@testable import RuleData
@testable import Screening

/// Hand-edited YAML (tender, bidder, rule data) is read by type: the field's type decides
/// whether `2025-01-01` or `0912` is text or a number, and a mistake names its line.
@Suite("YAML files")
struct YAMLFileTests {
    struct Sample: Decodable, Equatable {
        var name: String
        var code: String
        var date: String
        var count: Int
        var amount: Double
        var flags: [Bool]
        var missing: String?
        var tilde: String?
        var quotedNull: String?
        var nested: [String: [Int]]
    }

    let text = """
        # comment
        name: "Zonnepark: fase 2"
        code: 0912
        date: 2025-01-01
        count: 1_000
        amount: 5538000
        flags: [true, yes, On, false, no, OFF]
        tilde: ~
        quotedNull: "null"
        nested:
          a: [1, 2]
          b: []
        """

    @Test("scalars are read as the field's type; ~ is nothing, a quoted null is text")
    func scalars() throws {
        let sample = try YAMLFile.decode(Sample.self, text: text, path: "t.yaml")
        #expect(
            sample
                == Sample(
                    name: "Zonnepark: fase 2", code: "0912", date: "2025-01-01", count: 1000, amount: 5_538_000,
                    flags: [true, true, true, false, false, false], missing: nil, tilde: nil, quotedNull: "null",
                    nested: ["a": [1, 2], "b": []]))
    }

    @Test("a missing field, a wrong type and broken YAML are refused with file, field and line")
    func errors() {
        func message(_ text: String) -> String {
            do {
                _ = try YAMLFile.decode(Sample.self, text: text, path: "t.yaml")
                return "decoded"
            } catch { return "\(error)" }
        }
        #expect(message(text.replacingOccurrences(of: "count: 1_000\n", with: "")) == "t.yaml:2: missing field 'count'")
        #expect(
            message(text.replacingOccurrences(of: "amount: 5538000", with: "amount: veel")).hasPrefix(
                "t.yaml:6: field 'amount': expected a number, found 'veel'"))
        #expect(
            message(text.replacingOccurrences(of: "flags: [true", with: "flags: [misschien")).hasPrefix(
                "t.yaml:7: field 'flags[0]': expected true or false"))
        #expect(
            message(text.replacingOccurrences(of: "  a: [1, 2]", with: "  a: 3")).hasPrefix("t.yaml:11: field 'nested.a': expected a list"))
        #expect(message("name: [unclosed").hasPrefix("t.yaml:2: not valid YAML"))  // one line, with the position
        #expect(message("") == "t.yaml: missing field 'name'")
    }

    @Test("numbers that are not plain decimals are not numbers")
    func notNumbers() {
        struct Amount: Decodable { var amount: Double }
        for value in ["nan", "0x10", "infinity", "1,5"] {
            #expect(throws: InputError.self, "\(value)") { try YAMLFile.decode(Amount.self, text: "amount: \(value)", path: "a.yaml") }
        }
        #expect((try? YAMLFile.decode(Amount.self, text: "amount: -1.5e3", path: "a.yaml"))?.amount == -1500)
    }

    @Test("An equivalent document's kind is one of two, in English or Dutch; anything else is refused at its line")
    func equivalentDocumentKind() throws {
        func kind(_ value: String) throws -> BidderFile.EquivalentDocument.Kind? {
            let text = "name: X\nequivalentDocument:\n  type: Casier judiciaire\n  kind: \(value)\n"
            return try YAMLFile.decode(BidderFile.self, text: text, path: "bidder.yaml").equivalentDocument?.kind
        }
        #expect(try kind("extract") == .extract)
        #expect(try kind("uittreksel") == .extract)
        #expect(try kind("declaration-under-oath") == .declarationUnderOath)
        #expect(try kind("verklaring-onder-ede") == .declarationUnderOath)
        do {
            _ = try kind("sworn")
            Issue.record("an unknown kind was accepted")
        } catch let error as InputError {
            #expect(error.line == 4)
            #expect(error.message.contains("allowed: extract, declaration-under-oath"), "\(error.message)")
        }
    }

    @Test("A misspelt field is refused with its line, not ignored; nested sections too")
    func unknownKeys() throws {
        let tender = "id: PFL-1\nsubmisionDeadline: 2026-10-15\n"
        do {
            _ = try YAMLFile.decode(TenderContext.self, text: tender, path: "tender.yaml")
            Issue.record("a misspelt key was accepted")
        } catch let error as InputError {
            #expect(error.line == 2)
            #expect(error.message.contains("'submisionDeadline': not a known field; did you mean 'submissionDeadline'?"))
        }
        let bidder = "name: X\ngva:\n  issueDate: 2026-01-01\n  refrence: G-1\n"
        #expect(throws: InputError.self) { _ = try YAMLFile.decode(BidderFile.self, text: bidder, path: "bidder.yaml") }
        // Dictionaries keep accepting any key.
        #expect(try YAMLFile.decode([String: Int].self, text: "anything: 1", path: "x.yaml") == ["anything": 1])
    }

    @Test("180.000 is refused as a Dutch thousands separator; 1.5 and 180000 are numbers")
    func dutchThousands() throws {
        for text in ["estimatedValue: 180.000", "estimatedValue: 4.850.000"] {
            do {
                _ = try YAMLFile.decode(TenderContext.self, text: text, path: "tender.yaml")
                Issue.record("\(text) was accepted")
            } catch let error as InputError {
                #expect(error.message.contains("Dutch thousands separator"))
            }
        }
        #expect(try YAMLFile.decode(TenderContext.self, text: "estimatedValue: 180000", path: "t").estimatedValue == 180_000)
        #expect(try YAMLFile.decode(TenderContext.self, text: "estimatedValue: 1.5", path: "t").estimatedValue == 1.5)
        #expect(try YAMLFile.decode(TenderContext.self, text: "estimatedValue: 180.00", path: "t").estimatedValue == 180)
        // With the euro sign the Dutch form is unambiguous.
        #expect(try YAMLFile.decode(TenderContext.self, text: "estimatedValue: \"€ 180.000\"", path: "t").estimatedValue == 180_000)
        #expect(try YAMLFile.decode(TenderContext.self, text: "estimatedValue: € 4.850.000,50", path: "t").estimatedValue == 4_850_000.5)
        #expect(throws: InputError.self) { try YAMLFile.decode(TenderContext.self, text: "estimatedValue: € 18.00", path: "t") }
    }

    @Test("A value an enum does not know names the allowed values")
    func enumValues() throws {
        do {
            _ = try YAMLFile.decode(TenderContext.self, text: "id: X\ntype: levering\n", path: "tender.yaml")
            Issue.record("accepted")
        } catch let error as InputError {
            #expect(error.line == 2)
            #expect(
                error.message
                    == "field 'type': 'levering' is not allowed; allowed: leveringen, diensten, werken, concessie, sociale-diensten")
        }
    }

    @Test("Broken YAML is reported in one line without quoting the file: a secret behind a link stays secret")
    func noEcho() throws {
        let secret = "root:$6$secrethash:19000:0:99999:7:::"
        for text in ["# \(secret)\nid: A\nid: B\n", "# \(secret)\nid: \"open\nname: x\n"] {
            do {
                _ = try YAMLFile.decode(TenderContext.self, text: text, path: "tender.yaml")
                Issue.record("accepted")
            } catch let error as InputError {
                #expect(!error.message.contains("secrethash"))
                #expect(!error.message.contains("\n"))
                #expect(error.message.hasPrefix("not valid YAML: "))
            }
        }
    }
}
