import Foundation
import ESPD
import Screening

/// Prints `screen` results as they arrive (in input order), a progress bar on a terminal, and
/// the closing summary. Called from one thread at a time (BatchScreening serialises delivery).
final class ScreenOutput: @unchecked Sendable {
    let format: Screen.Format?
    let language: ReportRenderer.Language
    let total: Int
    let progress: Bool
    private var dossiers: [Dossier] = []
    private var refused: [(String, String)] = []
    private var outcomes: [String: Int] = [:]

    init(format: Screen.Format?, language: ReportRenderer.Language, total: Int, progress: Bool) {
        self.format = format; self.language = language; self.total = total; self.progress = progress
    }

    func deliver(_ outcome: BatchScreening.Outcome) {
        switch outcome {
        case .screened(let dossier):
            outcomes[dossier.summary.outcome, default: 0] += 1
            if format == nil || format == .text {
                clearProgress()
                print(SummaryText.render(dossier, language: language))
                fflush(nil)  // stream each line, also into a pipe
            }
            // Only the dossier (a few kB) is kept, for --format json/md/html; the ESPD is gone.
            if format != nil && format != .text { dossiers.append(dossier) }
        case .refused(let location, let reason):
            clearProgress()
            refused.append((location, reason))
            Diagnostics.report("\(reason) (bidder skipped)")
        }
        drawProgress()
    }

    /// true when some dossier has blocker or attention findings.
    var needsJurist: Bool { (outcomes["blocker"] ?? 0) + (outcomes["attention"] ?? 0) > 0 }

    func finish() -> (dossiers: [Dossier], refused: [String]) {
        clearProgress()
        if (format == nil || format == .text) && total > 1 {
            let parts = ["clean", "attention", "blocker"].map { "\(outcomes[$0] ?? 0) \($0)" }
            print("\nscreened \(total - refused.count) of \(total) bidders: \(parts.joined(separator: ", "))" + (refused.isEmpty ? "" : "; refused \(refused.count):"))
            for (location, _) in refused { print("  " + DisplayText.oneLine(location)) }
        }
        return (dossiers, refused.map(\.0))
    }

    private var done: Int { outcomes.values.reduce(0, +) + refused.count }

    private func drawProgress() {
        guard progress, total > 1 else { return }
        let width = 30
        let filled = width * done / total
        FileHandle.standardError.write(Data("\r[\(String(repeating: "#", count: filled))\(String(repeating: ".", count: width - filled))] \(done)/\(total)".utf8))
    }

    private func clearProgress() {
        guard progress, total > 1 else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}
