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
    static func number(_ value: Int) -> String {
        let digits = String(value)
        guard digits.count > 3 else { return digits }
        var out = ""
        for (index, character) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { out += "." }
            out.append(character)
        }
        return out
    }

    /// A score with a decimal comma (0,95).
    static func decimal(_ value: Double) -> String { String(value).replacingOccurrences(of: ".", with: ",") }
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
