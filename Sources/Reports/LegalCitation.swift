import DossierModel
import Foundation

/// A finding's legal basis as the report's language cites it. A dossier keeps one citation per
/// finding (`Finding.legalBasis`, part of the hashed record, unchanged); the report writes it in
/// Dutch or English with the terms of `labels.yaml` (`citations_nl`, `citations_en`: the form in
/// the dossier → the form in the language) and, in Dutch, paragraphs and points as Dutch citations
/// write them: `art. 57(4)(h)` → `art. 57 lid 4 onder h`. A term the table does not hold stays as
/// written; a renderer from a bundle made before the table existed cites as stored.
public struct LegalCitation: Sendable {
    /// The table's terms, longest first (a longer term is replaced before a term inside it).
    let terms: [ReportLanguage: [(from: String, to: String)]]

    public init(tables: [ReportLanguage: [String: String]]) {
        terms = tables.mapValues { table in
            table.map { (from: $0.key, to: $0.value) }.sorted { ($0.from.count, $0.from) > ($1.from.count, $1.from) }
        }
    }

    /// The tables in `labels.yaml` (top-level `citations_nl`, `citations_en`); absent is empty.
    static func tables(_ all: [String: [String: String]]) -> [ReportLanguage: [String: String]] {
        var tables: [ReportLanguage: [String: String]] = [:]
        for language in ReportLanguage.allCases { tables[language] = all["citations_" + language.rawValue] ?? [:] }
        return tables
    }

    /// `basis` with each term of the language's table replaced, in one pass from left to right: at
    /// each place the longest term that starts there, and a replacement is never read again (a
    /// term inside another term's output stays as that output wrote it).
    public func cite(_ basis: String, _ language: ReportLanguage) -> String {
        let present = (terms[language] ?? []).filter { basis.contains($0.from) }
        guard !present.isEmpty else { return language == .nl ? Self.dutchParagraphs(basis) : basis }
        var text = ""
        var rest = Substring(basis)
        while !rest.isEmpty {
            if let term = present.first(where: { rest.hasPrefix($0.from) }) {
                text += term.to
                rest = rest.dropFirst(term.from.count)
            } else {
                text.append(rest.removeFirst())
            }
        }
        return language == .nl ? Self.dutchParagraphs(text) : text
    }

    /// `57(4)(h)-(i)` → `57 lid 4 onder h-i`, `57(1)-(2)` → `57 lid 1-2`, `5k(1)(c)` → `5k lid 1 onder c`,
    /// `2(1)(a)` → `2 lid 1 onder a`: a number of an article directly followed by its paragraph in
    /// brackets. A year in brackets after a space (`(2007)`) or `(EU)` is not a paragraph.
    static func dutchParagraphs(_ text: String) -> String {
        let pattern = #"(?<=[\s,;])(\d+[a-z]?(?:\.\d+[a-z]?)?)\((\d+)\)(?:-\((\d+)\))?(?:\(([a-z]+)\)(?:-\(([a-z]+)\))?)?"#
        guard let regex = try? NSRegularExpression(pattern: pattern) else { return text }
        var result = ""
        var last = text.startIndex
        let nsText = text as NSString
        for match in regex.matches(in: text, range: NSRange(location: 0, length: nsText.length)) {
            guard let whole = Range(match.range, in: text) else { continue }
            func group(_ n: Int) -> String? {
                Range(match.range(at: n), in: text).map { String(text[$0]) }
            }
            result += text[last..<whole.lowerBound]
            var cited = (group(1) ?? "") + " lid " + (group(2) ?? "")
            if let to = group(3) { cited += "-" + to }
            if let point = group(4) { cited += " onder " + point + (group(5).map { "-" + $0 } ?? "") }
            result += cited
            last = whole.upperBound
        }
        return result + text[last...]
    }
}
