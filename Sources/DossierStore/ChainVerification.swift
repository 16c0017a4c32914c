import DossierModel
import Foundation

/// One run of `ChainedDossierStore.verify`, phase by phase: the store's protection, then every
/// entry in chain order (its link, its team, and what its kind must hold), then the access log,
/// then the report. What it learns on the way (purged dossiers, awards, ended procedures, the
/// tenders' teams, the registered people) is the state the later entries are checked against.
struct ChainVerification {
    let store: ChainedDossierStore
    private(set) var broken: [VerifyReport.Broken] = []
    private var log: LogCheck
    /// Why a trigger could be bypassed by the store's owner (no checkpoint to compare with).
    private let bypass: String?
    private let tombstoned: Set<String>
    private let redacted: Set<String>
    /// The bidders awarded each tender so far (tender, bidder key, name), whose dossiers are never redacted.
    private var awarded = Set<String>()
    /// The day each tender's procedure last ended (award or cancellation), as far as verify has read.
    private var endedOn: [String: Day] = [:]
    private var blobOK: [String: Bool] = [:]
    /// Each kept file's row as `sealedDigest` reads it, hashed once however many entries name it.
    private var storedRows: [String: ChainedDossierStore.StoredRow] = [:]
    /// Sealed files that could not be opened here: the store's data key is not on this machine.
    private var unopened = 0
    private var missingKey: String?
    private var signatures = SignatureCheck()
    /// Each dossier's findings are decoded once, however many decisions name them.
    private var severityCache: [String: [String: Severity]] = [:]
    /// The tender's team (its tender file's `team:`) as its latest tender dossier so far names it.
    private var teams: [String: (accounts: [String], seq: Int)] = [:]
    private var previousHash = ChainedDossierStore.zeroHash
    private var previousStored: Date? = nil
    private var expectedSeq = 1
    private(set) var count = 0
    private let latest = Date().addingTimeInterval(ChainedDossierStore.clockSkew)
    private var accessPrevious = ChainedDossierStore.zeroHash
    private var accessCount = 0

    /// Phase 1: the store's protection (a store whose triggers were switched off is itself a
    /// finding) and the markers later entries are read against.
    init(store: ChainedDossierStore, trust: CheckpointTrust) throws {
        self.store = store
        log = try LogCheck(store: store, trust: trust)
        let hasCheckpoints = try store.read { try store.db.hasTable("checkpoints") }
        let required = store.db.requiredTriggers.filter { hasCheckpoints || !$0.hasPrefix("checkpoints_") }
        for problem in try store.read({ try store.db.triggerProblems(required: required) }) {
            broken.append(.init(seq: 0, id: nil, reason: "\(problem): the store was changed outside uea-screen"))
        }
        bypass = trust.checkpoint == nil ? try store.read { try store.db.canBypassTriggers() } : nil
        tombstoned = try Self.subjects(of: "tombstone", in: store)
        redacted = try Self.subjects(of: "redaction", in: store)
    }

    static func subjects(of kind: String, in store: ChainedDossierStore) throws -> Set<String> {
        Set(try store.read { try store.db.query("SELECT subject FROM entries WHERE kind = '\(kind)'", []) }.compactMap { $0.first?.text })
    }

    // MARK: Phase 2: every entry

    /// One entry in chain order.
    mutating func check(_ entry: StoredEntry) throws {
        count += 1
        checkLink(entry)
        try checkTeam(entry)
        switch entry.kind {
        case .dossier, .tender: try checkDossier(entry)
        case .person: try checkRegistration(entry)
        case .confirmation: try checkConfirmation(entry)
        case .decision: try checkDecision(entry)
        case .award, .cancellation: try checkEnding(entry)
        case .tombstone: try checkTombstone(entry)
        case .redaction: try checkRedaction(entry)
        case .unrecognised(let kind): fail(entry, "unknown entry kind '\(kind)'")
        }
        previousHash = entry.entryHash
        expectedSeq = entry.seq + 1
        log.appendEntry(entry.entryHash)
    }

    private mutating func fail(_ entry: StoredEntry, _ reason: String) {
        broken.append(.init(seq: entry.seq, id: entry.id, reason: reason))
    }

