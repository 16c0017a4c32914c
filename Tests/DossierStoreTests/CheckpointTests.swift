import DossierModel
import Foundation
import TestSupport
import Testing
import Transparency

@testable import DossierStore

/// The store's transparency log: signed checkpoints over the entries and the access log, checked
/// by verify against the key given by the verifier and against a checkpoint kept outside.
@Suite("Signed checkpoints")
struct CheckpointTests {
    let base = StoreTests()

    /// A store with the sample's dossiers, two access records and a checkpoint signed by a new key.
    func signedStore(_ backend: String) throws -> (any DossierStore, String, NoteSigner, StoreCheckpoint) {
        let (store, location) = try base.newStore(backend)
        for dossier in try base.dossiers() {
            _ = try store.append(dossier, json: try base.json(dossier), by: "a", reason: nil, now: Date())
        }
        try store.logAccess(by: "a", action: "list", target: nil)
        try store.logAccess(by: "b", action: "show", target: nil)
        let signer = try NoteSigner(name: try #require(try store.logOrigin()))
        return (store, location, signer, try store.checkpoint(signer: signer))
    }

    /// The signed store, and a connection to it with the append-only triggers off (an insider's).
    func unprotected(_ backend: String) throws -> (any DossierStore, String, NoteSigner, StoreCheckpoint, any SQLBackend) {
        let (store, location, signer, checkpoint) = try signedStore(backend)
        let db = try base.connection(backend, location)
        try base.disableTriggers(db, backend)
        return (store, location, signer, checkpoint, db)
    }

    @Test("A checkpoint names the entries and access records, is signed by the store's key, and verifies", arguments: TestStores.backends)
    func signsAndVerifies(backend: String) throws {
        let (store, location, signer, checkpoint) = try signedStore(backend)
        defer { TestStores.drop(location) }
        #expect(checkpoint.checkpoint.size == 4)
        #expect(checkpoint.accessSize == 2)
        #expect(try store.registeredVerifier() == signer.verifier)
        // Opened with the key alone, by the library an auditor would use.
        #expect(try Checkpoint.open(checkpoint.note, verifier: signer.verifier).size == 4)
        let report = try store.verify(expectHead: nil, trust: CheckpointTrust(vkey: signer.verifier, checkpoint: checkpoint.note))
        #expect(report.ok, "\(report.broken)")
        #expect(report.log?.keyGiven == true)
        #expect(report.log?.expectedCheckpointEntries == 4)
        // Nothing added: the same checkpoint; one access more: a new one, covering it.
        #expect(try store.checkpoint(signer: signer) == checkpoint)
        try store.logAccess(by: "c", action: "list", target: nil)
        #expect(try store.checkpoint(signer: signer).accessSize == 3)
        // Another key, even under the store's name, is refused and nothing is signed.
        let other = try NoteSigner(name: signer.name)
        #expect(throws: StoreError.self) { try store.checkpoint(signer: other) }
        #expect(
            try store.verify(expectHead: nil, trust: CheckpointTrust(vkey: other.verifier)).broken.contains { $0.reason.contains("--vkey") }
        )
    }

    @Test("Deleting every access-log record is found by the checkpoint that covered them", arguments: TestStores.backends)
    func accessLogTruncated(backend: String) throws {
        let (store, location, signer, _, db) = try unprotected(backend)
        defer { TestStores.drop(location) }
        try db.execute("DELETE FROM access_log")
        let report = try store.verify(expectHead: nil, trust: CheckpointTrust(vkey: signer.verifier))
        #expect(report.broken.contains { $0.reason.contains("covers 2 access-log records but the store holds 0") })
        // And no new checkpoint is signed over the loss.
        #expect(throws: StoreError.self) { try store.checkpoint(signer: signer) }
    }

