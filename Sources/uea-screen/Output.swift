import ESPD
import Foundation
import ArgumentParser
import Screening

enum JSONOutput {
    /// Pretty, sorted keys: the same input always gives the same bytes (see `StableJSON`).
    static func string<T: Encodable>(_ value: T) throws -> String { try StableJSON.string(value) }
}

enum Diagnostics {
    /// One line on standard error, prefixed with the tool name.
    static func report(_ message: String) {
        FileHandle.standardError.write(Data("uea-screen: \(DisplayText.oneLine(message))\n".utf8))
    }
}

/// An option whose values are the raw values of an enum (`--format json`).
///
/// ArgumentParser's default spells each value with string interpolation (a dynamic cast per
/// value) and does so each time it reflects a command, several times per run: about 1 M of the
/// 13 M instructions of parsing a `screen` command line. The raw values are the spelling already.
protocol ArgumentChoice: ExpressibleByArgument, CaseIterable, RawRepresentable<String> {}

extension ArgumentChoice {
    var defaultValueDescription: String { rawValue }
    static var allValueStrings: [String] { allCases.map(\.rawValue) }
    /// No value has a description of its own (as ArgumentParser concludes when they match).
    static var allValueDescriptions: [String: String] { [:] }
}