    /// Its place in the chain: sequence, link to the entry before, its own hash, its time.
    private mutating func checkLink(_ entry: StoredEntry) {
        if entry.seq != expectedSeq { fail(entry, "entries \(expectedSeq)…\(entry.seq - 1) are missing") }
        if entry.prevHash != previousHash { fail(entry, "previous-hash link broken") }
        if entry.computedHash != entry.entryHash { fail(entry, "entry fields do not match the entry hash") }
        guard let stored = ChainedDossierStore.timestamp.date(from: entry.storedAt) else {
            fail(entry, "storedAt '\(entry.storedAt)' is not a timestamp")
            return
        }
        if let previousStored, stored < previousStored.addingTimeInterval(-ChainedDossierStore.clockSkew) {
            fail(entry, "stored earlier than the entry before it (\(entry.storedAt)): inserted out of order")
        }
        if stored > latest { fail(entry, "stored in the future (\(entry.storedAt))") }
        previousStored = stored
    }

    /// A tender dossier names the tender's team; a signed act on the tender is by one of them.
    private mutating func checkTeam(_ entry: StoredEntry) throws {
        if entry.kind == .tender, !tombstoned.contains(entry.id) {
            let bytes = try store.read { try store.blob(entry.contentSHA256) }
            teams[entry.tenderID] = bytes.flatMap(ChainedDossierStore.team(ofTenderDossier:)).map { ($0, entry.seq) }
        }
        if [.decision, .confirmation, .award, .cancellation].contains(entry.kind), entry.signer != nil,
            let (team, seq) = teams[entry.tenderID], !team.contains(entry.account ?? "")
        {
            fail(
                entry,
                "written by the account \(entry.account ?? "unknown"), which is not in the team of \(entry.tenderID) (\(team.joined(separator: ", ")), named by its tender dossier in entry \(seq))"
            )
        }
    }

    /// A dossier's content and sources are kept with their SHA-256, unless purged.
    private mutating func checkDossier(_ entry: StoredEntry) throws {
        let purged = tombstoned.contains(entry.id)
        switch try blobMatches(entry.contentSHA256) {
        case nil where !purged: fail(entry, "dossier content deleted without a tombstone")
        case false?: fail(entry, "dossier content does not match its SHA-256")
        default: break
        }
        try checkFiles(
            entry, purged: purged || redacted.contains(entry.id), listDiffers: "source files differ from those recorded",
            label: "source file")
    }

    /// A person's registration: readable, and signed as the register's rules require.
    private mutating func checkRegistration(_ entry: StoredEntry) throws {
        guard let member = try store.read({ try store.registration(entry) }) else {
            fail(entry, "registration without a readable person")
            return
        }
        var reasons: [String] = []
        signatures.register(entry, member.person) { reasons.append($0) }
        for reason in reasons { fail(entry, reason) }
    }

    /// A confirmation confirms an earlier decision on the same finding, by another person (four eyes).
    private mutating func checkConfirmation(_ entry: StoredEntry) throws {
        if let proposal = try store.subjectEntry(of: entry), proposal.kind == .decision, proposal.seq < entry.seq,
            proposal.tenderID == entry.tenderID,
            proposal.bidderName == entry.bidderName, proposal.bidderKey == entry.bidderKey, proposal.decision == entry.decision,
            proposal.finding == entry.finding
        {
            if proposal.account == entry.account || proposal.signer == entry.signer {
                fail(entry, "confirmed by the person who proposed it (four eyes)")
            }
            let word = entry.decision.flatMap(ReviewDecision.init(rawValue:)) ?? .needsInformation
            let severity: Severity = try self.severity(of: proposal.finding ?? "", in: proposal.subject ?? "") ?? .blocker
            checkSignature(entry, act: .confirm(word, severity))
        } else {
            fail(entry, "confirmation of \(entry.subject ?? "nothing"), which is not an earlier decision on this bidder's finding")
        }
        if entry.signer == nil { fail(entry, "confirmation without a signature") }
    }

    /// A decision on a finding of an earlier dossier, with a reason, by someone with the mandate.
    private mutating func checkDecision(_ entry: StoredEntry) throws {
        if entry.signer == nil {
            signatures.unsignedDecisions += 1
        } else if let word = entry.decision.flatMap(ReviewDecision.init(rawValue:)), let finding = entry.finding {
            // A purged dossier no longer says the finding's severity: the weaker mandate is checked.
            let severity: Severity = try self.severity(of: finding, in: entry.subject ?? "") ?? .attention
            checkSignature(entry, act: .propose(word, severity))
        }
        if try !store.subjectIsDossier(entry) {
            fail(entry, "decision on \(entry.subject ?? "nothing"), which is not an earlier dossier of this tender")
        }
        if entry.decision.flatMap(ReviewDecision.init(rawValue:)) == nil || (entry.finding ?? "").isEmpty || (entry.reason ?? "").isEmpty {
            fail(entry, "decision entry without a valid decision, finding or reason")
        }
        try checkFiles(
            entry, purged: entry.subject.map { tombstoned.contains($0) || redacted.contains($0) } ?? false,
            listDiffers: "attached files differ from those recorded", label: "attached file")
    }

