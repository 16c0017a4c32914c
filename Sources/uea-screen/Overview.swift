import ArgumentParser
import DossierModel
import DossierStore
import ESPD
import Foundation
import Reports
import RuleData
import Screening

struct Overview: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "overview",
        abstract:
            "One page per tender for the award advice: every bidder's outcome before and after review, open items, decisions, lists and rule data, the store's head hash, a signature block.",
        discussion: """
            Written from the store: the latest dossier of each bidder of the tender, with the decisions \
            recorded by `uea-screen review`. The HTML page prints cleanly to PDF from a browser (A4, the \
            tender and date on every page, page numbers). Files are written private (0600).

            Examples:
              uea-screen overview PFL-2026-017 --out advies/
              uea-screen overview PFL-2026-017 --format csv > overzicht.csv
              uea-screen overview aanbestedingen/PFL-2026-017 --out advies/   (the tender folder screened before)
            """)
    enum Format: String, ArgumentChoice { case html, md, csv, json }

    @OptionGroup var options: StoreOptions
    @OptionGroup var ruleData: RuleDataOptions
    @Argument(help: "The tender: its id, its folder (with tender.yaml) or its tender.yaml.") var tender: String
    @Option(help: "Write overview.html, overview.md and overview.csv into this folder.") var out: String?
    @Option(help: "Print one format to standard output: html, md, csv or json (default md).") var format: Format?
    @Option(help: "Language of the output.") var lang: ReportLanguage = .nl
    @Option(help: "Templates folder. Default: templates/ next to the executable.") var templates: String?

    func run() throws {
        try runCommand {
            let tender = try TenderFile.id(named: self.tender)
            let store = try options.open(create: false)
            let retention: RuleBook.RetentionRules
            do { retention = try ruleData.load().retention } catch { throw CommandFailure.refused("\(error)") }
            let overview = try TenderOverview.build(store: store, tender: tender, retentionYears: retention.yearsAfterAward)
            let language = lang
            StoreOptions.log(store, "overview", tender)
            if let out {
                try FileManager.default.createDirectory(
                    atPath: out, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
                let pages = try PageRenderer(directory: TemplatesFolder.find(templates))
                let html = pages.overview(overview, page: .overviewHTML, language: language)
                try AtomicFile.write(Data(html.utf8), to: PathText.child(out, "overview.html"))
                try AtomicFile.write(
                    Data(pages.overview(overview, page: .overviewMarkdown, language: language).utf8), to: PathText.child(out, "overview.md")
                )
                try AtomicFile.write(Data(PageRenderer.csv(overview).utf8), to: PathText.child(out, "overview.csv"))
                print(
                    "overview of \(overview.rows.count) bidders written to \(out) (overview.html, overview.md, overview.csv); store head \(overview.storeHead)"
                )
                if format == nil { return }
            }
            switch format ?? .md {
            case .html:
                let pages = try PageRenderer(directory: TemplatesFolder.find(templates))
                print(pages.overview(overview, page: .overviewHTML, language: language), terminator: "")
            case .md:
                let pages = try PageRenderer(directory: TemplatesFolder.find(templates))
                print(pages.overview(overview, page: .overviewMarkdown, language: language), terminator: "")
            case .csv: print(PageRenderer.csv(overview), terminator: "")
            case .json: print(try JSONOutput.string(overview))
            }
        }
    }
}
