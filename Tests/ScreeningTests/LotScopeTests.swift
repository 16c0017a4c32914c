import DossierModel
import ESPD
import TestSupport
import Testing

@testable import Screening

/// A tender divided into lots: a bid is screened under the CPV codes and the solar scope of the lots
/// it was registered for (`lots` in bidder.yaml, the authority's record), never narrowed by the ESPD
/// the bidder wrote (issue 32).
@Suite("Solar and MVO scope per lot")
struct LotScopeTests {
    static let lots = [
        TenderContext.Lot(id: "LOT-0001", name: "Zonnepanelen", cpv: ["09331200-0"]),
        TenderContext.Lot(id: "LOT-0002", name: "Grondwerk", cpv: ["45112000-5"]),
    ]

    /// The sample's clean bidder in the sample tender divided into the two lots, without a supply-chain
    /// declaration: `solar.declaration-missing` says whether the bid was screened as a PV bid.
    func context(registered: [String]?, declared: [String] = [], lots: [TenderContext.Lot] = Self.lots) throws -> ScreeningContext {
        var context = try Fixtures.cleanContext()
        context.tender.cpv = []
        context.tender.solar = nil
        context.tender.lots = lots
        context.submission.bidder.lots = registered
        context.submission.bidder.supplyChain = nil
        context.submission.supplyChain = nil
        context.submission.espd.procurement.lots = declared
        return context
    }

    func screenedAsPV(_ context: ScreeningContext) -> Bool { !Fixtures.findings(context, "solar.declaration-missing").isEmpty }

    @Test("A bid registered for the groundworks lot only is not a PV bid; one for the PV lot is")
    func registeredLots() throws {
        let groundworks = try context(registered: ["LOT-0002"])
        #expect(!screenedAsPV(groundworks))
        #expect(groundworks.cpvCodes == ["45112000-5"])
        let dossier = Screener().dossier(groundworks)
        #expect(dossier.tender.lots == ["LOT-0002"])
        #expect(dossier.tender.cpv == ["45112000-5"])
        #expect(try screenedAsPV(context(registered: ["LOT-0001"])))
        #expect(try screenedAsPV(context(registered: ["lot 2", "Lot1"])))
    }

    @Test("The ESPD's own list of lots never narrows the scope: the whole tender's applies, and a mismatch is reported")
    func declaredOnly() throws {
        let declared = try context(registered: nil, declared: ["LOT-0002"])
        #expect(screenedAsPV(declared))
        #expect(Set(declared.cpvCodes) == ["09331200-0", "45112000-5"])
        #expect(Screener().dossier(declared).tender.lots == nil)
        // Registered for the PV lot, the ESPD says groundworks: PV scope, and the jurist is told.
        let contradicted = try context(registered: ["LOT-0001"], declared: ["LOT-0002"])
        #expect(screenedAsPV(contradicted))
        #expect(Fixtures.findings(contradicted, "espd.lot-mismatch").count == 1)
    }

    @Test("A registered lot the tender does not have: the whole tender's scope, and a finding at bidder.yaml")
    func unknownRegisteredLot() throws {
        let context = try context(registered: ["LOT-0002", "LOT-0009"])
        #expect(screenedAsPV(context))
        let findings = Fixtures.findings(context, "espd.lot-mismatch")
        #expect(findings.count == 1)
        #expect(findings.first?.evidence.first?.path == "lots")
        #expect(findings.first?.message.nl.contains("'LOT-0009'") == true)
    }

    @Test("A lot marked solar: true or false decides over its CPV codes; a lot without codes falls back to the whole tender")
    func lotFlags() throws {
        var marked = Self.lots
        marked[1].solar = true
        #expect(try screenedAsPV(context(registered: ["LOT-0002"], lots: marked)))
        marked[0].solar = false
        marked[1].solar = nil
        #expect(try !screenedAsPV(context(registered: ["LOT-0001"], lots: marked)))
        var uncoded = Self.lots
        uncoded[1].cpv = []
        let fallback = try context(registered: ["LOT-0002"], lots: uncoded)
        #expect(fallback.cpvCodes == ["09331200-0"])
        #expect(screenedAsPV(fallback))
    }

    @Test("The MVO risk sectors follow the registered lots; the tender's own duties look at every lot")
    func riskSectorsPerLot() throws {
        let lots = [
            TenderContext.Lot(id: "LOT-0001", cpv: ["09331200-0"]),
            TenderContext.Lot(id: "LOT-0002", cpv: ["79411000-8"]),
        ]
        let pv = Fixtures.findings(try context(registered: ["LOT-0001"], lots: lots), "mvo.risk-sector")
        let advice = Fixtures.findings(try context(registered: ["LOT-0002"], lots: lots), "mvo.risk-sector")
        #expect(!pv.isEmpty)
        #expect(advice.isEmpty)
        // The tender's own dossier (no bid, so no registered lots) asks for the PV lot's conditions.
        var tender = try context(registered: nil, lots: lots)
        tender.tender.contractConditions = []
        #expect(Fixtures.findings(tender, "tender.solar-conditions").count == 1)
        tender.tender.lots = [lots[1]]
        #expect(Fixtures.findings(tender, "tender.solar-conditions").isEmpty)
    }
}