    /// An award or a cancellation ends the procedure: signed, of an earlier dossier; an award keeps its statement.
    private mutating func checkEnding(_ entry: StoredEntry) throws {
        if entry.kind == .award {
            awarded.insert(DossierBundle.versionKey(entry))
            if entry.signer != nil { checkSignature(entry, act: .award) }
            // Since awards state every bidder's outcome, the entry's files are the statement (earlier ones have none).
            if try store.subjectEntry(of: entry)?.sourcesSHA256 != entry.sourcesSHA256 {
                try checkFiles(
                    entry, purged: entry.subject.map(tombstoned.contains) ?? false,
                    listDiffers: "award statement differs from the one recorded", label: "award statement")
            }
        } else if entry.signer == nil {
            fail(entry, "cancellation without a signature")
        } else {
            checkSignature(entry, act: .cancel)
        }
        if let day = ChainedDossierStore.dutchDay(entry.storedAt), endedOn[entry.tenderID].map({ $0 < day }) ?? true {
            endedOn[entry.tenderID] = day
        }
        if try !store.subjectIsDossier(entry) {
            fail(entry, "\(entry.kind.rawValue) of \(entry.subject ?? "nothing"), which is not an earlier dossier of this tender")
        }
    }

    /// A purge: signed by a beheerder, of an earlier dossier, after the legal retention ended.
    private mutating func checkTombstone(_ entry: StoredEntry) throws {
        if entry.signer == nil {
            signatures.unsignedTombstones += 1
        } else {
            checkSignature(entry, act: .purge)
        }
        if try !store.subjectIsDossier(entry) {
            fail(entry, "tombstone of \(entry.subject ?? "nothing"), which is not an earlier dossier of this tender")
        }
        let years = ChainedDossierStore.legalRetentionYears
        if let day = ChainedDossierStore.dutchDay(entry.storedAt), let ended = endedOn[entry.tenderID], ended.adding(years: years) <= day {
            return
        }
        fail(
            entry,
            "tombstone before the legal retention ended (\(years) years after the tender's award or cancellation, Dir. 2014/24/EU art. 84)")
    }

    /// A redaction: signed, of a bidder's dossier, after the procedure ended, never of the awarded bidder.
    private mutating func checkRedaction(_ entry: StoredEntry) throws {
        if entry.signer == nil { fail(entry, "redaction without a signature") } else { checkSignature(entry, act: .purge) }
        if try store.subjectEntry(of: entry)?.kind != .dossier || !store.subjectIsDossier(entry) {
            fail(entry, "redaction of \(entry.subject ?? "nothing"), which is not an earlier bidder's dossier of this tender")
        }
        if endedOn[entry.tenderID] == nil {
            fail(entry, "redaction before the tender's award or cancellation: the details may still be needed (domain §9b)")
        }
        if awarded.contains(DossierBundle.versionKey(entry)) {
            fail(entry, "redaction of the dossier of a bidder awarded this tender: its details are kept until the retention ends")
        }
    }

    private mutating func checkSignature(_ entry: StoredEntry, act: Act) {
        var reasons: [String] = []
        signatures.check(entry, act: act) { reasons.append($0) }
        for reason in reasons { fail(entry, reason) }
    }

