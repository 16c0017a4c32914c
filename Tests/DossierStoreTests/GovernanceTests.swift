import DossierModel
import Foundation
import TestSupport
import Testing
import Transparency

@testable import DossierStore

/// Who may decide what (domain §9b): registrations, signatures and mandates, as the store enforces
/// them when writing and as verify finds them when someone wrote the rows another way.
@Suite("Team, signed decisions and mandates")
struct GovernanceTests {
    let base = StoreTests()

    /// A store with the sample's dossiers, this account registered as beheerder and jurist (key
    /// `jurist`), and another account as inkoopadviseur (key `adviser`).
    func setUp(_ backend: String) throws -> (
        store: ChainedDossierStore, location: String, jurist: NoteSigner, adviser: NoteSigner, polder: StoredEntry, blocker: Finding
    ) {
        let (opened, location) = try base.newStore(backend)
        let store = try #require(opened as? ChainedDossierStore)
        var polder: StoredEntry? = nil
        var blocker: Finding? = nil
        for dossier in try base.dossiers() {
            let entry = try store.append(dossier, json: try base.json(dossier), by: "a", reason: nil, now: Date())
            if dossier.bidder.name.hasPrefix("Polder") {
                polder = entry
                blocker = dossier.findings.first { $0.check == "exclusion.mandatory-ground" && $0.severity == .blocker }
            }
        }
        let jurist = try base.register(store)
        let adviser = try NoteSigner(name: "test.adviser")
        _ = try store.register(
            Person(account: "someone-else", name: "B. Adviseur", function: nil, roles: [.inkoopadviseur], vkey: adviser.verifier.vkey),
            key: jurist, now: Date())
        return (store, location, jurist, adviser, try #require(polder), try #require(blocker))
    }

    /// The adviser's account registered again, now as jurist (a second person who may confirm); their new registration.
    func promoteAdviser(_ store: ChainedDossierStore, beheerder: NoteSigner, adviser: NoteSigner) throws -> TeamMember {
        _ = try store.register(
            Person(account: "someone-else", name: "B. Adviseur", function: nil, roles: [.jurist], vkey: adviser.verifier.vkey),
            key: beheerder, now: Date())
        return try #require(try store.team().first { $0.person.account == "someone-else" })
    }

    /// The jurist's proposal, through the store, to accept the self-cleaning measures on the Polder blocker.
    func propose(_ store: ChainedDossierStore, _ polder: StoredEntry, _ blocker: Finding, key: NoteSigner) throws -> StoredEntry {
        try store.decide(
            id: polder.id, finding: blocker.fingerprint, check: blocker.check, severity: .blocker, decision: .measuresAccepted,
            reason: "drie elementen aangetoond", due: nil, content: StoreTests.selfCleaning, nameMatch: false, attachments: [], key: key,
            now: Date())
    }

    /// An entry on the Polder dossier's blocker written as a row, around the store's checks: `kind`
    /// about `subject`, by `account` under the registration `signer`, signed with `key`.
    func row(
        _ store: ChainedDossierStore, _ polder: StoredEntry, _ blocker: Finding, kind: EntryKind, subject: String,
        decision: ReviewDecision = .measuresAccepted, account: String, signer: String, key: NoteSigner
    ) throws -> StoredEntry {
        try store.write {
            var entry = try store.nextEntry(kind: kind, now: Date())
            entry.subject = subject
            entry.tenderID = polder.tenderID
            entry.bidderName = polder.bidderName
            entry.bidderKey = polder.bidderKey
            entry.contentSHA256 = polder.contentSHA256
            entry.storedBy = "written around the store"
            entry.reason = "x"
            entry.decision = decision.rawValue
            entry.finding = blocker.fingerprint
            entry.findingCheck = blocker.check
            entry.account = account
            entry.signer = signer
            entry.signature = try EntrySignature.line(fieldsHash: entry.fieldsHash, key: key)
            entry.entryHash = entry.computedHash
            try store.insert(entry)
            return entry
        }
    }

    @Test("Registration: the first person is a beheerder registering themselves; later ones by a beheerder; one key, one person")
    func registration() throws {
        let (opened, _) = try base.newStore()
        let me = try opened.account()
        let key = try NoteSigner(name: "test.me")
        let other = try NoteSigner(name: "test.other")
        #expect {
            try opened.register(
                Person(account: "x", name: "X", function: nil, roles: [.beheerder], vkey: other.verifier.vkey), key: other, now: Date())
        } throws: {
            "\($0)".contains("its first member is a beheerder registering themselves")
        }
        #expect {
            try opened.register(
                Person(account: me, name: "Me", function: nil, roles: [.jurist], vkey: key.verifier.vkey), key: key, now: Date())
        } throws: {
            "\($0)".contains("its first member is a beheerder")
        }
        _ = try opened.register(
            Person(account: me, name: "Me", function: nil, roles: [.beheerder], vkey: key.verifier.vkey), key: key, now: Date())
        #expect {
            try opened.register(
                Person(account: "y", name: "Y", function: nil, roles: [.jurist], vkey: key.verifier.vkey), key: key, now: Date())
        } throws: {
            "\($0)".contains("every person signs with their own key")
        }
        #expect {
            try opened.register(
                Person(account: me, name: "Me", function: nil, roles: [.jurist], vkey: key.verifier.vkey), key: key, now: Date())
        } throws: {
            "\($0)".contains("last beheerder")
        }
        // A key that is not the registered one cannot act for the account.
        #expect {
            try opened.register(
                Person(account: "z", name: "Z", function: nil, roles: [.jurist], vkey: other.verifier.vkey), key: other, now: Date())
        } throws: {
            "\($0)".contains("is not the one registered for Me")
        }
        _ = try opened.register(
            Person(account: "z", name: "Z", function: nil, roles: [.jurist], vkey: other.verifier.vkey), key: key, now: Date())
        #expect(try opened.team().map(\.person.account) == [me, "z"])
        #expect(try opened.verify().ok)
    }

    @Test(
        "A decision on a blocker is refused to an inkoopadviseur and recorded for a jurist as a signed proposal that verify accepts",
        arguments: TestStores.backends)
    func mandateAtWrite(backend: String) throws {
        let s = try setUp(backend)
        defer { TestStores.drop(s.location) }
        let decision = try propose(s.store, s.polder, s.blocker, key: s.jurist)
        #expect(decision.account == (try s.store.account()) && decision.signer != nil && decision.signature != nil)
        // The severity a caller claims is the dossier's, or nothing is recorded.
        #expect {
            try s.store.decide(
                id: s.polder.id, finding: s.blocker.fingerprint, check: s.blocker.check, severity: .attention,
                decision: .groundNotApplicable,
                reason: "x", due: nil, content: nil, nameMatch: false, attachments: [], key: s.jurist, now: Date())
        } throws: { "\($0)".contains("is not of severity attention") }
        // The proposer's own confirmation is refused (four eyes).
        #expect { try s.store.confirm(decision: decision.id, reason: "eens", key: s.jurist, now: Date()) } throws: {
            "\($0)".contains("four eyes")
        }
        let review = try ReviewState.load(store: s.store, id: s.polder.id).review
        let item = try #require(review.items.first { $0.fingerprint == s.blocker.fingerprint })
        #expect(item.awaitingConfirmation && item.isOpen)
        #expect(try s.store.verify().ok)
    }

    @Test(
        "Verify finds a forged signature, a signer that held no mandate, and a signer that was never registered",
        arguments: TestStores.backends)
    func forgedDecisions(backend: String) throws {
        let s = try setUp(backend)
        defer { TestStores.drop(s.location) }
        let genuine = try propose(s.store, s.polder, s.blocker, key: s.jurist)
        let adviser = try #require(try s.store.team().first { $0.person.account == "someone-else" })
        /// A decision on the blocker written around the store's checks, signed with `key` as `signer`.
        func crafted(signer: String, key: NoteSigner, account: String) throws -> StoredEntry {
            try row(s.store, s.polder, s.blocker, kind: .decision, subject: s.polder.id, account: account, signer: signer, key: key)
        }
        let noMandate = try crafted(signer: adviser.entry, key: s.adviser, account: "someone-else")
        let stranger = try crafted(signer: UUID().uuidString.lowercased(), key: try NoteSigner(name: "x"), account: "nobody")
        // The genuine decision's signature replaced by one the adviser's key made over the same fields.
        let db = try base.connection(backend, s.location)
        try base.disableTriggers(db, backend)
        let forged = try EntrySignature.line(fieldsHash: genuine.fieldsHash, key: s.adviser)
        try db.query("UPDATE entries SET signature = $1 WHERE id = $2", [.text(forged), .text(genuine.id)])
        let report = try s.store.verify()
        #expect(report.broken.contains { $0.id == genuine.id && $0.reason.contains("does not verify with mr. A. Jurist's registered key") })
        #expect(
            report.broken.contains {
                $0.id == noMandate.id && $0.reason.contains("B. Adviseur held inkoopadviseur here; this needed jurist")
            })
        #expect(report.broken.contains { $0.id == stranger.id && $0.reason.contains("not an earlier registration") })
        #expect(report.broken.filter { $0.reason != "" && $0.seq > 0 }.count == 3, "\(report.broken)")
        // A bundle carries the registrations: an auditor without the store finds the same three, offline.
        let bundle = try DossierBundle.export(store: s.store, ids: [s.polder.id], renderer: nil, language: .nl)
        let offline = try DossierBundle.verify(bundle)
        let signatureProblems = offline.broken.filter { [genuine.id, noMandate.id, stranger.id].contains($0.id ?? "") }
        #expect(signatureProblems.count == 3, "\(offline.broken)")
        #expect(
            offline.broken.contains { $0.id == genuine.id && $0.reason.contains("does not verify with mr. A. Jurist's registered key") })
        #expect(offline.broken.contains { $0.id == noMandate.id && $0.reason.contains("this needed jurist") })
        // Without the registrations (a manifest rewritten to leave them out) nothing can vouch for a signer.
        var files = try Tar.extract(bundle)
        var manifest = try JSONDecoder().decode(DossierBundle.Manifest.self, from: files["manifest.json"]!)
        manifest.people = []
        files["manifest.json"] = try BundleTests().encode(manifest)
        let stripped = try DossierBundle.verify(BundleTests().archive(files))
        #expect(stripped.broken.contains { $0.reason.contains("not an earlier registration") }, "\(stripped.broken)")
    }

    @Test(
        "A tender file that names its team: decisions on the tender by any other registered account are refused, and verify finds one written around the store",
        arguments: TestStores.backends)
    func tenderTeam(backend: String) throws {
        let s = try setUp(backend)
        defer { TestStores.drop(s.location) }
        let me = try s.store.account()
        // Before the tender names a team, the jurist decides.
        _ = try propose(s.store, s.polder, s.blocker, key: s.jurist)
        // The tender's own dossier, stored with a tender file whose team is another account.
        let bidder = try base.dossiers()[1]
        var summary = bidder.tender
        summary.team = ["someone-else"]
        let tender = TenderDossier(
            screenedAt: bidder.screenedAt, tool: bidder.tool, ruleData: bidder.ruleData, tender: summary, contractConditions: [],
            sources: [], findings: [], summary: bidder.summary)
        let tenderEntry = try s.store.appendTender(tender, json: try StableJSON.data(tender), by: "a", reason: nil, now: Date())
        #expect {
            try s.store.decide(
                id: s.polder.id, finding: s.blocker.fingerprint, check: s.blocker.check, severity: .blocker,
                decision: .groundNotApplicable, reason: "x", due: nil, content: nil, nameMatch: false, attachments: [], key: s.jurist,
                now: Date())
        } throws: { "\($0)".contains("the account '\(me)' is not in the team of tender \(s.polder.tenderID)") }
        #expect { try s.store.cancel(tender: s.polder.tenderID, reason: "besluit", key: s.jurist, now: Date()) } throws: {
            "\($0)".contains("is not in the team")
        }
        #expect(try s.store.verify().ok)
        // The same decision written around the store's checks, signed by the jurist: verify names it.
        let jurist = try #require(try s.store.team().first { $0.person.account == me })
        let around = try row(
            s.store, s.polder, s.blocker, kind: .decision, subject: s.polder.id, decision: .groundNotApplicable, account: me,
            signer: jurist.entry, key: s.jurist)
        let report = try s.store.verify()
        #expect(
            report.broken.map(\.id) == [around.id]
                && report.broken.first?.reason.contains(
                    "not in the team of \(s.polder.tenderID) (someone-else, named by its tender dossier in entry \(tenderEntry.seq))")
                    == true,
            "\(report.broken)")
    }

    @Test(
        "A confirmation row whose signature does not verify lifts nothing: the review keeps the blocker and the award gate names it",
        arguments: TestStores.backends)
    func forgedConfirmation(backend: String) throws {
        let s = try setUp(backend)
        defer { TestStores.drop(s.location) }
        let proposal = try propose(s.store, s.polder, s.blocker, key: s.jurist)
        let second = try promoteAdviser(s.store, beheerder: s.jurist, adviser: s.adviser)
        /// A confirmation by the second jurist, inserted as a row, signed with `key`.
        func confirmation(signedWith key: NoteSigner) throws {
            _ = try row(
                s.store, s.polder, s.blocker, kind: .confirmation, subject: proposal.id, account: "someone-else", signer: second.entry,
                key: key)
        }
        func item() throws -> ReviewedDossier.Item {
            try #require(
                try ReviewState.load(store: s.store, id: s.polder.id).review.items.first { $0.fingerprint == s.blocker.fingerprint })
        }
        // Signed with the proposer's key under the second jurist's name: not a confirmation.
        try confirmation(signedWith: s.jurist)
        #expect(try item().awaitingConfirmation)
        #expect(
            try ReviewState.awardObstacles(store: s.store, id: s.polder.id).contains { $0.hasPrefix("unconfirmed decision on blocker") })
        // Signed with the second jurist's own key: it confirms.
        try confirmation(signedWith: s.adviser)
        #expect(try !item().awaitingConfirmation && item().decision?.confirmation?.account == "someone-else")
    }

    @Test("A forged confirmation row does not keep the genuine confirmation from being recorded", arguments: TestStores.backends)
    func forgedConfirmationDoesNotBlock(backend: String) throws {
        let s = try setUp(backend)
        defer { TestStores.drop(s.location) }
        let me = try s.store.account()
        let second = try promoteAdviser(s.store, beheerder: s.jurist, adviser: s.adviser)
        let jurist = try #require(try s.store.team().first { $0.person.account == me })
        func row(_ kind: EntryKind, subject: String, account: String, signer: String, key: NoteSigner) throws -> StoredEntry {
            try self.row(s.store, s.polder, s.blocker, kind: kind, subject: subject, account: account, signer: signer, key: key)
        }
        // The second jurist proposes (a genuine row); someone inserts a confirmation under this account's name with their key.
        let proposal = try row(.decision, subject: s.polder.id, account: "someone-else", signer: second.entry, key: s.adviser)
        _ = try row(.confirmation, subject: proposal.id, account: me, signer: jurist.entry, key: s.adviser)
        let confirmed = try s.store.confirm(decision: proposal.id, reason: "eens", key: s.jurist, now: Date())
        #expect(confirmed.kind == .confirmation && confirmed.subject == proposal.id)
        let review = try ReviewState.load(store: s.store, id: s.polder.id).review
        #expect(review.items.first { $0.fingerprint == s.blocker.fingerprint }?.decision?.confirmation?.entry == confirmed.id)
    }

    @Test(
        "A bundle of a re-screened bidder's latest version carries the decisions made on the earlier version, and verifies them",
        arguments: TestStores.backends)
    func carriedDecisionsInBundle(backend: String) throws {
        let s = try setUp(backend)
        defer { TestStores.drop(s.location) }
        let decision = try propose(s.store, s.polder, s.blocker, key: s.jurist)
        let polder = try #require(try base.dossiers().first { $0.bidder.name.hasPrefix("Polder") })
        let later = try s.store.append(polder, json: try base.json(polder), by: "a", reason: "opnieuw gescreend", now: Date())
        let bundle = try DossierBundle.export(store: s.store, ids: [later.id], renderer: nil, language: .nl)
        let manifest = try JSONDecoder().decode(DossierBundle.Manifest.self, from: try Tar.extract(bundle)["manifest.json"]!)
        #expect(manifest.entries.map(\.id) == [later.id])
        #expect(manifest.decisions?.map(\.id) == [decision.id])
        #expect(manifest.sources[decision.id]?.map(\.path) == [DecisionContent.fileName])
        let report = try DossierBundle.verify(bundle)
        #expect(report.ok, "\(report.broken)")
    }

    @Test(
        "A bundle carries the confirmations, the awards with their statements and the team's registrations, and verifies them offline",
        arguments: TestStores.backends)
    func bundledGovernance(backend: String) throws {
        let s = try setUp(backend)
        defer { TestStores.drop(s.location) }
        // The attention item of the clean bidder decided by the jurist; bidder 1 awarded.
        let zonnebouw = try #require(try s.store.entries(StoreFilter(bidder: "Zonnebouw")).first)
        _ = try s.store.award(id: zonnebouw.id, reason: "besluit GS", key: s.jurist, now: Date())
        let proposal = try propose(s.store, s.polder, s.blocker, key: s.jurist)
        // The adviser becomes a second jurist and confirms (as another account, written around the account check).
        let adviser = try #require(try s.store.team().first { $0.person.account == "someone-else" })
        let second = try promoteAdviser(s.store, beheerder: s.jurist, adviser: s.adviser)
        #expect(second.entry != adviser.entry)
        let confirmation = try row(
            s.store, s.polder, s.blocker, kind: .confirmation, subject: proposal.id, account: "someone-else", signer: second.entry,
            key: s.adviser)
        #expect(try s.store.verify().ok)
        let bundle = try DossierBundle.export(store: s.store, ids: [s.polder.id, zonnebouw.id], renderer: nil, language: .nl)
        let manifest = try JSONDecoder().decode(DossierBundle.Manifest.self, from: try Tar.extract(bundle)["manifest.json"]!)
        #expect(manifest.decisions?.map(\.id) == [proposal.id, confirmation.id])
        #expect(manifest.awards?.count == 1 && manifest.people?.count == 3)
        #expect(manifest.sources[manifest.awards?.first?.id ?? ""]?.map(\.path) == [AwardStatement.fileName])
        let report = try DossierBundle.verify(bundle)
        #expect(report.ok, "\(report.broken)")
        #expect(report.notes?.contains { $0.contains("signatures") } != true, "\(report.notes ?? [])")
        // The confirmation's signature swapped for the proposer's over the same fields: found offline.
        var files = try Tar.extract(bundle)
        var changed = manifest
        changed.decisions![1].signature = try EntrySignature.line(fieldsHash: confirmation.fieldsHash, key: s.jurist)
        files["manifest.json"] = try BundleTests().encode(changed)
        let forged = try DossierBundle.verify(BundleTests().archive(files))
        #expect(
            forged.broken.contains { $0.id == confirmation.id && $0.reason.contains("does not verify with B. Adviseur's registered key") },
            "\(forged.broken)")
    }

    @Test(
        "Verify finds a cancellation or a tombstone written around the store by someone without the mandate, and an unsigned cancellation",
        arguments: TestStores.backends)
    func forgedEndings(backend: String) throws {
        let s = try setUp(backend)
        defer { TestStores.drop(s.location) }
        let adviser = try #require(try s.store.team().first { $0.person.account == "someone-else" })
        /// A marker about the Polder dossier, signed by the adviser (an inkoopadviseur) unless `signed` is false.
        func crafted(_ kind: EntryKind, signed: Bool = true) throws -> StoredEntry {
            try s.store.write {
                var entry = try s.store.appendMarker(
                    kind: kind, subject: s.polder, by: "B. Adviseur", reason: "zelf gedaan", now: Date(), finish: false)
                if signed {
                    entry.account = "someone-else"
                    entry.signer = adviser.entry
                    entry.signature = try EntrySignature.line(fieldsHash: entry.fieldsHash, key: s.adviser)
                    entry.entryHash = entry.computedHash
                }
                try s.store.insert(entry)
                return entry
            }
        }
        let cancellation = try crafted(.cancellation)
        let unsigned = try crafted(.cancellation, signed: false)
        let tombstone = try crafted(.tombstone)
        let report = try s.store.verify()
        func reasons(_ entry: StoredEntry) -> [String] { report.broken.filter { $0.id == entry.id }.map(\.reason) }
        #expect(reasons(cancellation) == ["B. Adviseur held inkoopadviseur here; this needed jurist or secretaris"])
        #expect(reasons(unsigned) == ["cancellation without a signature"])
        #expect(
            reasons(tombstone) == [
                "B. Adviseur held inkoopadviseur here; this needed beheerder",
                "tombstone before the legal retention ended (3 years after the tender's award or cancellation, Dir. 2014/24/EU art. 84)",
            ])
    }
}
