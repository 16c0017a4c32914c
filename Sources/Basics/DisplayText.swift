/// Text from a file, made safe to print on a terminal line: control characters (escape sequences
/// that could rewrite a BLOCKER line as CLEAN), line breaks (that could forge a line of their own)
/// and bidirectional overrides are shown as `\u{…}` instead of acting.
public enum DisplayText {
    /// Bidirectional controls and invisible characters (zero-width space, soft hyphen, word joiner):
    /// they can hide or reorder a name a reader should see, so output shows them as codes and name
    /// matching removes them.
    public static func isHidden(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value >= 0x80 && (scalar.properties.isBidiControl || scalar.properties.isDefaultIgnorableCodePoint)
    }

    public static func oneLine(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            let value = scalar.value
            if value < 0x20 || value == 0x7F || (0x80...0x9F).contains(value) || value == 0x2028 || value == 0x2029 || isHidden(scalar) {
                out += "\\u{" + String(value, radix: 16, uppercase: true) + "}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// A whole number as Dutch text writes it, with a dot between thousands (12.345).
    public static func dutchNumber(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var out = value < 0 ? "-" : ""
        for (index, character) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { out += "." }
            out.append(character)
        }
        return out
    }
}
