import Basics
import DossierModel
import ESPD
import Foundation
import Reports

/// How the summary of `screen` and `dossier show` is written on a terminal: the status words in
/// the summary's language, colour where the terminal takes it, and long lines wrapped at word
/// boundaries with a hanging indent. Into a pipe or a file every finding stays one line.
struct TerminalStyle: Sendable {
    var language: ReportLanguage
    var color: Bool
    /// Columns to wrap at; nil: no wrapping (a pipe or a file).
    var width: Int?

    /// `--color` as the user gave it: auto (a terminal, without NO_COLOR and not TERM=dumb), always or never.
    enum ColorChoice: String, ArgumentChoice { case auto, always, never }

    static func forStandardOutput(language: ReportLanguage, color: ColorChoice = .auto) -> TerminalStyle {
        let terminal = isatty(STDOUT_FILENO) != 0
        let environment = ProcessInfo.processInfo.environment
        let colour: Bool
        switch color {
        case .always: colour = true
        case .never: colour = false
        case .auto: colour = terminal && (environment["NO_COLOR"] ?? "").isEmpty && environment["TERM"] != "dumb"
        }
        return TerminalStyle(language: language, color: colour, width: terminal ? columns() : nil)
    }

    /// The terminal's width (TIOCGWINSZ), else $COLUMNS, else 80.
    static func columns() -> Int {
        var size = winsize()
        if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col >= 40 { return Int(size.ws_col) }
        if let text = ProcessInfo.processInfo.environment["COLUMNS"], let value = Int(text), value >= 40 { return value }
        return 80
    }

    /// A severity or outcome word as the summary prints it.
    func word(_ key: String) -> String {
        let dutch = [
            "blocker": "blokkerend", "attention": "aandacht", "info": "informatie", "clean": "in orde", "excluded": "uitgesloten",
            "purged": "verwijderd",
        ]
        return language == .nl ? dutch[key] ?? key : key
    }

    func painted(_ text: String, _ key: String) -> String {
        guard color else { return text }
        let code = ["blocker": "1;31", "attention": "33", "clean": "32"][key] ?? "1"
        return "\u{1B}[\(code)m\(text)\u{1B}[0m"
    }

    /// The first column: an outcome in capitals, padded so that names line up.
    func status(_ key: String) -> String {
        let text = word(key).uppercased()
        return painted(text, key) + String(repeating: " ", count: max(1, 12 - text.count))
    }

    /// One summary line, wrapped at word boundaries to `width` with `indent` spaces on the lines
    /// after the first; names and messages come from bidders' files, so escape sequences are shown,
    /// never run (`DisplayText.oneLine`) before any colour is added.
    func wrapped(_ line: String, indent: Int) -> String {
        guard let width else { return line }
        var lines: [String] = []
        var current = ""
        var currentWidth = 0
        var pendingSpaces = ""
        for word in line.split(separator: " ", omittingEmptySubsequences: false) {
            if word.isEmpty {
                pendingSpaces += " "
                continue
            }
            let visible = Self.visibleWidth(word)
            if currentWidth > indent && currentWidth + pendingSpaces.count + visible > width {
                lines.append(current)
                current = String(repeating: " ", count: indent) + word
                currentWidth = indent + visible
            } else {
                current += pendingSpaces + word
                currentWidth += pendingSpaces.count + visible
            }
            pendingSpaces = " "
        }
        lines.append(current)
        return lines.joined(separator: "\n")
    }

    /// Columns a word takes: escape sequences (colour) take none.
    static func visibleWidth(_ word: Substring) -> Int {
        var count = 0
        var inEscape = false
        for scalar in word.unicodeScalars {
            if inEscape {
                if scalar == "m" { inEscape = false }
            } else if scalar == "\u{1B}" {
                inEscape = true
            } else {
                count += 1
            }
        }
        return count
    }

    func findingLines(_ findings: [Finding]) -> [String] {
        findings.filter { $0.severity != .info }.map { f in
            let location = f.evidence.first.map { " [\($0.file)\($0.line.map { ":\($0)" } ?? "")]" } ?? ""
            let severity = word(f.severity.rawValue)
            let text = DisplayText.oneLine("\(f.check): \(language == .nl ? f.message.nl : f.message.en)\(location)")
            return wrapped(
                "  " + painted(severity, f.severity.rawValue) + String(repeating: " ", count: max(1, 11 - severity.count)) + text, indent: 4
            )
        }
    }

    func counts(_ blocker: Int, _ attention: Int, _ info: Int) -> String {
        "\(word("blocker")) \(blocker), \(word("attention")) \(attention), \(word("info")) \(info)"
    }

    /// The tender's summary line printed before the bidders', with its findings that need a jurist.
    func render(_ d: TenderDossier) -> String {
        let s = d.summary
        let name = DisplayText.oneLine([d.tender.id, d.tender.name].compactMap { $0 }.joined(separator: " "))
        let file = d.sources.first { $0.role == "tender" }.map { "  (\(DisplayText.oneLine($0.path)))" } ?? ""
        let label = language == .nl ? "AANBESTEDING" : "TENDER"
        let head =
            painted(label, s.outcome.rawValue) + String(repeating: " ", count: max(1, 13 - label.count))
            + "\(name.isEmpty ? "(-)" : name)  —  \(word(s.outcome.rawValue)): \(counts(s.blocker, s.attention, s.info))\(file)"
        return ([wrapped(head, indent: 4)] + findingLines(d.findings)).joined(separator: "\n")
    }

    /// The per-bidder summary.
    func render(_ d: Dossier) -> String {
        let s = d.summary
        let head =
            status(s.outcome.rawValue)
            + DisplayText.oneLine(
                "\(d.bidder.name)  —  \(counts(s.blocker, s.attention, s.info))  (\(d.espd.file), ESPD \(d.espd.generation))")
        return ([wrapped(head, indent: 4)] + findingLines(d.findings)).joined(separator: "\n")
    }

    /// The closing line of a batch.
    func closing(screened: Int, total: Int, outcomes: [Outcome: Int], refused: Int) -> String {
        let parts = [Outcome.clean, .attention, .blocker].map { "\(outcomes[$0] ?? 0) \(word($0.rawValue))" }.joined(separator: ", ")
        if language == .nl {
            return "\(screened) van \(total) inschrijvers gescreend: \(parts)" + (refused == 0 ? "" : "; niet gescreend \(refused):")
        }
        return "screened \(screened) of \(total) bidders: \(parts)" + (refused == 0 ? "" : "; refused \(refused):")
    }
}
