import Foundation
import Testing

/// Locations the tests read: the repository, the shared reference corpus beside it, and scratch space.
public enum Paths {
    /// The repository root (this file is Tests/TestSupport/Paths.swift).
    public static let repository: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `../shared` next to the repository, as CI lays it out (`UEA_SCREEN_SHARED` names another
    /// folder: a test run can see what a clone without it sees).
    public static let shared: URL =
        ProcessInfo.processInfo.environment["UEA_SCREEN_SHARED"].map { URL(fileURLWithPath: $0) }
        ?? repository.deletingLastPathComponent().appendingPathComponent("shared")

    /// `../shared/corpus/espd`: the real ESPD files.
    public static let corpus: URL = shared.appendingPathComponent("corpus/espd")

    /// Whether the corpus is there; a clone without it skips the tests that read it, visibly.
    public static let hasCorpus: Bool = FileManager.default.fileExists(atPath: corpus.appendingPathComponent("MANIFEST.tsv").path)

    /// The one line a skipped test shows when the corpus is absent.
    public static let corpusMissing: Comment = Comment(rawValue: "needs the reference corpus at \(corpus.path), which is absent: skipped")

    /// `../shared/corpus/eforms`: the eForms SDK's example notices, fields.json and code lists.
    public static let eforms: URL = shared.appendingPathComponent("corpus/eforms")

    public static let hasEForms: Bool = FileManager.default.fileExists(atPath: eforms.appendingPathComponent("sdk/fields/fields.json").path)

    /// `../shared/corpus/watchlists`: published sanctions lists (UN, OFAC, US CSL) and OpenSanctions FtM files.
    public static let watchlists: URL = shared.appendingPathComponent("corpus/watchlists")

    public static let hasWatchlists: Bool = FileManager.default.fileExists(
        atPath: watchlists.appendingPathComponent("watchman-testdata/sdn.csv").path)

    public static let watchlistsMissing: Comment = Comment(
        rawValue: "needs the watchlist corpus at \(watchlists.path), which is absent: skipped")

    public static let eformsMissing: Comment = Comment(rawValue: "needs the eForms corpus at \(eforms.path), which is absent: skipped")

    public static func corpusFile(_ relative: String) -> String { corpus.appendingPathComponent(relative).path }

    public static func repositoryFile(_ relative: String) -> String { repository.appendingPathComponent(relative).path }

    /// A fresh temporary directory, inside one folder per test process that is removed when the
    /// process exits (a test run left ~260 MB of folders behind before).
    public static func temporaryDirectory() throws -> URL {
        let url = TemporaryRoot.url.appendingPathComponent(UUID().uuidString)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

/// One row of `shared/corpus/espd/MANIFEST.tsv`.
public struct ManifestEntry: Sendable, CustomStringConvertible {
    public var localPath: String
    public var versionGuess: String
    public var rootElement: String
    public var wellFormed: String
    public var note: String
    public var description: String { localPath }

    public var isWellFormed: Bool { wellFormed == "ok" }

    public static func load() throws -> [ManifestEntry] {
        let text = try String(contentsOf: Paths.corpus.appendingPathComponent("MANIFEST.tsv"), encoding: .utf8)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
        let header = lines.removeFirst().split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        func column(_ name: String) -> Int { header.firstIndex(of: name)! }
        return lines.map { line in
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            func value(_ name: String) -> String {
                let i = column(name)
                return i < fields.count ? fields[i] : ""
            }
            return ManifestEntry(
                localPath: value("local_path"), versionGuess: value("version_guess"),
                rootElement: value("root_element"), wellFormed: value("well_formed"), note: value("note"))
        }
    }
}

/// Runs a command and returns its exit status, standard output and standard error.
public struct CommandResult: Sendable {
    public var status: Int32
    public var stdout: String
    public var stderr: String
}

/// `environment`: variables set (a nil value removes one) on top of the runner's own.
public func run(_ executable: String, _ arguments: [String], currentDirectory: URL? = nil, environment: [String: String?] = [:]) throws
    -> CommandResult
{
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    if let currentDirectory { process.currentDirectoryURL = currentDirectory }
    var merged = testEnvironment
    for (name, value) in environment { merged[name] = value }
    process.environment = merged
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    // Read both pipes to the end before waiting, so a large output cannot block the child.
    let group = DispatchGroup()
    nonisolated(unsafe) var errData = Data()
    group.enter()
    DispatchQueue.global().async {
        errData = err.fileHandleForReading.readDataToEndOfFile()
        group.leave()
    }
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    group.wait()
    process.waitUntilExit()
    return CommandResult(
        status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
        stderr: String(decoding: errData, as: UTF8.self))
}

/// The path of an installed command, or nil.
public func which(_ command: String) -> String? {
    for directory in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
        let path = "\(directory)/\(command)"
        if FileManager.default.isExecutableFile(atPath: path) { return path }
    }
    return nil
}

/// The built `uea-screen` binary (swift test builds it next to the test bundle).
public func ueaScreenBinary() -> String {
    var candidates: [URL] = []
    let bundle = Bundle.main.bundleURL
    candidates.append(bundle.appendingPathComponent("uea-screen"))
    candidates.append(bundle.deletingLastPathComponent().appendingPathComponent("uea-screen"))
    for argument in CommandLine.arguments.prefix(1) {
        candidates.append(URL(fileURLWithPath: argument).deletingLastPathComponent().appendingPathComponent("uea-screen"))
    }
    candidates.append(Paths.repository.appendingPathComponent(".build/debug/uea-screen"))
    return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }?.path ?? candidates.last!.path
}

/// Runs the built tool from the repository root.
public func ueaScreen(_ arguments: String...) throws -> CommandResult {
    try run(ueaScreenBinary(), arguments, currentDirectory: Paths.repository)
}

/// Where store tests run: always an SQLite file, and a PostgreSQL database when
/// `UEA_SCREEN_TEST_POSTGRES` names a server (an admin URL such as postgres://uea:uea@127.0.0.1/postgres;
/// `.ci/run` starts one and sets it).
public enum TestStores {
    /// PostgreSQL tests run when `UEA_SCREEN_TEST_POSTGRES` names a server (`.ci/run` starts one);
    /// otherwise `postgresConfigured` is false and a test so marked shows as skipped, with the reason.
    public static var postgresConfigured: Bool { ProcessInfo.processInfo.environment["UEA_SCREEN_TEST_POSTGRES"] != nil }
    public static let postgresSkipReason = "UEA_SCREEN_TEST_POSTGRES is not set: the store tests ran on SQLite only, not on PostgreSQL"

