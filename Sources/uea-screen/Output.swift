import Foundation

enum JSONOutput {
    /// Pretty, sorted keys: the same input always gives the same bytes.
    static func string<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}

enum Diagnostics {
    /// One line on standard error, prefixed with the tool name.
    static func report(_ message: String) {
        FileHandle.standardError.write(Data("uea-screen: \(message)\n".utf8))
    }
}
