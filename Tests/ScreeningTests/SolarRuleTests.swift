import DossierModel
import ESPD
import TestSupport
import Testing

@testable import Screening

/// Which tenders are PV tenders, which certificates cover traceability or labour conditions, and a
/// mass balance that current modules pass (issue 13).
@Suite("Solar scope and evidence quality")
struct SolarRuleTests {
    func context(_ change: (inout ScreeningContext) -> Void) throws -> ScreeningContext {
        var context = try Fixtures.cleanContext()
        change(&context)
        return context
    }

    @Test("A PV tender: solar: true, or a PV-module CPV code; 09331100 (solar thermal) is not one")
    func scope() throws {
        func isSolar(_ cpv: [String], solar: Bool? = nil) throws -> Bool {
            SolarScope.isSolarTender(
                try context {
                    $0.tender.cpv = cpv
                    $0.tender.solar = solar
                })
        }
        #expect(try isSolar(["09331200-0"]))
        #expect(try isSolar(["09331210-3"]))
        #expect(try !isSolar(["09331100-9"]))
        #expect(try !isSolar(["09332000-5"]))
        #expect(try isSolar(["09332000-5"], solar: true))
        #expect(try !isSolar(["09331200-0"], solar: false))
    }

    func cellCertificate(_ name: String) throws -> [Finding] {
        Fixtures.findings(
            try context {
                if let i = $0.submission.supplyChain?.firstIndex(where: { $0.tier == "cell" }) {
                    $0.submission.supplyChain?[i].certificate = name
                }
            }, "solar.certificate")
    }

    @Test("A branch of a listed producer is a finding that says it is a related entity, not the listed one")
    func relatedListedEntity() throws {
        let findings = Fixtures.findings(
            try context { $0.tier("mg-si") { $0.entity = "Hoshine Silicon Industry (Jiaxing) Co., Ltd" } }, "solar.listed-entity")
        #expect(findings.count == 1)
        #expect(findings.first?.details?["relation"] == "related")
        #expect(findings.first?.message.nl.contains("mogelijk een verbonden onderneming") == true)
        #expect(findings.first?.message.en.contains("possibly a related entity (parent, subsidiary or branch)") == true)
        // A doubled consonant does not take a listed producer off the list.
        let doubled = Fixtures.findings(
            try context { $0.tier("mg-si") { $0.entity = "Hoshinne Silicon Industry Co., Ltd" } }, "solar.listed-entity")
        #expect(doubled.count == 1)
        let listed = Fixtures.findings(
            try context { $0.tier("mg-si") { $0.entity = "Hoshine Silicon Industry Co., Ltd" } }, "solar.listed-entity")
        #expect(listed.first?.details?["relation"] == nil)
        #expect(listed.first?.message.nl.contains("verbonden onderneming") == false)
    }

    @Test("Only traceability and labour certificates count: ISO 9001 does not")
    func certificates() throws {
        let iso = try cellCertificate("ISO 9001:2015")
        #expect(iso.count == 1)
        #expect(iso.first?.message.en.contains("covers neither traceability nor labour conditions") == true)
        #expect(try cellCertificate("SSI ESG Gold").isEmpty)
        #expect(try cellCertificate("ssi traceability").isEmpty)
    }

    func volumes(polysiliconKg: Double, moduleWp: Double, wafers: Double, cells: Double) throws -> [Finding] {
        Fixtures.findings(
            try context { context in
                func set(_ tier: String, _ quantity: Double, _ unit: String) {
                    if let i = context.submission.supplyChain?.firstIndex(where: { $0.tier == tier }) {
                        context.submission.supplyChain?[i].quantity = quantity
                        context.submission.supplyChain?[i].unit = unit
                    }
                }
                set("polysilicon", polysiliconKg, "kg")
                set("module", moduleWp, "wp")
                set("wafer", wafers, "pcs")
                set("cell", cells, "pcs")
            }, "solar.implausible-volume")
    }

    @Test("Mass balance: an n-type module at 1.8 g/W and half-cut cells pass; 1.2 g/W and a third more cells do not")
    func massBalance() throws {
        #expect(try volumes(polysiliconKg: 18_000, moduleWp: 10_000_000, wafers: 1_000_000, cells: 1_000_000).isEmpty)
        #expect(try volumes(polysiliconKg: 18_000, moduleWp: 10_000_000, wafers: 1_000_000, cells: 2_000_000).isEmpty)
        #expect(try volumes(polysiliconKg: 12_000, moduleWp: 10_000_000, wafers: 1_000_000, cells: 1_000_000).count == 1)
        #expect(try volumes(polysiliconKg: 18_000, moduleWp: 10_000_000, wafers: 1_000_000, cells: 1_330_000).count == 1)
    }
}
