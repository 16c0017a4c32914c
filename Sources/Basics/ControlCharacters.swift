/// Control characters in text a user or a bidder hands in. A CSV or YAML file holds none but tab
/// and line breaks; a NUL in particular is the sign of a binary file, and Foundation's string
/// searches trap on some strings that hold one ("String index is out of bounds", found by
/// fuzz-inputs). Reading refuses such text at its line instead of carrying it into the checks.
public enum ControlCharacters {
    /// The 1-based line and the `U+XXXX` code of the first C0 control character other than tab,
    /// line feed and carriage return, or of DEL; nil when there is none.
    public static func first(in text: String) -> (line: Int, code: String)? {
        var line = 1
        for byte in text.utf8 {
            if byte == 0x0A {
                line += 1
                continue
            }
            if (byte < 0x20 && byte != 0x09 && byte != 0x0D) || byte == 0x7F {
                let hex = String(byte, radix: 16, uppercase: true)
                return (line, "U+" + String(repeating: "0", count: 4 - hex.count) + hex)
            }
        }
        return nil
    }

    /// The one-line message for it.
    public static func message(_ code: String) -> String {
        "a control character (\(code)) is not text; allowed: text with tabs and line breaks (is this a binary file?)"
    }
}
