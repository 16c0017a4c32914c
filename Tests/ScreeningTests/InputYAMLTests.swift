import DossierModel
import Foundation
import Testing

@testable import RuleData
@testable import Screening

/// tender.yaml and bidder.yaml as YAMLFile reads them into the screening's input types: closed
/// sets of values, misspelt fields, Dutch numbers, one-line errors that echo nothing.
@Suite("Input files (YAML)")
struct InputYAMLTests {
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

    @Test("A control character (a NUL from a binary file, or a YAML escape) is refused at its line in YAML, CSV and any text file")
    func controlCharacters() throws {
        func refusal(_ body: () throws -> Void) -> InputError? {
            do {
                try body()
                return nil
            } catch let error as InputError {
                return error
            } catch {
                return nil
            }
        }
        let raw = refusal { _ = try YAMLFile.decode(TenderContext.self, text: "id: A\nname: \"B\u{0}C\"\n", path: "tender.yaml") }
        #expect(raw?.line == 2)
        #expect(raw?.message.contains("a control character (U+0000) is not text") == true)
        let escaped = refusal { _ = try YAMLFile.decode(TenderContext.self, text: "id: A\nname: \"B\\0C\"\n", path: "tender.yaml") }
        #expect(escaped?.line == 2)
        #expect(escaped?.message.contains("U+0000") == true)
        // The supply chain the fuzzer found: an address with NULs after a non-ASCII letter trapped
        // Foundation's contains in solar.certificate.
        let chain = "tier,entity,facility_address\nmg-si,Baltic Ingot UAB,Pramonės g. 15\u{0}\u{0}\u{0}\n"
        let csv = refusal { _ = try SupplyChainTier.parse(text: chain, path: "supply-chain.csv") }
        #expect(csv?.line == 2)
        #expect(csv?.message.contains("U+0000") == true)
        let text = refusal { _ = try TextFile.decode(Data("name,kind\nA,\u{1}person\n".utf8), path: "own.csv") }
        #expect(text?.line == 2)
        #expect(text?.message.contains("U+0001") == true)
        #expect(try YAMLFile.decode(TenderContext.self, text: "id: A\nname: \"tab\\there\"\n", path: "t").name == "tab\there")
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
