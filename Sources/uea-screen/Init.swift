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

    /// The tender's id from the folder's name (`aanbestedingen/PFL-2027-003` → `PFL-2027-003`), as
    /// YAML can hold it unquoted; a name that cannot be one gives the placeholder to replace.
    static func tenderID(_ directory: String) -> String {
        let name = PathText.lastComponent(PathText.normalised(directory))
        let usable =
            !name.isEmpty && name != "." && name != ".." && name != "/"
            && name.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "." } && name.first?.isLetter == true
        return usable ? name : "KENMERK-INVULLEN"
    }

    func run() throws {
        try runCommand {
            let tender = (directory as NSString).appendingPathComponent("tender.yaml")
            if FileManager.default.fileExists(atPath: tender) {
                throw CommandFailure.refused("\(tender): already exists; nothing was written")
            }
            do {
                let bidder = (directory as NSString).appendingPathComponent("bidders/example-bidder")
                try FileManager.default.createDirectory(atPath: bidder, withIntermediateDirectories: true)
                try AtomicFile.write(Data(Self.tenderTemplate(id: Self.tenderID(directory)).utf8), to: tender, mode: 0o644)
                try AtomicFile.write(
                    Data(Self.bidderTemplate.utf8), to: (bidder as NSString).appendingPathComponent("bidder.yaml"), mode: 0o644)
            } catch {
                throw CommandFailure.refused("\(directory): \(error)")
            }
            print(
                "created \(tender) and \(directory)/bidders/example-bidder/; fill in tender.yaml and put each bidder's ESPD (XML) in its own folder under bidders/"
            )
        }
    }

    /// The tender file to fill in, in Dutch (one language per file), with `id` from the folder's name.
    static func tenderTemplate(id: String) -> String {
        """
        # De aanbesteding (README, "Input files"). Elk veld is optioneel behalve id; een veld dat hier niet staat, wordt geweigerd.
        id: \(id)                 # het kenmerk van de provincie; de UEA's van de inschrijvers noemen het (ContractFolderID)
        # otherReferences: [TN-123456]   # andere kenmerken van deze aanbesteding (TenderNed)
        name: Naam van de aanbesteding
        authority:
          name: Provincie Flevoland
          kind: sub-central              # sub-central (provincie, gemeente, waterschap) of central
        type: werken                     # leveringen, diensten, werken, concessie, sociale-diensten
        estimatedValue: 1000000          # euro exclusief btw, inclusief opties en verlengingen; zonder scheidingstekens
        procedure: nationaal             # enkelvoudig-onderhands, meervoudig-onderhands, nationaal, europees
        launchDate: 2027-01-15           # datum van verzending van de aankondiging; bepaalt de Europese drempels
        submissionDeadline: 2027-03-01   # de peildatum voor de leeftijd van bewijsstukken en de uitsluitingstermijnen
        stage: preparation               # preparation (stukken nog niet gepubliceerd), submission, selection, award
        # intendedWinners: [map-van-inschrijver]        # bij gunning: alleen van hen worden bewijsstukken gevraagd
        # requested: [gva, kvkExtract, taxStatement, equivalentDocument]
        legalDepartmentConsulted: false  # heeft Juridische Zaken geadviseerd
        cpv: []                          # bijvoorbeeld [45261215-4, 09331200-0]
        optionalGrounds: []              # de aangekondigde facultatieve uitsluitingsgronden, C9 tot en met C24
        bibob: false                     # is een Bibob-toets aangekondigd
        contractConditions: []           # isv, due-diligence, sroi, biodiversity, bibob, supply-chain-transparency
        # knockOuts: [solar.xinjiang]    # dwangarbeidcontroles die de stukken tot knock-out hebben gemaakt
        # espdRequest: uea-verzoek.xml   # het UEA-verzoek waarop de inschrijvers antwoordden
        people: []                       # [{name, role, organisation, relatives: []}] wie voorbereidt of beoordeelt
        advisers: []                     # [{name, kvk, role}] bedrijven die over de aanbesteding adviseerden

        """
    }

    static let bidderTemplate = """
        # Wat deze inschrijver bij zijn UEA voegt (README, "Input files", Bidder folder). Zet de UEA (XML) naast dit bestand.
        # name: Voorbeeld B.V.
        # kvk: "12345678"
        # country: NL
        # gva: {issueDate: 2026-12-01}
        # kvkExtract: {date: 2027-02-01}
        # taxStatement: {date: 2027-02-01}
        # russiaDeclaration: {russianNationalOrEstablished: false, russianOwnershipOver50: false, actingOnBehalf: false, russianSubcontractorsOver10Percent: false}
        # subcontractors: [{name: Voorbeeld Onderaannemer B.V., country: NL, share: 15}]
        # supplyChain: supply-chain.csv

        """
}
