import DossierModel
import Foundation
import Transparency

/// What a stored entry is. The raw values are what the rows and therefore the entry hashes hold.
public enum EntryKind: Sendable, Hashable, Codable, RawRepresentable {
    /// A bidder's dossier.
    case dossier
    /// The tender's own dossier.
    case tender
    /// The bidder won the tender.
    case award
    /// A jurist's decision on a finding.
    case decision
    /// The dossier's content was purged after the retention period.
    case tombstone
    /// A person registered (or their roles changed): the content is the `Person`.
    case person
    /// A second person confirms a decision on a blocker (four eyes): the subject is the decision.
    case confirmation
    /// The tender was cancelled (its procedure ends without award): the subject is its latest dossier.
    case cancellation
    /// A non-winner's criminal-law details were forgotten under the retention rule: the source files
    /// and decision attachments of the subject dossier are deleted, its content (the findings) stays.
    case redaction
    /// A value no release writes (a row changed outside uea-screen): kept as read, so that the entry
    /// hash still covers it and `verify` reports it.
    case unrecognised(String)

    public init(rawValue: String) {
        self =
            switch rawValue {
            case "dossier": .dossier
            case "tender": .tender
            case "award": .award
            case "decision": .decision
            case "tombstone": .tombstone
            case "person": .person
            case "confirmation": .confirmation
            case "cancellation": .cancellation
            case "redaction": .redaction
            default: .unrecognised(rawValue)
            }
    }

    public var rawValue: String {
        switch self {
        case .dossier: "dossier"
        case .tender: "tender"
        case .award: "award"
        case .decision: "decision"
        case .tombstone: "tombstone"
        case .person: "person"
        case .confirmation: "confirmation"
        case .cancellation: "cancellation"
        case .redaction: "redaction"
        case .unrecognised(let value): value
        }
    }

    /// Entries whose content is a dossier (a bidder's or the tender's).
    public var holdsDossier: Bool { self == .dossier || self == .tender }

    public init(from decoder: any Decoder) throws { self.init(rawValue: try decoder.singleValueContainer().decode(String.self)) }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

/// One stored record: a dossier version, an award or a tombstone, chained to the one before it.
public struct StoredEntry: Codable, Sendable, Equatable {
    public var seq: Int
    public var id: String
    public var kind: EntryKind
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
    /// The dossier's screening outcome (for markers, that of their dossier). A row whose value no
    /// release writes reads as blocker, and `verify` reports the entry (its hash covers the value).
    public var outcome: Outcome
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
    /// For decision entries: the decision, the finding's fingerprint (or `review.<item>`), its check and a due date.
    public var decision: String?
    public var finding: String?
    public var findingCheck: String?
    public var due: String?
    /// The authenticated account that wrote the entry (the OS user for SQLite, the database role for
    /// PostgreSQL); nil in entries of releases before accounts were recorded.
    public var account: String? = nil
    /// For signed entries (decisions, confirmations, awards, registrations): the registration entry
    /// of the person whose key signed it.
    public var signer: String? = nil
    /// The signer's signed-note signature line over the entry's fields hash (see `EntrySignature`);
    /// not part of the hash it signs, and checked by verify against the registered key.
    public var signature: String? = nil
    /// For entries that keep sealed files (a dossier's sources, a decision's attachments): the
    /// digest of those files as stored (`SealedDigest`), so that a changed ciphertext or wrapped key
    /// is found by whoever verifies, without the data key; nil in entries of earlier releases.
    public var sealedSHA256: String? = nil

    /// Every field that describes the entry, each written with its length in bytes, so that no
    /// value can borrow characters from its neighbour ("a\nkey=b" cannot move into the next field).
    var canonicalFields: Data {
        let fields: [(String, String)] = [
            ("seq", String(seq)), ("id", id), ("kind", kind.rawValue), ("subject", subject ?? ""), ("criminal", String(criminalData)),
            ("previous", previousVersion ?? ""), ("tender", tenderID), ("bidder", bidderName), ("key", bidderKey),
            ("screenedAt", screenedAt), ("storedAt", storedAt), ("by", storedBy), ("reason", reason ?? ""), ("outcome", outcome.rawValue),
            ("counts", "\(blocker)/\(attention)/\(info)"), ("checks", checks.joined(separator: ",")), ("rules", ruleDataVersion),
            ("content", contentSHA256), ("sources", sourcesSHA256), ("decision", decision ?? ""), ("finding", finding ?? ""),
            ("findingCheck", findingCheck ?? ""), ("due", due ?? ""),
        ]
        // Fields added later are hashed only when present: the hashes of older entries stay as they were.
        let later: [(String, String)] = [("account", account), ("signer", signer), ("sealed", sealedSHA256)].compactMap { name, value in
            value.map { (name, $0) }
        }
        var out = Data("uea-screen/store/2\n".utf8)
        for (name, value) in fields + later { out.append(contentsOf: Array("\(name) \(value.utf8.count):\(value)\n".utf8)) }
        return out
    }