    @Test(
        "Deleting the last entry, and the checkpoints with it, is found against a checkpoint kept outside the store",
        arguments: TestStores.backends)
    func lastEntryRemoved(backend: String) throws {
        let (store, location, signer, kept, db) = try unprotected(backend)
        defer { TestStores.drop(location) }
        try db.execute("DELETE FROM entry_files WHERE entry_seq = 4")
        try db.execute("DELETE FROM entries WHERE seq = 4")
        // With the store's own checkpoints still there, verify finds the loss by itself …
        #expect(try store.verify().broken.contains { $0.reason.contains("covers 4 entries but the store holds 3") })
        // … and with them deleted too, the checkpoint kept in the case file finds it.
        try db.execute("DELETE FROM checkpoints")
        let trust = CheckpointTrust(vkey: signer.verifier, checkpoint: kept.note)
        #expect(
            try store.verify(expectHead: nil, trust: trust).broken.contains { $0.reason.contains("--expect-checkpoint covers 4 entries") })
    }

    @Test("A changed entry, a forged checkpoint row and a checkpoint table removed are each reported", arguments: TestStores.backends)
    func forgedRows(backend: String) throws {
        let (store, location, signer, _, db) = try unprotected(backend)
        defer { TestStores.drop(location) }
        // A checkpoint signed by someone else's key, under the store's name, inserted as a row.
        let forger = try NoteSigner(name: signer.name)
        let fake = try StoreCheckpoint.text(origin: signer.name, entries: MerkleFrontier(), access: MerkleFrontier()).signed(by: forger)
        try db.query(
            "INSERT INTO checkpoints (seq, size, access_size, frontier, access_frontier, note) VALUES (99, 0, 0, '', '', $1)", [.text(fake)]
        )
        let report = try store.verify(expectHead: nil, trust: CheckpointTrust(vkey: signer.verifier))
        #expect(report.broken.contains { $0.reason.contains("checkpoint 99") && $0.reason.contains("no signature of a trusted key") })
        try db.execute("DROP TABLE checkpoints")
        #expect(try store.verify().broken.contains { $0.reason.contains("checkpoints table is gone") })
    }

    @Test("A trigger replaced by a same-named one that does nothing is reported, and so is who could do it", arguments: TestStores.backends)
    func triggerReplaced(backend: String) throws {
        let (store, location, signer, kept) = try signedStore(backend)
        defer { TestStores.drop(location) }
        let clean = try store.verify()
        #expect(clean.ok)
        #expect(clean.notes?.contains { $0.contains("could") } == true)  // the owner could switch them off, and is told
        #expect(
            try store.verify(expectHead: nil, trust: CheckpointTrust(vkey: signer.verifier, checkpoint: kept.note)).notes?.contains {
                $0.contains("could")
            } != true)
        let db = try base.connection(backend, location)
        if backend == "sqlite" {
            try db.execute("DROP TRIGGER entries_no_delete; CREATE TRIGGER entries_no_delete BEFORE DELETE ON entries BEGIN SELECT 1; END;")
        } else {
            try db.execute(
                "CREATE OR REPLACE FUNCTION uea_append_only() RETURNS trigger LANGUAGE plpgsql AS $f$ BEGIN RETURN OLD; END $f$;")
        }
        let report = try store.verify()
        #expect(report.broken.contains { $0.reason.contains("is not the one uea-screen created") }, "\(report.broken)")
        #expect(report.broken.allSatisfy { $0.reason.contains("is not the one uea-screen created") })
    }

    @Test("An entry rewritten with its whole chain recomputed is consistent, but not with the signed checkpoint")
    func rewrittenChain() throws {
        let (store, location, signer, _, db) = try unprotected("sqlite")
        defer { TestStores.drop(location) }
        // Entry 2 turned clean and every hash after it recomputed: the chain alone verifies.
        var previous = ChainedDossierStore.zeroHash
        for row in try db.query("SELECT \(ChainedDossierStore.allColumns) FROM entries ORDER BY seq", []) {
            var entry = ChainedDossierStore.entry(row)
            if entry.seq == 2 {
                entry.outcome = .clean
                entry.blocker = 0
            }
            entry.prevHash = previous
            entry.entryHash = entry.computedHash
            try db.query(
                "UPDATE entries SET outcome = $1, blocker = $2, prev_hash = $3, entry_hash = $4 WHERE seq = $5",
                [
                    .text(entry.outcome.rawValue), .integer(Int64(entry.blocker)), .text(entry.prevHash), .text(entry.entryHash),
                    .integer(Int64(entry.seq)),
                ])
            previous = entry.entryHash
        }
        let report = try store.verify(expectHead: nil, trust: CheckpointTrust(vkey: signer.verifier))
        #expect(!report.broken.contains { $0.reason.contains("hash") })
        #expect(report.broken.contains { $0.reason.contains("does not match entries 1…4") })
    }
}
