import ArgumentParser
import DossierModel
import EForms
import Foundation
import RuleData
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
            From the published eForms notice (TenderNed, TED), every value with its BT field and line:
              uea-screen init aanbestedingen/PFL-2027-003 --notice aankondiging.xml
              uea-screen init aanbestedingen/PFL-2027-003 --notice aankondiging.xml --set estimatedValue=250000
            A notice without a value the screening needs (no estimated value in euro, say) writes
            nothing and lists each missing key; give it with --set. The notice is copied into the
            folder as notice.xml; `uea-screen tender check DIR` compares tender.yaml with it later.
            Nothing that exists is overwritten (exit 2 when tender.yaml is already there).
            """)

    @Argument(help: "The tender folder to create.")
    var directory: String

    @Option(help: "The tender's eForms contract or award notice (XML): tender.yaml is written from it.")
    var notice: String?

    @Option(
        name: .customLong("set"),
        help:
            "KEY=VALUE for a value the notice leaves open (id, type, estimatedValue, procedure, launchDate, submissionDeadline, authority.kind, name, authority.name); repeatable."
    )
    var values: [String] = []

    @OptionGroup var ruleData: RuleDataOptions

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
            if notice == nil, !values.isEmpty { throw CommandFailure.usage("--set gives values the notice leaves open; it needs --notice") }
            let fromNotice = try notice.map { try Self.fromNotice($0, directory: directory, values: values, rules: ruleData) }
            do {
                let bidder = (directory as NSString).appendingPathComponent("bidders/example-bidder")
                try FileManager.default.createDirectory(atPath: bidder, withIntermediateDirectories: true)
                if let fromNotice, let copy = fromNotice.copy {
                    try AtomicFile.write(copy, to: PathText.child(directory, NoticeFromInit.copiedName), mode: 0o644)
                }
                try AtomicFile.write(
                    Data((fromNotice?.text ?? Self.tenderTemplate(id: Self.tenderID(directory))).utf8), to: tender, mode: 0o644)
                try AtomicFile.write(
                    Data(Self.bidderTemplate.utf8), to: (bidder as NSString).appendingPathComponent("bidder.yaml"), mode: 0o644)
            } catch {
                throw CommandFailure.refused("\(directory): \(error)")
            }
            for note in fromNotice?.notes ?? [] { Diagnostics.report("note: \(note)") }
            print(
                fromNotice == nil
                    ? "created \(tender) and \(directory)/bidders/example-bidder/; fill in tender.yaml and put each bidder's ESPD (XML) in its own folder under bidders/"
                    : "created \(tender) from the notice and \(directory)/bidders/example-bidder/; check the values against the notice, add what it does not say, and put each bidder's ESPD (XML) in its own folder under bidders/"
            )
        }
    }

    /// What `--notice` writes: the tender file's text, the notice's bytes when it is copied into
    /// the folder, and the notes for the user. Refuses (nothing written) a notice that cannot be
    /// read, one without a value the screening needs (each missing key on its own line), and a
    /// copy that would overwrite another notice.
    static func fromNotice(_ path: String, directory: String, values: [String], rules: RuleDataOptions) throws -> NoticeFromInit {
        let overrides = try values.map(NoticeTender.Override.init(parsing:))
        let book = try rules.load()
        let notice = try NoticeReader(dictionary: book.eforms, dictionaryPath: book.displayPath("eforms.yaml")).read(path: path)
        let facts = try NoticeTender.read(notice, dictionary: book.eforms)
        let missing = facts.missingKeys(after: overrides)
        if !missing.isEmpty {
            for entry in missing {
                Diagnostics.report("\(path):\(notice.rootLine): \(entry.key): \(entry.why); give it with --set \(entry.key)=VALUE")
            }
            for note in facts.notes { Diagnostics.report("note: \(note)") }
            throw CommandFailure.refused(
                "\(path): \(missing.count) value(s) the screening needs are not in the notice; nothing was written")
        }
        // The notice goes with the tender: referred to where it lies in the folder, else copied in.
        let folder = PathText.normalised(directory)
        let normalised = PathText.normalised(path)
        var relative = NoticeFromInit.copiedName
        var copy: Data?
        if normalised.hasPrefix(folder + "/"), !normalised.dropFirst(folder.count + 1).split(separator: "/").contains("..") {
            relative = String(normalised.dropFirst(folder.count + 1))
        } else {
            guard let bytes = FileManager.default.contents(atPath: path) else { throw CommandFailure.refused("\(path): cannot be read") }
            let target = PathText.child(directory, relative)
            if let existing = FileManager.default.contents(atPath: target), existing != bytes {
                throw CommandFailure.refused("\(target): another notice is already there; nothing was written")
            }
            copy = bytes
        }
        let text = facts.tenderFile(noticeFile: relative, overrides: overrides)
        // What is written must read back as a tender file (a value from the notice that YAML or the
        // tender file refuses stops here, before anything is written).
        do {
            _ = try YAMLFile.decode(TenderContext.self, text: text, path: PathText.child(directory, TenderFile.name))
        } catch {
            throw CommandFailure.refused("\(path): the tender file written from it would not read back: \(error)")
        }
        return NoticeFromInit(text: text, copy: copy, notes: facts.notes)
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
        # team: [ajurist, jbakker]       # de accounts die over deze aanbesteding beslissen (uea-screen team)

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
        # lots: [LOT-0001]                # de percelen waarvoor de inschrijving is ingediend (TenderNed), als de aanbesteding percelen heeft

        """
}

/// The result of `init --notice` before anything is written.
struct NoticeFromInit {
    static let copiedName = "notice.xml"
    var text: String
    var copy: Data?
    var notes: [String]
}
