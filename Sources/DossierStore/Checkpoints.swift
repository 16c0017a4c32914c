import DossierModel
import Foundation
import Transparency

/// The store's transparency log: an RFC 6962 Merkle tree over the entries (leaf: the 32 bytes of
/// the entry hash that `dossier list` prints) and one over the access log (leaf: the record's
/// hash), checkpointed together in one C2SP signed note signed with the store's Ed25519 key:
///
///     <origin>
///     <number of entries>
///     <base64 root of the entries' tree>
///     uea-screen/access-log <number of access records> <base64 root of the access log's tree>
///
/// A checkpoint kept outside the store (in the case file, by an auditor, with an RFC 3161 time
/// stamp) makes removing or changing anything before it detectable, by anyone with the verifier key.
public struct StoreCheckpoint: Sendable, Equatable {
    /// The signed note, verbatim.
    public var note: String
    public var checkpoint: Checkpoint
    public var accessSize: Int
    public var accessRoot: Merkle.Hash

    static let accessPrefix = "uea-screen/access-log "

    /// Reads the note's text (nothing verified: see `open`).
    public init(note: String) throws {
        let text = try SignedNote.split(note).text
        try self.init(note: note, checkpoint: Checkpoint(text: text))
    }

    init(note: String, checkpoint: Checkpoint) throws {
        guard checkpoint.extensions.count == 1, let line = checkpoint.extensions.first, line.hasPrefix(Self.accessPrefix) else {
            throw SignedNote.FormatError("a store checkpoint has one extension line, '\(Self.accessPrefix)<size> <root>'")
        }
        let parts = line.dropFirst(Self.accessPrefix.count).split(separator: " ", omittingEmptySubsequences: false)
        guard parts.count == 2, let size = Int(parts[0]), size >= 0, String(size) == parts[0],
            let root = Data(base64Encoded: String(parts[1])), root.count == Merkle.hashSize
        else { throw SignedNote.FormatError("the access-log line of a store checkpoint is not '<size> <base64 root>'") }
        self.note = note
        self.checkpoint = checkpoint
        accessSize = size
        accessRoot = root
    }

    /// Opens a signed checkpoint: signed by `verifier`, whose name is its origin.
    public static func open(_ note: String, verifier: NoteVerifier) throws -> StoreCheckpoint {
        try StoreCheckpoint(note: note, checkpoint: try Checkpoint.open(note, verifier: verifier))
    }

    static func text(origin: String, entries: MerkleFrontier, access: MerkleFrontier) -> Checkpoint {
        Checkpoint(
            origin: origin, size: entries.size, root: entries.root,
            extensions: [accessPrefix + "\(access.size) \(access.root.base64EncodedString())"])
    }
}

extension ChainedDossierStore {
    static let tlogSchema = "uea-screen/tlog/1"

    /// The leaf of an entry or access record: its hash's 32 bytes (a hash that is not 64 hex
    /// characters, which verify reports, is taken as its text so the root still moves).
    static func leaf(_ hexHash: String) -> Merkle.Hash {
        Merkle.leafHash(SHA256.bytes(hex: hexHash) ?? Data(hexHash.utf8))
    }

    static func frontier(size: Int64?, hashes: String?) -> MerkleFrontier? {
        guard let size, let hashes else { return MerkleFrontier() }
        let decoded = hashes.split(separator: " ").compactMap { Data(base64Encoded: String($0)) }
        return MerkleFrontier(size: Int(size), hashes: decoded)
    }

    static func text(_ frontier: MerkleFrontier) -> String { frontier.hashes.map { $0.base64EncodedString() }.joined(separator: " ") }

    func meta(_ key: String) throws -> String? {
        guard try db.hasTable("meta") else { return nil }
        return try db.query("SELECT value FROM meta WHERE key = $1", [.text(key)]).first?.first?.text
    }

    /// The log's origin: the key name every checkpoint of this store is signed under.
    public func logOrigin() throws -> String? { try read { try meta("origin") } }

    /// The verifier key registered with the store's first checkpoint (nil before it).
    public func registeredVerifier() throws -> NoteVerifier? {
        try read { try meta("vkey") }.map { try NoteVerifier(vkey: $0) }
    }

    /// The latest signed checkpoint, as stored.
    public func latestCheckpoint() throws -> StoreCheckpoint? {
        guard try read({ try db.hasTable("checkpoints") }) else { return nil }
        return try read { try db.query("SELECT note FROM checkpoints ORDER BY seq DESC LIMIT 1", []).first?.first?.text }.map {
            try StoreCheckpoint(note: $0)
        }
    }

