import DossierModel
import Foundation
import Testing

@testable import RuleData
@testable import Screening

/// A bidder writes the supply-chain declaration: nothing in it may silently change the outcome,
/// and one bad value may not refuse the whole bidder (issue 16).
@Suite("Supply-chain declaration input")
struct SupplyChainInputTests {
    let header =
        "tier,entity,aliases,facility_address,city,region,country,certificate,certificate_sites,certificate_expiry,batch_link,quantity,unit"

    @Test("A row starting with # is data, not a comment: a Xinjiang tier cannot be hidden that way")
    func hashRow() throws {
        let text = header + "\n#polysilicon,Hidden Poly Co.,,,Shihezi,Xinjiang,CN,,,,,,\nmodule,Module Co.,,,Hefei,Anhui,CN,,,,,,\n"
        let (tiers, problems) = try SupplyChainTier.parseReporting(text: text, path: "chain.csv")
        #expect(tiers.map(\.entity) == ["Hidden Poly Co.", "Module Co."])
        #expect(problems.map(\.line) == [2])  // "#polysilicon" is no tier: reported
    }

    /// The error a declaration with `text` is refused with, or nil (recorded as an issue) when it is read.
    func refusal(_ text: String) throws -> InputError? {
        do { _ = try SupplyChainTier.parseReporting(text: text, path: "chain.csv") } catch let error as InputError { return error }
        Issue.record("accepted")
        return nil
    }

    @Test("An unterminated quote is refused with the line where it opened, not read as one field")
    func unterminatedQuote() throws {
        let error = try refusal(header + "\nmg-si,\"Open Quote Silicon,,,,,CN,,,,,,\npolysilicon,Poly,,,Shihezi,Xinjiang,CN,,,,,,\n")
        #expect(error?.line == 2)
    }

    @Test("A column named twice is refused: a second 'city' cannot hide the first")
    func duplicateColumn() throws {
        let error = try refusal(header + ",city\npolysilicon,Poly Co.,,,Shihezi,Xinjiang,CN,,,,,,,Burghausen\n")
        #expect(error?.line == 1)
        #expect(error?.message.contains("'city' appears twice") == true)
    }

    @Test("A row with a value too many or too few is reported by line: its values may have moved to other columns")
    func shiftedColumns() throws {
        // Line 2: an unquoted comma in the entity name moves Shihezi into 'region' and Xinjiang into 'country'.
        // Line 3: the last two columns left off. Line 4: as the header says.
        let text =
            header
            + "\npolysilicon,Poly, Co.,,,Shihezi,Xinjiang,CN,,,,,,\nmodule,Module Co.,,,Hefei,Anhui,CN,,,,\ncell,Cell Co.,,,Kulim,Kedah,MY,,,,,,\n"
        let (tiers, problems) = try SupplyChainTier.parseReporting(text: text, path: "chain.csv")
        #expect(tiers.count == 3)
        #expect(problems.map(\.line) == [2, 2, 3])
        #expect(problems.filter { $0.message.contains("wrong columns") }.map(\.line) == [2, 3])
        // The moved value is then no country either, and is said so on its own line.
        #expect(problems[1].message.hasPrefix("'Xinjiang' is not a country"))
    }

    @Test("Semicolons (Dutch spreadsheets) and a byte-order mark are read")
    func semicolonsAndBOM() throws {
        let text = "\u{FEFF}" + header.replacingOccurrences(of: ",", with: ";") + "\nmg-si;Silicio SA;;;Sabiñánigo;Aragón;ES;;;;;;\n"
        let (tiers, problems) = try SupplyChainTier.parseReporting(text: text, path: "chain.csv")
        #expect(tiers.map(\.entity) == ["Silicio SA"])
        #expect(tiers.first?.country == "ES")
        #expect(problems.isEmpty)
    }

    @Test("A bad date, an unknown tier or unit and a Dutch thousands separator are reported by line; the rows stay")
    func problemsByLine() throws {
        let text =
            header + """

                polysilicon,Poly Co.,,,Burghausen,Bayern,DE,SSI Traceability,,31-12-2027,,37.500,kg
                poly-silicon,Other Poly,,,Kokkola,,FI,,,,,100,kg
                module,Module Co.,,,Hefei,Anhui,CN,,,,,10000000,kilo

                """
        let (tiers, problems) = try SupplyChainTier.parseReporting(text: text, path: "chain.csv")
        #expect(tiers.count == 3)
        #expect(problems.map(\.line) == [2, 2, 3, 4])
        #expect(tiers[0].certificateExpiry == nil && tiers[0].quantity == nil)
        #expect(tiers[2].quantity == nil)
    }

    @Test("A bidder whose declaration has a bad value is still screened, with a finding that names the line")
    func bidderStillScreened() throws {
        var context = try Fixtures.cleanContext()
        context.submission.supplyChainProblems = [
            .init(line: 3, message: "certificate_expiry '31-12-2027' is not a date (YYYY-MM-DD); read as no expiry date")
        ]
        let findings = Fixtures.findings(context, "solar.declaration-problem")
        #expect(findings.count == 1)
        #expect(findings.first?.severity == .attention)
        #expect(findings.first?.evidence.first?.line == 3)
    }

    @Test("A declaration with more rows than any real one is refused with the first row past the limit")
    func tooManyRows() throws {
        let rows = (0..<(SupplyChainTier.maxRows + 5)).map { "module,M\($0),,,,,CN,,,,,," }
        do {
            _ = try SupplyChainTier.parseReporting(text: ([header] + rows).joined(separator: "\n"), path: "chain.csv")
            Issue.record("accepted")
        } catch let error as InputError {
            #expect(error.line == SupplyChainTier.maxRows + 2)
            #expect(error.message.contains("at most \(SupplyChainTier.maxRows) are read"))
        }
    }

    @Test("A YAML list expanded to a hundred thousand entries by aliases is refused, not turned into findings")
    func aliasBomb() throws {
        let text =
            "subcontractors:\n" + "  - &s {name: Uralsk Panel OOO, country: RU, share: 25}\n" + String(repeating: "  - *s\n", count: 6_000)
        do {
            _ = try YAMLFile.decode(BidderFile.self, text: text, path: "bidder.yaml")
            Issue.record("accepted")
        } catch let error as InputError {
            #expect(error.message.contains("at most 5000 are read"))
        }
    }
}
