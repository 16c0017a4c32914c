import DossierModel
import Foundation
import TestSupport
import Testing
import Transparency

@testable import DossierStore

/// Forgetting the non-winners' criminal-law details after the standstill (domain §9b "Retention
/// without award"; AVG art. 5(1)(e)): source files deleted with a signed redaction entry, findings
/// kept, the chain still verifying, in the store and in a bundle.
@Suite("Redaction of non-winners' criminal-law details")
struct RedactionTests {
    let base = StoreTests()

    static func monthsAgo(_ months: Int) -> Date { Date().addingTimeInterval(-Double(months) * 31 * 86_400) }

    @Test(
        "Six months after the award the non-winner's sources are forgotten, its findings kept, the winner untouched; verify and a bundle agree",
        arguments: TestStores.backends)
    func redaction(backend: String) throws {
        let (opened, location) = try base.newStore(backend)
        defer { TestStores.drop(location) }
        let store = try #require(opened as? ChainedDossierStore)
        var ids: [String: StoredEntry] = [:]
        for dossier in try base.dossiers() {
            ids[String(dossier.bidder.name.prefix(6))] = try store.append(
                dossier, json: try base.json(dossier), by: "a", reason: nil, now: Self.monthsAgo(8))
        }
        let key = try NoteSigner(name: "test.beheerder")
        _ = try store.register(
            Person(
                account: try store.account(), name: "mr. A. Jurist", function: nil, roles: [.beheerder, .jurist], vkey: key.verifier.vkey),
            key: key, now: Self.monthsAgo(8))
        let winner = try #require(ids["Zonneb"])
        let polder = try #require(ids["Polder"])
        #expect(polder.criminalData && !winner.criminalData)
        // Nothing is due before the tender ended, nor before the months have passed.
        #expect(try store.redactionPlan(monthsAfterEnd: 6, now: Date()).isEmpty)
        _ = try store.award(id: winner.id, reason: "besluit GS", key: key, now: Self.monthsAgo(7))
        #expect(try store.redactionPlan(monthsAfterEnd: 6, now: Self.monthsAgo(3)).isEmpty)
        // The blob trigger refuses deleting a source file of the live non-winner.
        let source = try #require(try store.fileList(id: polder.id).first)
        let db = try base.connection(backend, location)
        #expect(throws: (any Error).self) { try db.query("DELETE FROM blobs WHERE sha256 = $1", [.text(source.sha256)]) }

        let due = try store.redactionPlan(monthsAfterEnd: 6, now: Date())
        #expect(due.contains { $0.dossier == polder.id } && !due.contains { $0.dossier == winner.id }, "\(due)")
        #expect(due.allSatisfy { $0.bidder != winner.bidderName })
        let redactions = try store.redact(monthsAfterEnd: 6, reason: "na de standstill", key: key, now: Date())
        #expect(redactions.map(\.subject) == due.map(\.dossier))
        // Its own files are forgotten; a file the winner's dossier holds too (the tender file) stays for the winner.
        let winnerFiles = Set(try store.fileList(id: winner.id).map(\.sha256))
        let polderFiles = try store.fileList(id: polder.id)
        #expect(polderFiles.contains { $0.role == "espd" && !$0.kept }, "\(polderFiles)")
        #expect(polderFiles.allSatisfy { $0.kept == winnerFiles.contains($0.sha256) }, "\(polderFiles)")
        #expect(try store.fileList(id: winner.id).allSatisfy(\.kept))
        #expect(try store.content(id: polder.id)?.1 != nil)  // the findings stay
        #expect(try store.redact(monthsAfterEnd: 6, reason: nil, key: key, now: Date()).isEmpty)  // once
        let verified = try store.verify()
        #expect(verified.ok, "\(verified.broken)")

        // A bundle of the non-winner lists the forgotten files by hash, and verifies.
        let bundle = try DossierBundle.export(store: store, ids: [polder.id, winner.id], renderer: nil, language: .nl)
        let report = try DossierBundle.verify(bundle)
        #expect(report.ok, "\(report.broken)")
        #expect(report.notes?.contains { $0.contains("forgotten in the store under the retention rule") } == true)

        // A redaction of the winner, written around the store, is reported.
        let signer = try #require(try store.team().first?.entry)
        let forged = try store.write {
            var entry = try store.appendMarker(
                kind: .redaction, subject: winner, by: "mr. A. Jurist", reason: nil, now: Date(), finish: false)
            try store.signAndInsert(&entry, signer: signer, key: key)
            return entry
        }
        #expect(try store.verify().broken.contains { $0.id == forged.id && $0.reason.contains("a bidder awarded this tender") })
    }

    @Test(
        "A store with the blob trigger of an earlier release verifies, and its owner's next opening upgrades it",
        arguments: TestStores.backends)
    func triggerUpgrade(backend: String) throws {
        let (_, location) = try base.newStore(backend)
        defer { TestStores.drop(location) }
        let db = try base.connection(backend, location)
        let current: String
        if let sqlite = db as? SQLiteDatabase {
            try sqlite.execute("DROP TRIGGER blobs_delete_unused_only;\n" + sqlite.blobDeleteTrigger(StoreSchema.blobInUseBeforeRedaction))
            current = "SELECT sql FROM sqlite_master WHERE name = 'blobs_delete_unused_only'"
        } else {
            try db.execute(
                "CREATE OR REPLACE FUNCTION uea_blob_delete() RETURNS trigger LANGUAGE plpgsql AS $f$"
                    + PostgresDatabase.blobDeleteBody(StoreSchema.blobInUseBeforeRedaction) + "$f$")
            current = "SELECT prosrc FROM pg_proc WHERE proname = 'uea_blob_delete' AND pronamespace = current_schema()::regnamespace"
        }
        #expect(try db.query(current, []).first?.first?.text?.contains("'redaction'") == false)
        // Verify accepts the earlier release's trigger as it stands.
        #expect(try db.triggerProblems(required: db.requiredTriggers).isEmpty)
        let opened = try StoreLocation.open(location, create: false)
        #expect(try opened.verify().ok)
        #expect(try db.query(current, []).first?.first?.text?.contains("'redaction'") == true)
    }
}