    /// A consistency proof from `keptNote` (a checkpoint this store's key signed, kept outside it) to
    /// the store's latest checkpoint: refused, saying why, when the kept checkpoint is not signed by
    /// the store's key or does not match the entries it covers (one was changed or removed).
    public func consistencyProof(from keptNote: String) throws -> ConsistencyProof {
        guard let verifier = try registeredVerifier(), let latest = try latestCheckpoint() else {
            throw StoreError.refused("\(db.location): the store has signed no checkpoint yet; nothing to prove")
        }
        let kept: StoreCheckpoint
        do { kept = try StoreCheckpoint.open(keptNote, verifier: verifier) } catch {
            throw StoreError.refused("the kept checkpoint is not one of this store's (\(error))")
        }
        let (old, new) = (kept.checkpoint.size, latest.checkpoint.size)
        guard old > 0 else { throw StoreError.refused("the kept checkpoint covers no entries; a proof from it would prove nothing") }
        guard old <= new else {
            throw StoreError.refused(
                "the kept checkpoint covers \(old) entries, the store's latest checkpoint only \(new): entries were removed")
        }
        var tree = MerkleTree()
        try pages { entry in if tree.size < new { tree.append(leafHash: Self.leaf(entry.entryHash)) } }
        guard tree.size == new, tree.root(size: new) == latest.checkpoint.root else {
            throw StoreError.refused("the store's latest checkpoint does not match its entries; run `uea-screen dossier verify`")
        }
        guard tree.root(size: old) == kept.checkpoint.root else {
            throw StoreError.refused(
                "the kept checkpoint does not match this store's first \(old) entries: an entry it covers was changed or removed")
        }
        return ConsistencyProof(oldSize: old, proof: tree.consistencyProof(from: old, to: new), checkpoint: latest.note)
    }

    /// Signs a checkpoint of everything stored so far with `signer` (registered as the store's key
    /// on first use; another key is refused) and keeps it. Only what was added since the last
    /// checkpoint is hashed. Returns the latest checkpoint (unchanged when nothing was added).
    @discardableResult
    public func checkpoint(signer: NoteSigner) throws -> StoreCheckpoint {
        try write {
            guard try db.hasTable("checkpoints"), let origin = try meta("origin") else {
                throw StoreError.refused(
                    "\(db.location): this store has no transparency log yet; open it once as a user who may write it")
            }
            guard signer.name == origin else {
                throw StoreError.refused("the signing key is for \(signer.name), not for this store (\(origin)); nothing was signed")
            }
            if let registered = try meta("vkey") {
                guard registered == signer.verifier.vkey else {
                    throw StoreError.refused(
                        "the signing key is not the store's key (\(registered)); nothing was signed: use the key the store was created with"
                    )
                }
            } else {
                try db.query("INSERT INTO meta VALUES ('vkey', $1)", [.text(signer.verifier.vkey)])
            }
            let last = try db.query(
                "SELECT size, access_size, frontier, access_frontier, note FROM checkpoints ORDER BY seq DESC LIMIT 1", []
            ).first
            guard var entries = Self.frontier(size: last?[0].integer, hashes: last?[2].text),
                var access = Self.frontier(size: last?[1].integer, hashes: last?[3].text)
            else {
                throw StoreError.refused(
                    "the last checkpoint's saved tree edge is damaged; nothing was signed: run `uea-screen dossier verify`")
            }
            let before = (entries.size, access.size)
            try extend(&entries, table: "entries", hash: "entry_hash")
            try extend(&access, table: "access_log", hash: "hash")
            if let last, let note = last[4].text, (entries.size, access.size) == before { return try StoreCheckpoint(note: note) }
            let checkpoint = StoreCheckpoint.text(origin: origin, entries: entries, access: access)
            let note = try checkpoint.signed(by: signer)
            let seq = Int64(try db.query("SELECT max(seq) FROM checkpoints", []).first?.first?.integer ?? 0) + 1
            try db.query(
                "INSERT INTO checkpoints (seq, size, access_size, frontier, access_frontier, note) VALUES ($1, $2, $3, $4, $5, $6)",
                [
                    .integer(seq), .integer(Int64(entries.size)), .integer(Int64(access.size)), .text(Self.text(entries)),
                    .text(Self.text(access)), .text(note),
                ])
            return try StoreCheckpoint(note: note, checkpoint: checkpoint)
        }
    }

