import Foundation
import Screening

/// One stored record: a dossier version (or, later, a tombstone), chained to the one before it.
public struct StoredEntry: Codable, Sendable, Equatable {
    public var seq: Int
    public var id: String
    /// dossier, award (the bidder won the tender) or tombstone (the dossier's content was purged).
    public var kind: String
    /// For award and tombstone entries: the dossier id they are about.
    public var subject: String?
    /// The dossier holds criminal-law data (AVG art. 10): conviction findings.
    public var criminalData: Bool
    /// The id of the previous version for the same tender and bidder, if any.
    public var previousVersion: String?
    public var tenderID: String
    public var bidderName: String
    /// KvK number or first identifier, for history and search.
    public var bidderKey: String
    public var screenedAt: String
    public var storedAt: String
    public var storedBy: String
    public var reason: String?
    public var outcome: String
    public var blocker: Int
    public var attention: Int
    public var info: Int
    /// Check ids of the findings, for filtering.
    public var checks: [String]
    public var ruleDataVersion: String
    public var contentSHA256: String
    public var sourcesSHA256: String
    public var prevHash: String
    public var entryHash: String

    /// The text the entry hash is taken over: every field that describes the entry, the content
    /// hash, the digest of the source files and the previous entry's hash.
    var canonical: String {
        [
            "uea-screen/store/1", "seq=\(seq)", "id=\(id)", "kind=\(kind)", "subject=\(subject ?? "")",
            "criminal=\(criminalData)", "previous=\(previousVersion ?? "")",
            "tender=\(tenderID)", "bidder=\(bidderName)", "key=\(bidderKey)", "screenedAt=\(screenedAt)",
            "storedAt=\(storedAt)", "by=\(storedBy)", "reason=\(reason ?? "")", "outcome=\(outcome)",
            "counts=\(blocker)/\(attention)/\(info)", "checks=\(checks.joined(separator: ","))", "rules=\(ruleDataVersion)",
            "content=\(contentSHA256)", "sources=\(sourcesSHA256)", "prev=\(prevHash)",
        ].joined(separator: "\n")
    }
}

/// A stored source file (ESPD XML, bidder.yaml, supply-chain CSV, tender file).
public struct StoredSource: Sendable, Equatable {
    public var role: String
    public var path: String
    public var sha256: String
    public var bytes: Data
}

/// What `dossier list` filters on. Empty fields do not filter.
public struct StoreFilter: Sendable {
    public var tender: String?
    public var bidder: String?
    public var from: String?
    public var to: String?
    public var severity: String?
    public var check: String?
    /// Also award and tombstone entries (history); otherwise dossiers only.
    public var includeMarkers: Bool
    public init(tender: String? = nil, bidder: String? = nil, from: String? = nil, to: String? = nil, severity: String? = nil, check: String? = nil,
                includeMarkers: Bool = false) {
        self.tender = tender; self.bidder = bidder; self.from = from; self.to = to; self.severity = severity; self.check = check
        self.includeMarkers = includeMarkers
    }
}

/// The result of re-hashing a store.
public struct VerifyReport: Sendable, Codable {
    public var entries: Int
    public var headHash: String
    /// The first broken entry, nil when everything verifies.
    public var firstBroken: Broken?
    public struct Broken: Sendable, Codable { public var seq: Int; public var id: String?; public var reason: String }
    public var ok: Bool { firstBroken == nil }
}

/// The store behind `screen --store` and the `dossier` commands. SQLite now; the same protocol is
/// meant for a PostgreSQL backend for teams.
public protocol DossierStore: AnyObject, Sendable {
    func append(_ dossier: Dossier, json: Data, by: String, reason: String?, now: Date) throws -> StoredEntry
    func entries(_ filter: StoreFilter) throws -> [StoredEntry]
    /// The entry and its dossier bytes (nil content when purged).
    func content(id: String) throws -> (StoredEntry, Data?)?
    /// Records that the bidder of dossier `id` won its tender.
    func award(id: String, by: String, reason: String?, now: Date) throws -> StoredEntry
    /// Removes the content and source files of dossiers screened before `before` (YYYY-MM-DD) of
    /// bidders that did not win, and of winners whose award is more than `winnerYears` before it,
    /// leaving a tombstone entry each so the chain still verifies.
    func purge(before: String, winnerYears: Int, by: String, reason: String?, now: Date) throws -> [StoredEntry]
    func sources(id: String) throws -> [StoredSource]
    func verify() throws -> VerifyReport
    func logAccess(by: String, action: String, target: String?) throws
}

public enum StoreError: Error, CustomStringConvertible, Sendable {
    case notAStore(path: String, reason: String)
    case unreadableSource(path: String)
    case database(String)

    public var description: String {
        switch self {
        case .notAStore(let path, let reason): return "\(path): not a uea-screen store (\(reason)); refusing to use it"
        case .unreadableSource(let path): return "\(path): source file cannot be read, nothing was stored"
        case .database(let message): return message
        }
    }
}

public enum StoreLocation {
    /// `$UEA_SCREEN_STORE`, else `$XDG_DATA_HOME/uea-screen/store.sqlite`, else `~/.local/share/uea-screen/store.sqlite`.
    public static func defaultPath() -> String {
        let environment = ProcessInfo.processInfo.environment
        if let explicit = environment["UEA_SCREEN_STORE"], !explicit.isEmpty { return explicit }
        let base = environment["XDG_DATA_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (NSHomeDirectory() as NSString).appendingPathComponent(".local/share")
        return ((base as NSString).appendingPathComponent("uea-screen") as NSString).appendingPathComponent("store.sqlite")
    }

    /// Opens the store named by `location`: a `postgres://` or `postgresql://` URL, else a file path.
    public static func open(_ location: String, create: Bool) throws -> any DossierStore {
        if location.hasPrefix("postgres://") || location.hasPrefix("postgresql://") {
            return try PostgresDossierStore(url: location, create: create)
        }
        return try SQLiteDossierStore(path: location, create: create)
    }
}
