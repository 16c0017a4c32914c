import ArgumentParser
import Basics
import DossierModel
import ESPD
import Foundation
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
/// value) each time it reflects a command, several times per run; the raw values are the
/// spelling already.
protocol ArgumentChoice: ExpressibleByArgument, CaseIterable, RawRepresentable<String> {}

extension ArgumentChoice {
    public var defaultValueDescription: String { rawValue }
    public static var allValueStrings: [String] { allCases.map(\.rawValue) }
    /// No value has a description of its own (as ArgumentParser concludes when they match).
    public static var allValueDescriptions: [String: String] { [:] }
}

// The closed sets of the domain, as option values: spelled as in dossiers and the store.
extension ReportLanguage: ArgumentChoice {}
extension ReviewDecision: ArgumentChoice {
    /// Help lists the words recorded today; the earlier ones are refused with their replacements.
    public static var allValueStrings: [String] { current.map(\.rawValue) }
}

/// `--severity` of `dossier list`: dossiers with a finding of at least this severity.
enum SeverityFloor: String, ArgumentChoice {
    case blocker, attention

    var severity: Severity { self == .blocker ? .blocker : .attention }
}

/// How a command ends when it does not succeed, each with its exit code (see `UEAScreen`'s help).
/// The one error that leaves a command: no command throws `ExitCode` or calls `exit` itself
/// (`ArchitectureTests` holds every command to that; `ExitCodeTests` runs the table of command ×
/// condition → exit code).
enum CommandFailure: Error {
    /// 1: findings that need a jurist (screen), an invalid file (validate), a candidate at or above
    /// the threshold (match), a broken entry (verify).
    case findings
    /// 2: input refused or unreadable; the message is reported on one line.
    case refused(String)
    /// 2: one or more inputs refused, each already reported on its own line as it was met; the
    /// others were processed.
    case refusedAsReported
    /// 64: a usage error.
    case usage(String)

    var exitCode: ExitCode {
        switch self {
        case .findings: ExitCode(1)
        case .refused, .refusedAsReported: ExitCode(2)
        case .usage: ExitCode(64)
        }
    }

    /// Reports the failure on standard error and ends the process with its exit code, for the one
    /// place that runs before argument-parser does (an unknown command).
    func terminate() -> Never {
        if case .usage(let message) = self { Diagnostics.report(message) }
        if case .refused(let message) = self { Diagnostics.report(message) }
        Foundation.exit(exitCode.rawValue)
    }
}

/// Runs a command's body so that every failure leaves with its own exit code and one line on
/// standard error: an unexpected error is "refused" (2), never argument-parser's 1, which means
/// findings for `screen` and a broken entry for `verify`.
func runCommand(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let failure as CommandFailure {
        switch failure {
        case .refused(let message), .usage(let message): Diagnostics.report(message)
        case .findings, .refusedAsReported: break
        }
        throw failure.exitCode
    } catch let validation as ValidationError {
        throw validation
    } catch {
        Diagnostics.report("\(error)")
        throw CommandFailure.refusedAsReported.exitCode
    }
}

/// `-` as a file argument: one ESPD read from standard input (`inspect`, `validate`).
enum StandardInput {
    static let name = "(standard input)"

    static func checkOnce(_ files: [String]) throws {
        if files.filter({ $0 == "-" }).count > 1 { throw ValidationError("'-' (standard input) may be given once") }
    }
}
