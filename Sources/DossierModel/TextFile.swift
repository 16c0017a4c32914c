import Basics
import Foundation

/// Hand-made text inputs (tender and bidder YAML, CSV declarations and lists, rule data) as text.
///
/// Accepted: UTF-8 with or without a byte-order mark, and UTF-16 with one (Excel's "Unicode
/// text"). Anything else (Windows-1252 or Latin-1, as Excel's plain "CSV" saves it on Windows) is
/// refused at the line of the first byte that is not UTF-8, never read with U+FFFD in place of a
/// letter: "Kӧln" must not become "K�ln", and a listed name with "ë" must still match.
public enum TextFile {
    public static func decode(_ data: Data, path: String) throws -> String {
        let bytes = [UInt8](data)
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            return try withoutControls(utf16(bytes, path: path, littleEndian: bytes[0] == 0xFF), path: path)
        }
        let body = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(bytes.dropFirst(3)) : bytes
        if let text = String(validating: body, as: UTF8.self) { return try withoutControls(text, path: path) }
        let (line, byte) = firstInvalidUTF8(body)
        throw InputError(
            file: path, line: line,
            message:
                "byte 0x\(String(byte, radix: 16, uppercase: true)) is not UTF-8 text (the file looks saved as Windows-1252 or Latin-1); "
                + "save it as \"CSV UTF-8\" (or any UTF-8 text); allowed: UTF-8 with or without BOM, UTF-16 with BOM")
    }

    /// `text`, refused at its line when it holds a control character (`ControlCharacters`): the
    /// one check for every text read (files here, YAML and CSV text handed to their parsers).
    public static func withoutControls(_ text: String, path: String) throws -> String {
        if let (line, code) = ControlCharacters.first(in: text) {
            throw InputError(file: path, line: line, message: ControlCharacters.message(code))
        }
        return text
    }

    /// Reads the file at `path` and decodes it.
    public static func read(_ path: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: path) else { throw InputError(file: path, message: "cannot be read") }
        return try decode(data, path: path)
    }

    private static func utf16(_ bytes: [UInt8], path: String, littleEndian: Bool) throws -> String {
        guard bytes.count % 2 == 0 else {
            throw InputError(
                file: path, message: "UTF-16 text with an odd number of bytes (the file is cut off); save it again as CSV UTF-8")
        }
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2 - 1)
        var index = 2
        while index + 1 < bytes.count {
            let a = UInt16(bytes[index])
            let b = UInt16(bytes[index + 1])
            units.append(littleEndian ? a | b << 8 : a << 8 | b)
            index += 2
        }
        var text = ""
        var line = 1
        var iterator = units.makeIterator()
        var decoder = UTF16()
        loop: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                if scalar == "\n" { line += 1 }
                text.unicodeScalars.append(scalar)
            case .emptyInput: break loop
            case .error:
                throw InputError(file: path, line: line, message: "UTF-16 text with a broken character; save it again as CSV UTF-8")
            }
        }
        return text
    }

    /// The line (1-based) and value of the first byte that does not start or continue a valid
    /// UTF-8 sequence.
    static func firstInvalidUTF8(_ bytes: [UInt8]) -> (line: Int, byte: UInt8) {
        var line = 1
        var index = 0
        while index < bytes.count {
            let lead = bytes[index]
            if lead == 0x0A { line += 1 }
            let length: Int
            switch lead {
            case 0x00...0x7F: length = 1
            case 0xC2...0xDF: length = 2
            case 0xE0...0xEF: length = 3
            case 0xF0...0xF4: length = 4
            default: return (line, lead)
            }
            let end = index + length
            guard end <= bytes.count, String(validating: bytes[index..<end], as: UTF8.self) != nil else { return (line, lead) }
            index = end
        }
        return (line, bytes.last ?? 0)
    }
}
