import DossierModel
import Foundation
import Testing

@testable import RuleData

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
}
