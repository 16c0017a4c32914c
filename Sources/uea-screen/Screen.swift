import ArgumentParser
import Basics
import DossierModel
import DossierStore
import ESPD
import Foundation
import Names
import Reports
import RuleData
import Screening

struct Screen: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "screen",
        abstract: "Screen bidders and write one screening dossier per bidder.",
        discussion: """
            PATH is a tender folder (tender.yaml + bidders/<one folder per bidder>), a bidder folder \
            (ESPD responses *.xml, optional bidder.yaml and supply-chain CSV) or a single ESPD response.
            Without --format a summary per bidder is printed; --format prints the dossiers themselves.
            Exit codes: 0 no blocker or attention findings, 1 findings that need a jurist, \
            2 input refused or unreadable, 64 usage error.

            Examples:
              uea-screen screen samples/zonnepark-lelystad                  # the sample tender, Dutch summary
              uea-screen screen samples/zonnepark-lelystad --lang en --out dossiers/
              uea-screen screen tender/bidders/3-sunrise-pv-trading          # one bidder, with the tender above it
              uea-screen screen submissions/ --each-file --jobs 2            # every XML a bidder of its own
              uea-screen screen tender/ --save --by "J. Jurist" --reason gunningsvoornemen
            """
    )

    enum Format: String, ArgumentChoice { case json, md, html, text }

    @Argument(help: "Tender folders, bidder folders or ESPD response files.")
    var paths: [String]

    @Option(help: "The tender file (YAML). Default: tender.yaml of a tender folder given as PATH.")
    var tender: String?

    @OptionGroup var ruleData: RuleDataOptions

    @Option(help: "Report templates folder. Default: ./templates, else the one next to the executable.")
    var templates: String?

    @Option(help: "Watchlist folder (see `watchlist import`). Default: watchlists/ next to the tender file, else ./watchlists")
    var watchlists: String?

    @Option(help: "Print the dossiers as json, md or html instead of the summary (text).")
    var format: Format?

    @Option(help: "Write <bidder>.dossier.json, .md and .html for every bidder into this folder (atomically).")
    var out: String?

    @Option(help: "Append every dossier (with its source files) to this dossier store.")
    var store: String?

    @Flag(help: "Append every dossier to the default store ($UEA_SCREEN_STORE, else ~/.local/share/uea-screen/store.sqlite).")
    var save = false

    @Option(help: "Who screened, recorded in the store. Default: $USER.")
    var by: String?

    @Option(help: "Why, recorded in the store (e.g. 'gunningsvoornemen').")
    var reason: String?

    @Option(
        help: "The ESPD schemas folder (default: schemas/espd of the installation); each ESPD is validated against its release's schemas.")
    var schemas: String?

    @Flag(
        help:
            "Do not validate the ESPD files against their schemas (for large batches: validation costs about 20 ms of CPU per MB, and 70–130 ms once per run to compile a release's schemas)."
    )
    var noSchemaValidation = false

    @Option(help: "Screen this many bidders at once. Default: the number of cores.")
    var jobs: Int?

    @Flag(help: "Treat every *.xml file in a folder as a bidder of its own (default: a folder of XML files is one bidder).")
    var eachFile = false

    @Option(help: "Language of the report and summary.")
    var lang: ReportLanguage = .nl

    @Option(help: "Colour in the summary: auto (on a terminal, unless NO_COLOR is set), always or never.")
    var color: TerminalStyle.ColorChoice = .auto

    @Flag(name: [.short, .long], help: "Print nothing but refusals (on standard error); the exit code gives the result.")
    var quiet = false

    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        if let schemas, !FileManager.default.fileExists(atPath: (schemas as NSString).appendingPathComponent("MANIFEST.tsv")) {
            throw ValidationError("--schemas \(schemas) is not an ESPD schemas folder (it has no MANIFEST.tsv)")
        }
    }

    func run() throws {
        try runCommand {
            let renderer = try reportRenderer()
            let job = try ScreeningJob.plan(paths: paths, tenderFile: tender, eachFile: eachFile)
            let watchlistStore = WatchlistLocation.resolve(watchlists, tenderFile: job.tenderFilePath).map { WatchlistStore(directory: $0) }
            if !quiet { for notice in job.notices { Diagnostics.report(notice) } }
            if job.bidderLocations.isEmpty { throw CommandFailure.refused("no bidders found in \(paths.joined(separator: ", "))") }
            try createOutputFolder()
            let style = TerminalStyle.forStandardOutput(language: lang, color: color)
            let output = ScreenOutput(
                format: format, style: style, quiet: quiet, total: job.bidderLocations.count,
                progress: !quiet && isatty(STDOUT_FILENO) != 0 && isatty(STDERR_FILENO) != 0, renderer: renderer)
            let keeping = Keeping(
                store: store != nil || save ? try StoreLocation.open(store ?? StoreLocation.defaultPath(), create: true) : nil,
                by: by ?? StoreOptions.user, reason: reason, out: out, renderer: renderer,
                names: out != nil ? Self.fileNames(job.bidderLocations) : [], language: lang)
            let batch = BatchScreening(job: job, validator: schemaValidator(), setup: Self.setup(ruleData, watchlistStore))
            // The tender's own dossier (procedure, thresholds, the duties on the tender documents), once.
            let tender = try batch.tenderDossier()
            if !quiet { for note in tender?.noticeNotes ?? [] { Diagnostics.report(DisplayText.oneLine("note: \(note)")) } }
            if let tenderDossier = tender?.dossier {
                if (format == nil || format == .text) && !quiet { print(style.render(tenderDossier)) }
                try output.writeTender(tenderDossier)
                try keeping.keep(tender: tenderDossier)
            }
            try batch.run(
                workers: jobs ?? ProcessInfo.processInfo.activeProcessorCount, process: keeping.keep,
                deliver: { _, outcome in output.deliver(outcome) })
            // Who stored, in the access log, and a signed checkpoint over what was stored.
            if let dossierStore = keeping.store { StoreOptions.log(dossierStore, "store", job.tender.id) }
            let refused = !output.finish().isEmpty
            if refused { throw CommandFailure.refusedAsReported }
            if output.needsJurist || tender?.dossier.needsJurist == true { throw CommandFailure.findings }
        }
    }

    /// Reports are rendered for --out and --format md/html only; a JSON or text run does not read
    /// (or need) the templates. Any error here is a refusal (exit 2, one line).
    func reportRenderer() throws -> ReportRenderer? {
        guard out != nil || format == .md || format == .html else { return nil }
        return try ReportRenderer(directory: TemplatesFolder.find(templates))
    }

    /// The output folder, private: the dossiers and reports may hold criminal-law data.
    func createOutputFolder() throws {
        guard let out else { return }
        do {
            try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw CommandFailure.refused("\(out): the output folder cannot be created (\(error.localizedDescription))")
        }
    }

    /// Formal validation (espd.schema-invalid): without the schemas it is off, and said so.
    func schemaValidator() -> ESPDSchemas.Validator? {
        let schemaDirectory = noSchemaValidation ? nil : schemas ?? ESPDSchemas.defaultDirectory()
        if noSchemaValidation {
            Diagnostics.report(
                "the ESPD files are not validated against their schemas (--no-schema-validation): espd.schema-invalid is off")
        } else if schemaDirectory == nil {
            Diagnostics.report("schemas/espd not found: the ESPD files are not validated against their schemas (pass --schemas DIR)")
        }
        return schemaDirectory.map { ESPDSchemas.Validator(directory: $0) }
    }

    /// Rule data (checklists/) and the sanctions index, built while the first bids are read: the
    /// imported lists through their persisted name index when it fits (`watchlist import` writes
    /// it), otherwise parsed and indexed for this run, with a line saying so.
    static func setup(
        _ ruleData: RuleDataOptions, _ watchlistStore: WatchlistStore?
    ) -> @Sendable () throws -> (RuleBook, SanctionsIndex) {
        {
            let ruleBook = try ruleData.load()
            let forcedLabour = try WatchlistParser.forcedLabourList(rules: ruleBook)
            guard let watchlistStore else { return (ruleBook, SanctionsIndex(lists: [forcedLabour], rules: ruleBook)) }
            let (index, notice) = try watchlistStore.sanctionsIndex(rules: ruleBook, extra: [forcedLabour])
            if let notice { Diagnostics.report("notice: \(notice)") }
            return (ruleBook, index)
        }
    }

    /// Where the dossiers go besides the terminal: the store (with the decisions that apply again)
    /// and the output folder (JSON and the reports).
    struct Keeping: Sendable {
        let store: (any DossierStore)?
        let by: String
        let reason: String?
        let out: String?
        let renderer: ReportRenderer?
        let names: [String]
        let language: ReportLanguage

        func keep(tender dossier: TenderDossier) throws {
            if let store {
                let entry = try store.appendTender(
                    dossier, json: Data(try JSONOutput.string(dossier).utf8), by: by, reason: reason, now: Date())
                Diagnostics.report("stored the tender dossier as \(entry.id) (entry \(entry.seq), hash \(entry.entryHash.prefix(16)))")
            }
            if let out {
                try AtomicFile.write(
                    Data((try JSONOutput.string(dossier) + "\n").utf8), to: (out as NSString).appendingPathComponent("tender.dossier.json"))
            }
        }

        func keep(_ index: Int, _ dossier: Dossier) throws {
            guard store != nil || out != nil else { return }
            let json = Data(try JSONOutput.string(dossier).utf8)
            if let store {
                let entry = try store.append(dossier, json: json, by: by, reason: reason, now: Date())
                Diagnostics.report("stored \(dossier.bidder.name) as \(entry.id) (entry \(entry.seq), hash \(entry.entryHash.prefix(16)))")
                // Decisions on earlier versions apply again where the evidence is the same.
                let decisions = try ReviewState.records(store: store, about: entry)
                if !decisions.isEmpty {
                    let review = ReviewedDossier(dossierID: entry.id, dossier: dossier, decisions: decisions)
                    let carried = (review.items + review.reviewItems).filter { $0.carried }.count
                    Diagnostics.report(
                        "\(dossier.bidder.name): \(carried) earlier decision(s) apply again; \(review.previousDecisions.count) on evidence that changed (those findings are open again); after review: \(review.outcomeAfter) (`uea-screen review \(entry.id.prefix(8))`)"
                    )
                }
            }
            guard let out, let renderer else { return }
            let base = (out as NSString).appendingPathComponent(names[index])
            try AtomicFile.write(json + [0x0A], to: base + ".dossier.json")
            try AtomicFile.write(Data(renderer.render(dossier, format: .md, language: language).utf8), to: base + ".md")
            try AtomicFile.write(Data(renderer.render(dossier, format: .html, language: language).utf8), to: base + ".html")
        }
    }

    /// One output name per bidder, from its folder or file name; repeated names get a number.
    static func fileNames(_ locations: [String]) -> [String] {
        var seen: [String: Int] = [:]
        return locations.map { location in
            let base = slug(URL(fileURLWithPath: location).deletingPathExtension().lastPathComponent)
            let count = (seen[base] ?? 0) + 1
            seen[base] = count
            return count == 1 ? base : "\(base)-\(count)"
        }
    }

    /// A file name from a bidder name: lower case letters, digits and dashes.
    static func slug(_ name: String) -> String {
        let folded = name.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil)
        let parts = folded.split(whereSeparator: { !$0.isLetter && !$0.isNumber })
        return parts.isEmpty ? "bidder" : parts.joined(separator: "-")
    }
}
