import Basics

/// Numbers, lists and decimals as a Dutch sentence writes them (the messages' Dutch text).
enum Dutch {
    /// Lines as a Dutch list: "12", "12 en 15", "12, 15 en 20" (line numbers, like years, without
    /// a thousands separator).
    static func lines(_ lines: [Int]) -> String {
        let shown = lines.prefix(20).map(String.init)
        let list = shown.count < 2 ? (shown.first ?? "") : shown.dropLast().joined(separator: ", ") + " en " + shown.last!
        return lines.count > 20 ? list + " (en \(lines.count - 20) meer)" : list
    }

    /// A count with the Dutch thousands separator (12.345).
    static func number(_ value: Int) -> String { DisplayText.dutchNumber(value) }

    /// A score with a decimal comma (0,95).
    static func decimal(_ value: Double) -> String { String(value).replacingOccurrences(of: ".", with: ",") }

    /// A share as a file gave it, exactly (up to four decimals), with a decimal comma: 10,1%, 25%.
    static func percentage(_ value: Double) -> String { English.percentage(value).replacingOccurrences(of: ".", with: ",") }
}

/// Numbers as an English sentence writes them (the messages' English text).
enum English {
    /// A share as a file gave it, exactly (up to four decimals): 10.1%, 25%. Never rounded to a
    /// whole number: 10.1 % is above the art. 5k limit of 10 % and must read so.
    static func percentage(_ value: Double) -> String {
        guard value.isFinite else { return "?%" }
        let tenThousandths = Int(saturating: (abs(value) * 10_000).rounded())
        var fraction = String(tenThousandths % 10_000)
        fraction = String(repeating: "0", count: 4 - fraction.count) + fraction
        while fraction.hasSuffix("0") { fraction.removeLast() }
        return (value < 0 ? "-" : "") + String(tenThousandths / 10_000) + (fraction.isEmpty ? "" : "." + fraction) + "%"
    }
}

extension Int {
    /// A whole number for display from a value a file gave (an amount, a volume, a share): rounded
    /// toward zero and held within ±10^15, so that no value in a YAML or CSV file (1e19) can make
    /// the conversion trap. Values that large are refused or reported where they are read.
    init(saturating value: Double) {
        guard value.isFinite else {
            self = 0
            return
        }
        self = Int(Swift.max(-1e15, Swift.min(1e15, value)))
    }
}