    /// The hash of the fields alone: what a bundle carries for an entry it does not export.
    public var fieldsHash: String { SHA256.hex(canonicalFields) }

    /// The entry's hash: its fields' hash chained to the previous entry's hash.
    static func chainHash(prev: String, fieldsHash: String) -> String { SHA256.hex("uea-screen/chain/2\n\(prev)\n\(fieldsHash)") }

    var computedHash: String { Self.chainHash(prev: prevHash, fieldsHash: fieldsHash) }
}

/// A stored source file (ESPD XML, bidder.yaml, supply-chain CSV, tender file).
public struct StoredSource: Sendable, Equatable {
    public var role: String
    public var path: String
    public var sha256: String
    public var bytes: Data
    public init(role: String, path: String, sha256: String, bytes: Data) {
        self.role = role
        self.path = path
        self.sha256 = sha256
        self.bytes = bytes
    }
}

/// One access to the store (who listed, showed, exported or verified what), itself hash-chained.
public struct AccessRecord: Codable, Sendable, Equatable {
    public var seq: Int
    public var at: String
    public var who: String
    public var action: String
    public var target: String?
    public var prevHash: String
    public var hash: String

    var computedHash: String {
        var text = "uea-screen/access/2\n\(prevHash)\n"
        for value in [String(seq), at, who, action, target ?? ""] { text += "\(value.utf8.count):\(value)\n" }
        return SHA256.hex(text)
    }
}

/// What `dossier list` filters on. Empty fields do not filter.
public struct StoreFilter: Sendable {
    public var tender: String?
    public var bidder: String?
    public var from: String?
    public var to: String?
    /// Dossiers with a finding of at least this severity (`.info`: any finding).
    public var severity: Severity?
    public var check: String?
    /// Also award and tombstone entries (history); otherwise dossiers only.
    public var includeMarkers: Bool
    /// Whether a stored bidder name is `bidder` by the caller's name matching (the rule data's
    /// matcher and threshold); without it a name matches when it contains `bidder`.
    public var bidderNameMatches: (@Sendable (String) -> Bool)?
    public init(
        tender: String? = nil, bidder: String? = nil, from: String? = nil, to: String? = nil, severity: Severity? = nil,
        check: String? = nil,
        includeMarkers: Bool = false
    ) {
        self.tender = tender
        self.bidder = bidder
        self.from = from
        self.to = to
        self.severity = severity
        self.check = check
        self.includeMarkers = includeMarkers
    }
}

/// The result of re-hashing a store or a bundle.
public struct VerifyReport: Sendable, Codable {
    public var entries: Int
    public var headHash: String
    /// Every broken entry (or file of a bundle), in order; empty when everything verifies.
    public var broken: [Broken]
    /// Access-log records checked (stores only).
    public var accessRecords: Int?
    /// With `--expect-head`: the sequence number at which the recorded head was found.
    public var expectedHeadAt: Int?
    /// What a verification could not prove but is not a break (a bundle's report rendered by
    /// another release); printed with the result.
    public var notes: [String]?
    /// What the signed checkpoints prove (nil: the store or bundle has none).
    public var log: LogSummary?
    public struct Broken: Sendable, Codable, Equatable {
        public var seq: Int
        public var id: String?
        public var reason: String
        public init(seq: Int, id: String?, reason: String) {
            self.seq = seq
            self.id = id
            self.reason = reason
        }
    }
    public var ok: Bool { broken.isEmpty }
    public var firstBroken: Broken? { broken.first }

    init(entries: Int, headHash: String, broken: [Broken], accessRecords: Int? = nil) {
        self.entries = entries
        self.headHash = headHash
        self.broken = broken
        self.accessRecords = accessRecords
    }