    /// An entry's files (a dossier's sources, a decision's attachments): the list must be the one
    /// its hash recorded, and each file must be kept with its SHA-256 unless the dossier was purged.
    private mutating func checkFiles(_ entry: StoredEntry, purged: Bool, listDiffers: String, label: String) throws {
        let files = try store.read {
            try store.db.query("SELECT role, path, sha256 FROM entry_files WHERE entry_seq = $1", [.integer(Int64(entry.seq))])
        }
        .map { (role: $0[0].text ?? "", path: $0[1].text ?? "", sha256: $0[2].text ?? "") }
        if ChainedDossierStore.sourcesDigest(files) != entry.sourcesSHA256 { fail(entry, listDiffers) }
        var allKept = true
        for file in files {
            switch try blobMatches(file.sha256) {
            case nil:
                allKept = false
                if !purged { fail(entry, "\(label) \(file.path) deleted without a tombstone") }
            case false?: fail(entry, "\(label) \(file.path) does not match its SHA-256")
            default: break
            }
        }
        // The bytes kept (a sealed file's ciphertext and wrapped key) as the entry recorded them:
        // checked without the data key, so a copy without it still finds a changed ciphertext.
        if let sealed = entry.sealedSHA256, allKept,
            ChainedDossierStore.sealedDigest(files.compactMap { storedRows[$0.sha256] }) != sealed
        {
            fail(entry, "\(label)s as stored (ciphertext or wrapped key) differ from what the entry recorded")
        }
    }

    /// Whether a kept file still has its SHA-256 (nil: not kept). A sealed file is opened with the
    /// store's data key; without the key on this machine it is counted, not failed.
    private mutating func blobMatches(_ sha: String) throws -> Bool? {
        if let known = blobOK[sha] { return known }
        guard let row = try store.read({ try store.storedFile(sha) }) else { return nil }
        storedRows[sha] = ChainedDossierStore.StoredRow(sha256: sha, keptSHA256: SHA256.hex(row.bytes), wrappedKey: row.wrappedKey)
        let sealed = row.wrappedKey != nil
        let ok: Bool
        if sealed, missingKey == nil {
            do { _ = try store.read { try store.storeKey(mayCreate: false) } } catch { missingKey = "\(error)" }
        }
        if sealed, missingKey != nil {
            unopened += 1
            ok = true
        } else {
            ok = (try? store.read({ try store.opened(row, sha256: sha) })).map { SHA256.hex($0) == sha } ?? false
        }
        blobOK[sha] = ok
        return ok
    }

    /// The severity of a finding of a dossier (a review item is attention); nil when the dossier no longer says.
    private mutating func severity(of finding: String, in dossier: String) throws -> Severity? {
        if finding.hasPrefix("review.") { return .attention }
        if severityCache[dossier] == nil { severityCache[dossier] = try store.read { try? store.severities(in: dossier) } ?? [:] }
        return severityCache[dossier]?[finding]
    }

    // MARK: Phase 3: the access log

    /// One access-log record: the log has its own chain.
    mutating func check(_ record: AccessRecord) {
        accessCount += 1
        if record.seq != accessCount {
            broken.append(.init(seq: record.seq, id: "access log", reason: "access-log records before \(record.seq) are missing"))
            accessCount = record.seq
        }
        if record.prevHash != accessPrevious || record.computedHash != record.hash {
            broken.append(.init(seq: record.seq, id: "access log", reason: "access-log record changed or chain broken"))
        }
        accessPrevious = record.hash
        log.appendAccess(record.hash)
    }

    // MARK: Phase 4: the report

    /// What was found, with the notes on what could not be proved, and the recorded head looked up.
    mutating func report(expectHead: String?) throws -> VerifyReport {
        broken += log.finish(entries: count, accessRecords: accessCount)
        var report = VerifyReport(entries: count, headHash: previousHash, broken: broken, accessRecords: accessCount)
        var notes: [String] = []
        if signatures.unsignedDecisions > 0 {
            notes.append(
                "\(signatures.unsignedDecisions) decisions were recorded before decisions were signed: they name no authenticated person, and one on a blocker counts as an unconfirmed proposal"
            )
        }
        if signatures.unsignedTombstones > 0 {
            notes.append(
                "\(signatures.unsignedTombstones) dossiers were purged before purges were signed: their tombstones name no authenticated beheerder"
            )
        }
        report.log = log.summary
        notes += log.notes
        if let bypass { notes.append(bypass) }
        if unopened > 0, let missingKey {
            notes.append(
                "\(unopened) stored files are encrypted and were not compared with their SHA-256 (\(missingKey)); the chain and every dossier were checked"
            )
        }
        report.notes = notes.isEmpty ? nil : notes
        if let expectHead {
            let store = self.store
            try report.expect(head: expectHead) { hash in
                try store.read { try store.db.query("SELECT seq FROM entries WHERE entry_hash = $1", [.text(hash)]) }.first?.first?.integer
                    .map { Int($0) }
            }
        }
        return report
    }
}
