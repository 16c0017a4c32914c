import Basics
import DossierModel
import ESPD

/// In a tender divided into lots (`lots:` in tender.yaml), which lots a bid is for decides the CPV
/// codes and the solar scope it is screened under. The authority's record (`lots` in bidder.yaml,
/// from TenderNed) decides; the ESPD's list (`ProcurementProjectLot`) is the bidder's and is
/// compared with it, never trusted alone. A lot that is none of the tender's, on either side, or an
/// ESPD naming other lots than the bid was registered for, is reported: the bid is then screened
/// under the whole tender's scope (the registered lots when they are all known).
struct LotMismatchCheck: Check {
    let id = "espd.lot-mismatch"
    let severity = Severity.attention
    let legalBasis = "Aw 2012 art. 2.84; Implementing Reg. (EU) 2016/7, Annex 2"
    let summary = "The lots of the bid: a lot that is none of the tender's, or an ESPD naming other lots than the bid was registered for"
    let nationalLegalBasis: String? = LegalRegime.applying("Aw 2012 art. 2.84")
    let dataFiles: [String] = []
    let dutchSummary =
        "De percelen van de inschrijving: een perceel dat de aanbesteding niet heeft, of een UEA dat andere percelen noemt dan waarvoor de inschrijving is geregistreerd"
    let dutchLegalEffect =
        "aandacht: een jurist stelt vast voor welke percelen de inschrijving geldt; tot dan wordt zij gescreend onder de CPV-codes van de hele aanbesteding (of van de geregistreerde percelen als die alle bestaan)"
    let legalEffect =
        "attention: a jurist establishes which lots the bid is for; until then it is screened under the CPV codes of the whole tender (or of the registered lots when they all exist)"

    func run(_ context: ScreeningContext) -> [Finding] {
        guard let lots = context.bidLots else { return [] }
        var findings: [Finding] = []
        let tenderLots = context.tender.lots.map(\.id).joined(separator: ", ")
        if !lots.registeredUnknown.isEmpty {
            let named = lots.registeredUnknown.map { "'\(DisplayText.oneLine($0))'" }.joined(separator: ", ")
            findings.append(
                finding(
                    nl:
                        "Het inschrijversbestand registreert de inschrijving voor \(lots.registeredUnknown.count == 1 ? "perceel" : "percelen") \(named), maar de aanbesteding heeft alleen de percelen \(tenderLots). De inschrijving is gescreend onder de CPV-codes van de hele aanbesteding; leg de juiste percelen vast.",
                    en:
                        "The bidder file registers the bid for \(lots.registeredUnknown.count == 1 ? "lot" : "lots") \(named), but the tender has only the lots \(tenderLots). The bid was screened under the CPV codes of the whole tender; record the right lots.",
                    evidence: [context.submission.bidderPointer("lots", excerpt: lots.registeredUnknown.joined(separator: ", "))]))
        }
        if !lots.declaredUnknown.isEmpty {
            let named = lots.declaredUnknown.map { "'\(DisplayText.oneLine($0))'" }.joined(separator: ", ")
            findings.append(
                finding(
                    nl:
                        "Het UEA noemt \(lots.declaredUnknown.count == 1 ? "perceel" : "percelen") \(named), dat de aanbesteding niet heeft (de aanbesteding heeft de percelen \(tenderLots)). Ga na voor welke percelen de inschrijver heeft ingeschreven.",
                    en:
                        "The ESPD names \(lots.declaredUnknown.count == 1 ? "lot" : "lots") \(named), which the tender does not have (the tender has the lots \(tenderLots)). Check which lots the bidder tendered for.",
                    evidence: [Self.pointer(context, excerpt: lots.declaredUnknown.joined(separator: ", "))]))
        }
        if lots.recorded, !lots.declared.isEmpty, Set(lots.declared.map(\.id)) != Set(lots.registered.map(\.id)) {
            let declared = lots.declared.map(\.id).joined(separator: ", ")
            let registered = lots.registered.map(\.id).joined(separator: ", ")
            findings.append(
                finding(
                    nl:
                        "Het UEA noemt \(lots.declared.count == 1 ? "perceel" : "de percelen") \(declared), maar de inschrijving is geregistreerd voor \(registered.isEmpty ? "geen enkel perceel van de aanbesteding" : (lots.registered.count == 1 ? "perceel " : "de percelen ") + registered). De screening volgt de registratie; ga na of het UEA voor deze inschrijving is ingevuld.",
                    en:
                        "The ESPD names \(lots.declared.count == 1 ? "lot" : "the lots") \(declared), but the bid is registered for \(registered.isEmpty ? "no lot of the tender" : (lots.registered.count == 1 ? "lot " : "the lots ") + registered). The screening follows the registration; check whether the ESPD was filled in for this bid.",
                    evidence: [
                        Self.pointer(context, excerpt: declared),
                        context.submission.bidderPointer("lots", excerpt: lots.registered.map(\.id).joined(separator: ", ")),
                    ]))
        }
        return findings
    }

    static func pointer(_ context: ScreeningContext, excerpt: String) -> EvidencePointer {
        EvidencePointer(file: context.espd.source, path: "ProcurementProjectLot", excerpt: excerpt)
    }

    var examples: CheckExamples {
        let lots = [
            TenderContext.Lot(id: "LOT-0001", name: "Zonnepanelen", cpv: ["09331200-0"], solar: true),
            TenderContext.Lot(id: "LOT-0002", name: "Grondwerk", cpv: ["45112000-5"]),
        ]
        return CheckExamples(
            triggering: [
                .fires("bidder.yaml registers a lot the tender does not have", at: "bidder.yaml:lots") { context in
                    context.tender.lots = lots
                    context.submission.bidder.lots = ["LOT-0003"]
                },
                .fires("the ESPD names a lot the tender does not have", at: "uea.xml:ProcurementProjectLot") { context in
                    context.tender.lots = lots
                    context.submission.espd.procurement.lots = ["Lot7"]
                },
                .fires("the ESPD names the non-PV lot, the bid is registered for the PV lot", at: "uea.xml:ProcurementProjectLot") {
                    context in
                    context.tender.lots = lots
                    context.submission.bidder.lots = ["LOT-0001"]
                    context.submission.espd.procurement.lots = ["LOT-0002"]
                },
            ],
            nonTriggering: [
                .quiet("the ESPD names the registered lot in another spelling") { context in
                    context.tender.lots = lots
                    context.submission.bidder.lots = ["LOT-0002"]
                    context.submission.espd.procurement.lots = ["Lot2"]
                },
                .quiet("the ESPD says the tender is not divided into lots (LOT-0000), no registration") { context in
                    context.tender.lots = lots
                    context.submission.espd.procurement.lots = ["LOT-0000"]
                },
                .quiet("a tender without lots, an ESPD naming one") { context in
                    context.submission.espd.procurement.lots = ["LOT-0001"]
                },
            ])
    }
}