    /// Checks a head recorded elsewhere (a case file, an earlier bundle) against the chain: it
    /// must be the hash of one of the entries. Truncation or a chain rewritten from the start is
    /// found only this way; without it, a consistent chain of any length verifies.
    mutating func expect(head: String, hashes: (String) throws -> Int?) rethrows {
        if let seq = try hashes(head.lowercased()) {
            expectedHeadAt = seq
        } else {
            broken.append(
                .init(
                    seq: entries, id: nil,
                    reason: "the expected head \(head) is not in the chain: entries were removed or the chain was rewritten"))
        }
    }
}

/// The store behind `screen --store` and the `dossier` commands: SQLite for one person,
/// PostgreSQL for a team, the same chain over both.
public protocol DossierStore: AnyObject, Sendable {
    /// Stores the dossier with the exact bytes that were screened (`dossier.sources[].content`),
    /// refusing a source whose bytes are missing or differ from the hash in the dossier.
    func append(_ dossier: Dossier, json: Data, by: String, reason: String?, now: Date) throws -> StoredEntry
    /// Stores the tender's own dossier (procedure, thresholds, duties on the tender documents) with its source files.
    func appendTender(_ dossier: TenderDossier, json: Data, by: String, reason: String?, now: Date) throws -> StoredEntry
    /// The latest stored tender dossier of `tender` and its bytes (nil when purged).
    func latestTender(_ tender: String) throws -> (StoredEntry, Data?)?
    /// Entries in order, one page at a time (memory does not grow with the store).
    func forEachEntry(_ filter: StoreFilter, _ body: (StoredEntry) throws -> Void) throws
    /// The entry with exactly this id, or the only one whose id starts with this prefix of at least 8 hex characters.
    func resolve(_ id: String) throws -> StoredEntry
    /// The entry and its dossier bytes (nil content when purged).
    func content(id: String) throws -> (StoredEntry, Data?)?
    /// Records that the bidder of dossier `id` won its tender, signed by `key`, whose registered
    /// person (the authenticated account's) must hold the mandate (see `Mandate`).
    /// `statement` names the winner and every other bidder's outcome; it must name exactly the
    /// tender's latest dossiers (`award(id:reason:key:now:)` builds it).
    func award(id: String, reason: String?, statement: AwardStatement, key: NoteSigner, now: Date) throws -> StoredEntry
    /// What the retention rule does today: tenders due for purging, kept, and undecided (neither
    /// award nor cancellation `monthsToDecide` months after the deadline). Writes nothing.
    func retentionPlan(yearsAfterEnd: Int, monthsToDecide: Int, now: Date) throws -> RetentionPlan
    /// Removes the content and source files of every dossier of the tenders awarded or cancelled at
    /// least `yearsAfterEnd` years before `now`, leaving a tombstone each so the chain still
    /// verifies; signed by `key`, whose registered person must be a beheerder. A tender with neither
    /// is never purged.
    func purge(yearsAfterEnd: Int, reason: String?, key: NoteSigner, now: Date) throws -> [StoredEntry]
    /// Records that `tender` was cancelled, signed by `key` (a jurist or secretaris): its retention counts from here.
    func cancel(tender: String, reason: String, key: NoteSigner, now: Date) throws -> StoredEntry
    /// An entry's files with their bytes (sealed files opened with the store's data key).
    func sources(id: String) throws -> [StoredSource]
    /// An entry's files without their bytes: listing them needs no key.
    /// Every file the entry recorded, and whether it is still kept (a purge or redaction forgets it).
    func fileList(id: String) throws -> [(role: String, path: String, sha256: String, kept: Bool)]
    /// The non-winners' dossiers with criminal-law data whose tender ended (award or cancellation)
    /// at least `monthsAfterEnd` months ago and are not yet redacted or purged. Writes nothing.
    func redactionPlan(monthsAfterEnd: Int, now: Date) throws -> [RedactionDue]
    /// Forgets the source files and decision attachments of every dossier `redactionPlan` lists
    /// as due, leaving a redaction entry each, signed by `key` (a beheerder); the findings stay.
    func redact(monthsAfterEnd: Int, reason: String?, key: NoteSigner, now: Date) throws -> [StoredEntry]
    /// Re-hashes everything; checks every stored checkpoint's signature and roots (and one kept
    /// outside, with `trust`) against the entries and the access log as they are now.
    func verify(expectHead: String?, trust: CheckpointTrust) throws -> VerifyReport
    /// The log's origin, the key name its checkpoints are signed under (nil for a store made
    /// before the log that was not opened for writing since).
    func logOrigin() throws -> String?
    /// The store's verifier key, registered with its first checkpoint.
    func registeredVerifier() throws -> NoteVerifier?
    /// Signs and keeps a checkpoint of everything stored so far (see ChainedDossierStore).
    @discardableResult func checkpoint(signer: NoteSigner) throws -> StoreCheckpoint
    func latestCheckpoint() throws -> StoreCheckpoint?
    /// A consistency proof from a checkpoint kept outside the store to its latest (`ChainedDossierStore`).
    func consistencyProof(from keptNote: String) throws -> ConsistencyProof
    /// The hash of the last entry (the chain's head) as stored, without re-hashing anything.
    func head() throws -> String
    func logAccess(by: String, action: String, target: String?) throws
    func accessLog(_ body: (AccessRecord) throws -> Void) throws
    /// Records a decision on a finding of dossier `id` (its fingerprint, or `review.<item>`), with
    /// files (a letter, a register extract) kept like sources, signed by `key`; the authenticated
    /// account's registered person must hold the mandate for a decision on a finding of `severity`.
    /// The decision's `content` (the elements its kind requires, see `DecisionContent`) is kept as a
    /// sealed file of the entry; `nameMatch`: the finding was found by matching a name against a list.
    func decide(
        id: String, finding: String, check: String, severity: Severity, decision: ReviewDecision, reason: String, due: String?,
        content: DecisionContent?, nameMatch: Bool, attachments: [StoredSource], key: NoteSigner, now: Date
    ) throws -> StoredEntry
    /// A second person confirms the decision entry `decision` (four eyes on a blocker).
    func confirm(decision: String, reason: String, key: NoteSigner, now: Date) throws -> StoredEntry
    /// The account this store was opened with, as the operating system or the database authenticated it.
    func account() throws -> String
    /// Registers `person` (or changes their roles): by a `beheerder`, or, in a store without anyone
    /// registered, the first `beheerder` registering themselves.
    func register(_ person: Person, key: NoteSigner, now: Date) throws -> StoredEntry
    /// Every account's latest registration, in the order they were first registered.
    func team() throws -> [TeamMember]
    /// Every registration entry with its recorded bytes (the person as registered), in chain order:
    /// what a bundle carries so that its decisions' signatures and mandates can be checked offline.
    func registrations() throws -> [(entry: StoredEntry, bytes: Data)]
    /// Every decision on any version of the dossier's bidder in its tender, oldest first.
    func decisions(about dossier: StoredEntry) throws -> [StoredEntry]
}

extension DossierStore {
    public func entries(_ filter: StoreFilter) throws -> [StoredEntry] {
        var all: [StoredEntry] = []
        try forEachEntry(filter) { all.append($0) }
        return all
    }
    public func verify() throws -> VerifyReport { try verify(expectHead: nil, trust: CheckpointTrust()) }
    public func verify(expectHead: String?) throws -> VerifyReport { try verify(expectHead: expectHead, trust: CheckpointTrust()) }
}

public enum StoreError: Error, CustomStringConvertible, Sendable {
    case notAStore(path: String, reason: String)
    case unreadableSource(path: String)
    case changedSource(path: String)
    case invalidText(field: String)
    case unknownID(String, candidates: [String])
    case refused(String)
    case database(String)

