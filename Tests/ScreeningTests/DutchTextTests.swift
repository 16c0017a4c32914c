import Foundation
import Testing

@testable import Screening

/// Every message every check gives on its own triggering examples, read as a lawyer files it
/// (issue 30): Dutch dates, no English word in a Dutch sentence, a count that agrees with its noun.
@Suite("Dutch text of every check's messages")
struct DutchTextTests {
    /// Words that are English and never Dutch (is, in, of, op and score are both; names such as
    /// "BIS Entity List" stand in quotes or are cut out with them).
    static let english: Set<String> = [
        "the", "and", "with", "for", "to", "bidder", "tender", "ground", "grounds", "missing", "relative",
        "subcontractor", "declared", "answer", "question", "resembles", "evidence", "found", "none", "yes",
        "no", "true", "false", "not", "this", "that", "which", "has", "have", "was", "were", "are", "from",
        "by", "breaching", "obligations", "fields", "involvement", "preparation", "participation", "announced",
        "required", "settled", "claimed", "member", "role", "date", "tier", "supply", "chain", "share", "entity",
        "polysilicon", "ingot", "cell", "employees", "entries", "unknown", "within", "outside",
    ]

    /// The Dutch text without what is quoted from a file or a list (names, excerpts, codes).
    static func ownWords(_ text: String) -> String {
        var stripped = text
        for pattern in ["`[^`]*`", "'[^']*'", "‘[^’]*’", "“[^”]*”", "\"[^\"]*\"", #"\S+\.(yaml|csv|xml|json|txt)\b"#] {
            stripped = stripped.replacingOccurrences(of: pattern, with: " ", options: .regularExpression)
        }
        return stripped
    }

    static func messages() throws -> [(check: String, example: String, nl: String)] {
        var out: [(String, String, String)] = []
        for check in CheckRegistry.all {
            for example in check.examples.triggering {
                var context = try Fixtures.cleanContext()
                example.mutate(&context)
                for finding in check.run(context) { out.append((check.id, example.what, finding.message.nl)) }
            }
        }
        return out
    }

    @Test("No ISO date (2026-10-15) in a Dutch message: dates as a Dutch sentence writes them (15 oktober 2026)")
    func dutchDates() throws {
        let offending = try Self.messages().filter {
            Self.ownWords($0.nl).range(of: #"\b\d{4}-\d{2}-\d{2}\b"#, options: .regularExpression) != nil
        }
        #expect(offending.isEmpty, "\(offending.prefix(5).map { "\($0.check) (\($0.example)): \($0.nl.prefix(160))" })")
    }

    @Test("No English word in a Dutch message, outside names and quotations")
    func noEnglish() throws {
        var offending: [String] = []
        for message in try Self.messages() {
            let names = Set(
                ([message.check] + Self.quotedNames(in: message.nl)).flatMap { $0.lowercased().split(whereSeparator: { !$0.isLetter }) }
                    .map(String.init))
            let words = Self.ownWords(message.nl).split(whereSeparator: { !$0.isLetter }).map { $0.lowercased() }
            if let word = words.first(where: { Self.english.contains($0) && !names.contains($0) }) {
                offending.append("\(message.check) (\(message.example)): '\(word)' in \(message.nl.prefix(160))")
            }
        }
        #expect(offending.isEmpty, "\(offending.prefix(8))")
    }

    @Test("A count of one takes the singular: '1 werkzame persoon', not '1 werkzame personen'")
    func numberAgreement() throws {
        // "1" followed (after at most one adjective) by a Dutch plural in -en; "een"/"geen" and a few
        // words that end in -en but are singular are not plurals.
        let singularInEn: Set<String> = ["een", "geen", "open", "teken", "wapen", "examen", "keten", "regen", "ten", "den", "gelegen"]
        var offending: [String] = []
        for message in try Self.messages() {
            let text = Self.ownWords(message.nl)
            let pattern = #"(?<![\d.,])\b1 (?:\p{L}+e )?(\p{L}+en)\b"#
            let regex = try NSRegularExpression(pattern: pattern)
            for match in regex.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                guard let range = Range(match.range(at: 1), in: text) else { continue }
                let word = text[range].lowercased()
                if !singularInEn.contains(word) { offending.append("\(message.check): '1 … \(word)' in \(message.nl.prefix(140))") }
            }
        }
        #expect(offending.isEmpty, "\(offending.prefix(8))")
    }

    /// Names a message quotes as a company or list name: capitalised runs such as "Entity List".
    static func quotedNames(in text: String) -> [String] {
        let regex = try? NSRegularExpression(pattern: #"(?:[A-Z][\p{L}.&()-]*\s?){2,}"#)
        return regex?.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap {
            Range($0.range, in: text).map { String(text[$0]) }
        } ?? []
    }
}
