import Basics
import DossierModel
import ESPD
import Foundation
import Reports
import Screening

/// Prints `screen` results as they arrive (in input order), a progress bar on a terminal, and
/// the closing summary. Called from one thread at a time (BatchScreening serialises delivery).
final class ScreenOutput: @unchecked Sendable {
    let format: Screen.Format?
    let language: ReportRenderer.Language
    let total: Int
    let progress: Bool
    let renderer: ReportRenderer?
    let style: TerminalStyle
    /// `--quiet`: no summary lines; refusals still on standard error, the exit code says the rest.
    let quiet: Bool
    /// Dossiers written so far in json, md or html: each is printed when it arrives and not kept,
    /// so memory does not grow with the batch.
    private var written = 0
    private var refused: [(String, String)] = []
    private var outcomes: [Outcome: Int] = [:]

    init(format: Screen.Format?, style: TerminalStyle, quiet: Bool, total: Int, progress: Bool, renderer: ReportRenderer?) {
        self.format = format
        self.language = style.language
        self.total = total
        self.progress = progress
        self.renderer = renderer
        self.style = style
        self.quiet = quiet
    }

    /// One dossier in the chosen document format: a JSON array (the same bytes as the array
    /// printed whole), Markdown reports between rules, or HTML pages one after another.
    private func write(_ dossier: Dossier) throws {
        var text: String
        switch format {
        case .json?:
            let element = try JSONOutput.string(dossier).split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }.joined(
                separator: "\n")
            text = (written == 0 ? "[\n" : ",\n") + element
        case .md?: text = (written == 0 ? "" : "\n\n---\n\n") + (renderer?.render(dossier, format: .md, language: language) ?? "")
        case .html?: text = (written == 0 ? "" : "\n") + (renderer?.render(dossier, format: .html, language: language) ?? "")
        default: return
        }
        clearProgress()
        FileHandle.standardOutput.write(Data(text.utf8))
        written += 1
    }

    /// The tender's own dossier as the first element of the JSON array (`"subject": "tender"`).
    func writeTender(_ tender: TenderDossier) throws {
        guard format == .json else { return }
        let element = try JSONOutput.string(tender).split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }.joined(
            separator: "\n")
        FileHandle.standardOutput.write(Data(((written == 0 ? "[\n" : ",\n") + element).utf8))
        written += 1
    }

    func deliver(_ outcome: BatchScreening.Outcome) {
        switch outcome {
        case .screened(let dossier):
            outcomes[dossier.summary.outcome, default: 0] += 1
            if (format == nil || format == .text) && !quiet {
                clearProgress()
                print(style.render(dossier))
                fflush(nil)  // stream each line, also into a pipe
            }
            do { try write(dossier) } catch {
                // Never a placeholder in the array: the bidder is reported as not screened.
                clearProgress()
                refused.append((dossier.espd.file, "the dossier cannot be written as JSON: \(error)"))
                Diagnostics.report("\(dossier.espd.file): the dossier cannot be written as JSON (\(error)) (bidder skipped)")
            }
        case .refused(let location, let reason):
            clearProgress()
            refused.append((location, reason))
            Diagnostics.report("\(reason) (bidder skipped)")
        }
        drawProgress()
    }

    /// true when some dossier has blocker or attention findings.
    var needsJurist: Bool { (outcomes[.blocker] ?? 0) + (outcomes[.attention] ?? 0) > 0 }

    func finish() -> [String] {
        clearProgress()
        switch format {
        case .json?: FileHandle.standardOutput.write(Data((written == 0 ? "[]\n" : "\n]\n").utf8))
        case .md?, .html?: if written > 0 { FileHandle.standardOutput.write(Data("\n".utf8)) }
        default: break
        }
        if (format == nil || format == .text) && total > 1 && !quiet {
            print("\n" + style.closing(screened: total - refused.count, total: total, outcomes: outcomes, refused: refused.count))
            for (location, _) in refused { print("  " + DisplayText.oneLine(location)) }
        }
        return refused.map(\.0)
    }

    private var done: Int { outcomes.values.reduce(0, +) + refused.count }

    private func drawProgress() {
        guard progress, total > 1 else { return }
        let width = 30
        let filled = width * done / total
        FileHandle.standardError.write(
            Data("\r[\(String(repeating: "#", count: filled))\(String(repeating: ".", count: width - filled))] \(done)/\(total)".utf8))
    }

    private func clearProgress() {
        guard progress, total > 1 else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}
