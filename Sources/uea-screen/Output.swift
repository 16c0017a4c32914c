import Foundation
import Screening

enum JSONOutput {
    /// Pretty, sorted keys: the same input always gives the same bytes (see `StableJSON`).
    static func string<T: Encodable>(_ value: T) throws -> String { try StableJSON.string(value) }
}

enum Diagnostics {
    /// One line on standard error, prefixed with the tool name.
    static func report(_ message: String) {
        FileHandle.standardError.write(Data("uea-screen: \(message)\n".utf8))
    }
}