    public static var backends: [String] { postgresConfigured ? ["sqlite", "postgres"] : ["sqlite"] }

    /// Drops a PostgreSQL test database (with its connections); a SQLite location is left to the temporary folder.
    public static func drop(_ location: String) {
        guard location.hasPrefix("postgres"), let admin = ProcessInfo.processInfo.environment["UEA_SCREEN_TEST_POSTGRES"],
            let name = URLComponents(string: location)?.path.dropFirst(), name.hasPrefix("uea_test_")
        else { return }
        _ = try? run(which("psql")!, [admin, "-qc", "DROP DATABASE IF EXISTS \(name) WITH (FORCE)"])
    }

    /// A fresh, empty store location of `backend`.
    public static func fresh(_ backend: String) throws -> String {
        if backend == "sqlite" { return try Paths.temporaryDirectory().appendingPathComponent("store.sqlite").path }
        let admin = ProcessInfo.processInfo.environment["UEA_SCREEN_TEST_POSTGRES"]!
        let name = "uea_test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
        let result = try run(which("psql")!, [admin, "-qc", "CREATE DATABASE \(name)"])
        guard result.status == 0 else { throw PostgresUnavailable(message: result.stderr) }
        var components = URLComponents(string: admin)!
        components.path = "/" + name
        return components.string!
    }

    public struct PostgresUnavailable: Error { public var message: String }
}

/// Validates JSON files against a JSON Schema with python3's jsonschema (an independent validator);
/// the result's stdout says "validated N".
public func validateJSONSchema(_ schema: String, files: [String]) throws -> CommandResult {
    guard let python = which("python3") else { return CommandResult(status: 127, stdout: "", stderr: "python3 not found") }
    let script = """
        import json, sys, jsonschema
        schema = json.load(open(sys.argv[1]))
        for path in sys.argv[2:]:
            jsonschema.validate(json.load(open(path)), schema, format_checker=jsonschema.FormatChecker())
        print("validated", len(sys.argv) - 2)
        """
    return try run(python, ["-c", script, schema] + files)
}

/// Runs `executable` with its data segment limited to `kilobytes` (`ulimit -d`): memory the
/// process may not exceed, checked by the kernel for that process alone (a peak measured from the
/// test runner would include the runner's own memory).
public func runWithMemoryLimit(kilobytes: Int, _ executable: String, _ arguments: [String]) throws -> CommandResult {
    try run("/bin/sh", ["-c", "ulimit -d \(kilobytes) && exec \"$0\" \"$@\"", executable] + arguments)
}

/// The config folder the tests run `uea-screen` with (`XDG_CONFIG_HOME`): keys the tool makes are there.
public var testConfigFolder: String { TemporaryRoot.url.appendingPathComponent("config").path }

/// The environment the tests run `uea-screen` in: store signing and data keys go to this test
/// process's own config folder, never the user's ~/.config (a test may give another), and no key
/// comes from the environment of the person running the tests.
public var testEnvironment: [String: String] {
    var environment = ProcessInfo.processInfo.environment
    environment["XDG_CONFIG_HOME"] = testConfigFolder
    environment["UEA_SCREEN_STORE_KEY"] = nil
    environment["UEA_SCREEN_DATA_KEY"] = nil
    return environment
}

/// The folder of this test process's temporary directories: created on first use, removed at exit.
enum TemporaryRoot {
    static let url: URL = {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent(
            "uea-screen-tests-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString.prefix(8))")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        // Runs after the last test, when `url` is long initialised.
        atexit { try? FileManager.default.removeItem(at: TemporaryRoot.url) }
        return url
    }()
}

/// Runs the built `uea-screen` and expects its exit code (in the style of argument-parser's
/// `AssertExecuteCommand`): a failure is recorded at the caller's line, with the command and what
/// it wrote to standard error. Every exit other than 0 and 1 must explain itself on standard error,
/// and nothing may crash.
@discardableResult
public func expectCommand(
    _ arguments: [String], exits status: Int32, stderrContains fragment: String? = nil, in directory: URL? = nil,
    sourceLocation: SourceLocation = #_sourceLocation
) throws -> CommandResult {
    let result = try run(ueaScreenBinary(), arguments, currentDirectory: directory ?? Paths.repository)
    let shown = "uea-screen \(arguments.joined(separator: " ")): exit \(result.status); stderr: \(result.stderr)"
    #expect(result.status == status, Comment(rawValue: shown), sourceLocation: sourceLocation)
    if let fragment { #expect(result.stderr.contains(fragment), Comment(rawValue: shown), sourceLocation: sourceLocation) }
    if status > 1 { #expect(!result.stderr.isEmpty, "a refusal says why", sourceLocation: sourceLocation) }
    #expect(!result.stderr.contains("Program crashed"), Comment(rawValue: shown), sourceLocation: sourceLocation)
    return result
}
