import ArgumentParser
import DossierModel
import Foundation
import Screening

/// `uea-screen init TENDER_DIR`: a tender folder to fill in: a commented tender.yaml and an
/// example bidder folder, so a new user starts from the fields the screening reads.
struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create a tender folder: a commented tender.yaml and a bidders/ folder to put the submissions in.",
        discussion: """
        Examples:
          uea-screen init aanbestedingen/PFL-2027-003
          # put each bidder's UEA (XML) and bidder.yaml in bidders/<bidder>/, then:
          uea-screen screen aanbestedingen/PFL-2027-003 --out dossiers/
        Nothing that exists is overwritten (exit 2 when tender.yaml is already there).
        """)

    @Argument(help: "The tender folder to create.")
    var directory: String

    func run() throws {
        try runCommand {
            let tender = (directory as NSString).appendingPathComponent("tender.yaml")
            if FileManager.default.fileExists(atPath: tender) {
                Diagnostics.report("\(tender): already exists; nothing was written")
                throw ExitCode(2)
            }
            do {
                let bidder = (directory as NSString).appendingPathComponent("bidders/example-bidder")
                try FileManager.default.createDirectory(atPath: bidder, withIntermediateDirectories: true)
                try AtomicFile.write(Data(Self.tenderTemplate.utf8), to: tender, mode: 0o644)
                try AtomicFile.write(Data(Self.bidderTemplate.utf8), to: (bidder as NSString).appendingPathComponent("bidder.yaml"), mode: 0o644)
            } catch {
                Diagnostics.report("\(directory): \(error)")
                throw ExitCode(2)
            }
            print("created \(tender) and \(directory)/bidders/example-bidder/; fill in tender.yaml and put each bidder's ESPD (XML) in its own folder under bidders/")
        }
    }

    static let tenderTemplate = """
    # The tender (README: "Tender file"). Every field is optional; a field not listed here is refused.
    id: PFL-2027-000                 # the province's reference; the bidders' ESPDs name it (ContractFolderID)
    # otherReferences: [TN-123456]   # other references of this tender (TenderNed)
    name: Naam van de aanbesteding
    authority:
      name: Provincie Flevoland
      kind: sub-central              # sub-central (provincie, gemeente, waterschap) or central
    type: werken                     # leveringen, diensten, werken, concessie, sociale-diensten
    estimatedValue: 1000000          # euro excl. btw, incl. opties en verlengingen; no thousands separators
    procedure: nationaal             # enkelvoudig-onderhands, meervoudig-onderhands, nationaal, europees
    launchDate: 2027-01-15           # selects the EU thresholds
    submissionDeadline: 2027-03-01   # the reference date (peildatum) for evidence ages and exclusion windows
    stage: preparation               # preparation (documents not yet published), submission, selection, award
    # intendedWinners: [bidder-folder]              # at award: evidence is demanded from them only
    # requested: [gva, kvkExtract, taxStatement, equivalentDocument]
    legalDepartmentConsulted: false
    cpv: []                          # e.g. [45261215-4, 09331200-0]
    optionalGrounds: []              # the optional exclusion grounds announced, C9–C24
    bibob: false
    contractConditions: []           # isv, due-diligence, sroi, biodiversity, bibob, supply-chain-transparency
    # knockOuts: [solar.xinjiang]    # forced-labour checks the documents made a knock-out
    # espdRequest: espd-request.xml  # the UEA request the bidders answered
    people: []                       # [{name, role, organisation, relatives: []}] who prepare or evaluate
    advisers: []                     # [{name, kvk, role}] companies that advised on the tender

    """

    static let bidderTemplate = """
    # What this bidder adds to its ESPD (README: "Bidder folder"). Put its UEA (XML) next to this file.
    # name: Example B.V.
    # kvk: "12345678"
    # country: NL
    # gva: {issueDate: 2026-12-01}
    # kvkExtract: {date: 2027-02-01}
    # taxStatement: {date: 2027-02-01}
    # russiaDeclaration: {russianNationalOrEstablished: false, russianOwnershipOver50: false, actingOnBehalf: false, russianSubcontractorsOver10Percent: false}
    # subcontractors: [{name: Example Sub B.V., country: NL, share: 15}]
    # supplyChain: supply-chain.csv

    """
}