    public var description: String {
        switch self {
        case .notAStore(let path, let reason): return "\(path): not a uea-screen store (\(reason)); refusing to use it"
        case .unreadableSource(let path): return "\(path): the screened bytes of this source were not kept; nothing was stored"
        case .changedSource(let path): return "\(path): the bytes to store differ from the ones screened (SHA-256); nothing was stored"
        case .invalidText(let field): return "\(field) contains a NUL character; nothing was stored"
        case .unknownID(let id, let candidates):
            if id.count < 8 || !id.lowercased().allSatisfy({ "0123456789abcdef-".contains($0) }) {
                return
                    "'\(id)' is not a dossier id; give a full id or a unique prefix of at least 8 hex characters (`uea-screen dossier list` prints them)"
            }
            if candidates.isEmpty {
                return
                    "'\(id)': no entry with this id; give a full id or a unique prefix of at least 8 hex characters (`uea-screen dossier list`)"
            }
            return
                "'\(id)' is ambiguous or too short; give a full id or a unique prefix of at least 8 hex characters. Candidates: \(candidates.joined(separator: ", "))"
        case .refused(let message): return message
        case .database(let message): return message
        }
    }
}

public enum StoreLocation {
    /// `$UEA_SCREEN_STORE`, else `$XDG_DATA_HOME/uea-screen/store.sqlite`, else `~/.local/share/uea-screen/store.sqlite`.
    public static func defaultPath() -> String {
        let environment = ProcessInfo.processInfo.environment
        if let explicit = environment["UEA_SCREEN_STORE"], !explicit.isEmpty { return explicit }
        let base =
            environment["XDG_DATA_HOME"].flatMap { $0.isEmpty ? nil : $0 }
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
