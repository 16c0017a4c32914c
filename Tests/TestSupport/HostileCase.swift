import Foundation
import Testing

/// One row of `Hostile/expected.tsv`, written by `Hostile/make.py` next to the file it made.
public struct HostileCase: Sendable, CustomTestStringConvertible {
    public var directory: String
    public var file: String
    public var generation: String
    public var kind: String
    /// What C1 must read as: `true` (the ground applies), `none` (no readable answer), `missing`.
    public var groundApplies: String
    public var outcome: String
    public var check: String
    /// Where the edited element is (0: the file has no line to point at).
    public var line: Int

    public var path: String { directory + "/" + file }
    public var testDescription: String { file }

    public static func load(_ directory: String) throws -> [HostileCase] {
        let text = try String(contentsOfFile: directory + "/expected.tsv", encoding: .utf8)
        return text.split(separator: "\n").dropFirst().map { row in
            let f = row.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            return HostileCase(
                directory: directory, file: f[0], generation: f[1], kind: f[2], groundApplies: f[4], outcome: f[5], check: f[6],
                line: Int(f[7]) ?? -1)
        }
    }

    public static let committed: [HostileCase] = (try? load(Paths.repositoryFile("Tests/ESPDTests/Hostile"))) ?? []
}
