import ArgumentParser
import DossierModel
import DossierStore
import ESPD
import Foundation
import Reports
import Screening

struct DossierShow: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Print a stored dossier exactly as stored (json), its summary (text) or its report (md, html).")
    @OptionGroup var options: StoreOptions
    @Argument(help: "Dossier id (or a unique prefix of at least 8 characters).") var id: String
    @Option(help: "json (as stored), text (the summary), md or html.") var format: Screen.Format = .json
    @Option(help: "Report language.") var lang: ReportLanguage = .nl
    @Option(help: "Report templates folder.") var templates: String?

    func validate() throws {
    }

    func run() throws {
        try runCommand {
            let store = try options.open(create: false)
            guard let (entry, stored) = try store.content(id: id) else {
                throw CommandFailure.refused("no dossier with id \(id) in \(options.location)")
            }
            guard entry.kind == .dossier || entry.kind == .tender else {
                throw CommandFailure.refused(
                    "\(entry.id) is a \(entry.kind) entry about dossier \(entry.subject ?? "?"); show that dossier")
            }
            guard let content = stored else {
                throw CommandFailure.refused(
                    "dossier \(entry.id) was purged under the retention rule; its tombstone keeps hash \(entry.contentSHA256)")
            }
            StoreOptions.log(store, "show", entry.id)
            let language = lang
            if entry.kind == .tender {
                // The tender's own dossier: as stored, or its summary line and findings.
                switch format {
                case .json: FileHandle.standardOutput.write(content)
                case .text:
                    print(
                        TerminalStyle.forStandardOutput(language: language).render(
                            try JSONDecoder().decode(TenderDossier.self, from: content)))
                case .md, .html:
                    throw CommandFailure.usage("a tender dossier is shown as json or text; its findings are in `uea-screen overview`")
                }
                return
            }
            switch format {
            case .json: FileHandle.standardOutput.write(content)
            case .text:
                // The summary `screen` prints, from the dossier as stored.
                print(TerminalStyle.forStandardOutput(language: language).render(try JSONDecoder().decode(Dossier.self, from: content)))
            case .md, .html:
                let dossier = try JSONDecoder().decode(Dossier.self, from: content)
                print(
                    try ReportRenderer(directory: TemplatesFolder.find(templates)).render(
                        dossier, format: format == .md ? .md : .html, language: language))
            }
        }
    }
}