    /// Appends the rows after `frontier.size` to it (inside the caller's transaction); rows must
    /// be numbered on from the frontier, or something before it was removed.
    private func extend(_ frontier: inout MerkleFrontier, table: String, hash: String) throws {
        let count = Int(try db.query("SELECT count(*) FROM \(table)", []).first?.first?.integer ?? 0)
        guard count >= frontier.size else {
            throw StoreError.refused(
                "the store holds \(count) rows of \(table) but its last checkpoint covers \(frontier.size): rows were removed; nothing was signed: run `uea-screen dossier verify`"
            )
        }
        var after = Int64(frontier.size)
        while true {
            let rows = try db.query("SELECT seq, \(hash) FROM \(table) WHERE seq > $1 ORDER BY seq LIMIT \(Self.page)", [.integer(after)])
            for row in rows {
                guard row[0].integer == Int64(frontier.size + 1) else {
                    throw StoreError.refused(
                        "\(table) row \(frontier.size + 1) is missing; nothing was signed: run `uea-screen dossier verify`")
                }
                frontier.append(leafHash: Self.leaf(row[1].text ?? ""))
            }
            guard rows.count == Self.page, let last = rows.last?[0].integer else { return }
            after = last
        }
    }

    /// Every stored checkpoint, oldest first (size, access size, note).
    func checkpointRows() throws -> [(seq: Int, size: Int, accessSize: Int, note: String)] {
        guard try read({ try db.hasTable("checkpoints") }) else { return [] }
        return try read { try db.query("SELECT seq, size, access_size, note FROM checkpoints ORDER BY seq", []) }.map {
            (Int($0[0].integer ?? 0), Int($0[1].integer ?? 0), Int($0[2].integer ?? 0), $0[3].text ?? "")
        }
    }
}

/// What a verifier trusts beyond the store itself: the verifier key recorded when the store was
/// set up (`dossier key`), and a checkpoint kept outside the store (the case file, a bundle).
public struct CheckpointTrust: Sendable {
    public var vkey: NoteVerifier?
    /// A signed checkpoint note kept elsewhere.
    public var checkpoint: String?
    public init(vkey: NoteVerifier? = nil, checkpoint: String? = nil) {
        self.vkey = vkey
        self.checkpoint = checkpoint
    }
}

/// What the log's checkpoints proved, printed by verify.
public struct LogSummary: Sendable, Codable, Equatable {
    /// The key the checkpoints were checked with, and whether it was given by the verifier
    /// (`--vkey`) or only read from the store (which proves consistency, not who signed).
    public var vkey: String?
    public var keyGiven: Bool
    public var checkpoints: Int
    /// The latest checkpoint's entry count and note.
    public var signedEntries: Int?
    public var latest: String?
    /// The checkpoint kept outside, when one was given: its entry count.
    public var expectedCheckpointEntries: Int?
}

/// Checks the stored checkpoints (and one given from outside) while verify streams the entries
/// and the access log once: each tree is rebuilt on a frontier, and its root compared at every
/// size a checkpoint names. Memory: the checkpoints' sizes and notes, not the entries.
struct LogCheck {
    struct Expected {
        var label: String
        var size: Int
        var root: Merkle.Hash
        var accessSize: Int
        var accessRoot: Merkle.Hash
    }
    private(set) var problems: [VerifyReport.Broken] = []
    private(set) var notes: [String] = []
    private var expected: [Expected] = []
    private var entries = MerkleFrontier()
    private var access = MerkleFrontier()
    private var entryChecks: [Int: [Int]] = [:]
    private var accessChecks: [Int: [Int]] = [:]
    private(set) var summary: LogSummary?

    init(store: ChainedDossierStore, trust: CheckpointTrust) throws {
        let origin = try store.logOrigin()
        let registered: NoteVerifier?
        do { registered = try store.registeredVerifier() } catch {
            registered = nil
            fail("the store's registered verifier key cannot be read (\(error))")
        }
        let rows = try store.checkpointRows()
        let marked = try store.read { try store.meta("tlog") } != nil
        let hasTable = try store.read { try store.db.hasTable("checkpoints") }
        if marked && !hasTable {
            fail("the checkpoints table is gone: the store was changed outside uea-screen")
        }
        if let given = trust.vkey, let registered, given != registered {
            fail("the store's registered key (\(registered.vkey)) is not the key given with --vkey (\(given.vkey))")
        }
        if let given = trust.vkey, let origin, given.name != origin {
            fail("the key given with --vkey is for '\(given.name)', this store's log is '\(origin)'")
        }
        let verifier = trust.vkey ?? registered
        if !rows.isEmpty && verifier == nil { fail("the store holds checkpoints but no registered verifier key") }
        var previous = (size: 0, access: 0)
        for row in rows {
            guard let verifier else { break }
            let label = "checkpoint \(row.seq)"
            let opened: StoreCheckpoint
            do { opened = try StoreCheckpoint.open(row.note, verifier: verifier) } catch {
                fail("\(label): \(error)")
                continue
            }
            if opened.checkpoint.size != row.size || opened.accessSize != row.accessSize {
                fail("\(label): its sizes differ from the signed note's")
            }
            if opened.checkpoint.size < previous.size || opened.accessSize < previous.access {
                fail("\(label): smaller than the checkpoint before it; a log only grows")
            }
            previous = (opened.checkpoint.size, opened.accessSize)
            add(label: label, opened)
        }
        if let note = trust.checkpoint {
            if let verifier {
                do {
                    let opened = try StoreCheckpoint.open(note, verifier: verifier)
                    add(label: "the checkpoint given with --expect-checkpoint", opened)
                } catch { fail("the checkpoint given with --expect-checkpoint: \(error)") }
            } else {
                fail("the checkpoint given with --expect-checkpoint cannot be checked: no verifier key (give --vkey)")
            }
        }
        if let verifier {
            let latest = rows.last.map(\.note)
            summary = LogSummary(
                vkey: verifier.vkey, keyGiven: trust.vkey != nil, checkpoints: rows.count, signedEntries: rows.last?.size, latest: latest,
                expectedCheckpointEntries: expected.first { $0.label.hasPrefix("the checkpoint given") }?.size)
            if trust.vkey == nil {
                notes.append(
                    "the checkpoints were checked against the key the store itself holds; give --vkey with the key recorded when the store was set up to prove who signed them"
                )
            }
        } else if rows.isEmpty {
            notes.append(
                "no signed checkpoint: nothing outside the store vouches for this chain (`uea-screen dossier checkpoint` makes one)")
        }
    }

    private mutating func fail(_ reason: String) { problems.append(.init(seq: 0, id: "log", reason: reason)) }

    private mutating func add(label: String, _ checkpoint: StoreCheckpoint) {
        expected.append(
            Expected(
                label: label, size: checkpoint.checkpoint.size, root: checkpoint.checkpoint.root, accessSize: checkpoint.accessSize,
                accessRoot: checkpoint.accessRoot))
        entryChecks[checkpoint.checkpoint.size, default: []].append(expected.count - 1)
        accessChecks[checkpoint.accessSize, default: []].append(expected.count - 1)
        if checkpoint.checkpoint.size == 0 { compareEntries() }
        if checkpoint.accessSize == 0 { compareAccess() }
    }

    private mutating func compareEntries() {
        for index in entryChecks[entries.size] ?? [] where expected[index].root != entries.root {
            fail(
                "\(expected[index].label) does not match entries 1…\(entries.size): an entry it covers was changed, removed or reordered")
        }
    }

    private mutating func compareAccess() {
        for index in accessChecks[access.size] ?? [] where expected[index].accessRoot != access.root {
            fail(
                "\(expected[index].label) does not match access-log records 1…\(access.size): a record it covers was changed or removed")
        }
    }

    mutating func appendEntry(_ hash: String) {
        entries.append(leafHash: ChainedDossierStore.leaf(hash))
        compareEntries()
    }

    mutating func appendAccess(_ hash: String) {
        access.append(leafHash: ChainedDossierStore.leaf(hash))
        compareAccess()
    }

    /// Checkpoints that name more rows than the store holds: rows were removed after them.
    mutating func finish(entries count: Int, accessRecords: Int) -> [VerifyReport.Broken] {
        for item in expected where item.size > count {
            fail("\(item.label) covers \(item.size) entries but the store holds \(count): entries were removed after it was signed")
        }
        for item in expected where item.accessSize > accessRecords {
            fail(
                "\(item.label) covers \(item.accessSize) access-log records but the store holds \(accessRecords): records were removed after it was signed"
            )
        }
        if let signed = summary?.signedEntries, signed < count {
            notes.append("\(count - signed) entries after the latest checkpoint are not yet signed")
        }
        let found = problems
        problems = []
        return found
    }
}
