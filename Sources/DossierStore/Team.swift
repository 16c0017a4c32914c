import DossierModel
import Foundation
import Transparency

/// A person as registered in the store: their latest registration entry.
public struct TeamMember: Codable, Sendable, Equatable {
    public var person: Person
    /// The registration entry (decisions name it as their signer).
    public var entry: String
    public var seq: Int
    public var registeredAt: String
    public var registeredBy: String
}

/// The signature on an entry: a C2SP signed note whose text is the entry's fields hash, signed by
/// the person's Ed25519 key; the entry keeps the signature line. Any signed-note implementation
/// checks it with the registered verifier key.
public enum EntrySignature {
    static func text(fieldsHash: String) -> String { "uea-screen/signed-entry/1\n\(fieldsHash)\n" }

    static func line(fieldsHash: String, key: NoteSigner) throws -> String {
        let note = try SignedNote.sign(text(fieldsHash: fieldsHash), by: key)
        return String(note.dropFirst(text(fieldsHash: fieldsHash).count + 1)).trimmingCharacters(in: .newlines)
    }

    /// Whether `line` is `vkey`'s signature over the fields hash.
    public static func verify(_ line: String, fieldsHash: String, vkey: String) -> Bool {
        guard let verifier = try? NoteVerifier(vkey: vkey), !line.contains("\n") else { return false }
        return (try? SignedNote.open(text(fieldsHash: fieldsHash) + "\n" + line + "\n", verifiers: [verifier]))?.verifiedBy.isEmpty == false
    }

    /// Whether `person` wrote the entry: their account wrote it and their registered key signed it.
    static func isGenuine(_ entry: StoredEntry, by person: Person) -> Bool {
        entry.account == person.account && entry.signature.map { verify($0, fieldsHash: entry.fieldsHash, vkey: person.vkey) } == true
    }
}

extension ChainedDossierStore {
    public func account() throws -> String { authenticatedAccount }

    public func team() throws -> [TeamMember] { try read { try membersUnlocked() } }

    /// Every account's latest registration (inside a transaction or under the lock).
    func membersUnlocked() throws -> [TeamMember] {
        var latest: [String: TeamMember] = [:]
        var order: [String] = []
        for row in try db.query("SELECT \(columns) FROM entries WHERE kind = 'person' ORDER BY seq", []) {
            let entry = Self.entry(row)
            guard let member = try registration(entry) else { continue }
            if latest[member.person.account] == nil { order.append(member.person.account) }
            latest[member.person.account] = member
        }
        return order.compactMap { latest[$0] }
    }

    public func registrations() throws -> [(entry: StoredEntry, bytes: Data)] {
        try read {
            try db.query("SELECT \(columns) FROM entries WHERE kind = 'person' ORDER BY seq", []).compactMap { row in
                let entry = Self.entry(row)
                return try blob(entry.contentSHA256).map { (entry, $0) }
            }
        }
    }

    func registration(_ entry: StoredEntry) throws -> TeamMember? {
        guard let bytes = try blob(entry.contentSHA256),
            let person = try? JSONDecoder().decode(Person.self, from: bytes)
        else { return nil }
        return TeamMember(person: person, entry: entry.id, seq: entry.seq, registeredAt: entry.storedAt, registeredBy: entry.storedBy)
    }

    /// The registered person acting through this store's authenticated account, when they hold the
    /// mandate for `act` and `key` is their registered key; otherwise a refusal that says why.
    func actingMember(_ act: Act, key: NoteSigner, tender: String? = nil) throws -> TeamMember {
        let account = authenticatedAccount
        if let tender, let team = try tenderTeamUnlocked(tender), !team.contains(account) {
            throw StoreError.refused(
                "the account '\(account)' is not in the team of tender \(tender) (its tender file names \(team.joined(separator: ", "))); only they decide on it; nothing was recorded"
            )
        }
        guard let member = try membersUnlocked().first(where: { $0.person.account == account }), !member.person.roles.isEmpty else {
            throw StoreError.refused(
                "the account '\(account)' is not a registered member of this store's team; a beheerder registers people (`uea-screen team add`); nothing was recorded"
            )
        }
        guard Mandate.allows(member.person.roles, act) else {
            throw StoreError.refused(
                "\(member.person.name) (\(account)) holds \(member.person.roles.map(\.rawValue).joined(separator: ", ")); this needs \(Mandate.describe(act)) (domain §9b); nothing was recorded"
            )
        }
        guard key.verifier.vkey == member.person.vkey else {
            throw StoreError.refused(
                "the decision key on this machine (\(key.verifier.vkey)) is not the one registered for \(member.person.name) (\(member.person.vkey)); nothing was recorded"
            )
        }
        return member
    }

    /// The accounts the tender's latest stored tender dossier names as its team (`tender.yaml`
    /// `team:`), nil when it names none or the tender has no dossier of its own.
    func tenderTeamUnlocked(_ tender: String) throws -> [String]? {
        guard !tender.isEmpty,
            let row = try db.query(
                "SELECT content_sha256 FROM entries WHERE kind = 'tender' AND tender_id = $1 ORDER BY seq DESC LIMIT 1", [.text(tender)]
            ).first, let sha = row.first?.text, let bytes = try blob(sha)
        else { return nil }
        return Self.team(ofTenderDossier: bytes)
    }

    static func team(ofTenderDossier bytes: Data) -> [String]? {
        struct Team: Decodable {
            struct Tender: Decodable { var team: [String]? }
            var tender: Tender
        }
        return (try? JSONDecoder().decode(Team.self, from: bytes))?.tender.team
    }

    /// A new entry after the head, with nothing but its place in the chain (inside a write transaction).
    func nextEntry(kind: EntryKind, now: Date) throws -> StoredEntry {
        let last = try db.query("SELECT seq, entry_hash, stored_at FROM entries ORDER BY seq DESC LIMIT 1", []).first
        try Self.checkNotBeforeHead(last?[2].text, now: now)
        let stamp = Self.timestamp.string(from: now)
        return StoredEntry(
            seq: Int(last?[0].integer ?? 0) + 1, id: UUID().uuidString.lowercased(), kind: kind, subject: nil, criminalData: false,
            previousVersion: nil, tenderID: "", bidderName: "", bidderKey: "", screenedAt: stamp, storedAt: stamp, storedBy: "",
            reason: nil, outcome: .clean, blocker: 0, attention: 0, info: 0, checks: [], ruleDataVersion: "", contentSHA256: "",
            sourcesSHA256: Self.sourcesDigest([]), prevHash: last?[1].text ?? Self.zeroHash, entryHash: "")
    }

    /// Signs `entry` as `signer` (a registration entry id) with `key`, and stores it.
    func signAndInsert(_ entry: inout StoredEntry, signer: String, key: NoteSigner) throws {
        entry.account = authenticatedAccount
        entry.signer = signer
        entry.signature = try EntrySignature.line(fieldsHash: entry.fieldsHash, key: key)
        entry.entryHash = entry.computedHash
        try insert(entry)
    }

    public func register(_ person: Person, key: NoteSigner, now: Date = Date()) throws -> StoredEntry {
        try Self.checkText([("account", person.account), ("name", person.name), ("function", person.function), ("vkey", person.vkey)])
        guard !person.account.isEmpty, !person.name.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw StoreError.refused("a person needs an account and a name; nothing was recorded")
        }
        guard (try? NoteVerifier(vkey: person.vkey)) != nil else {
            throw StoreError.refused(
                "'\(person.vkey)' is not a verifier key; the person prints theirs with `uea-screen team key`; nothing was recorded")
        }
        return try write {
            let members = try membersUnlocked()
            var entry = try nextEntry(kind: .person, now: now)
            let signer: String
            if members.isEmpty {
                guard person.account == authenticatedAccount, person.roles.contains(.beheerder), person.vkey == key.verifier.vkey else {
                    throw StoreError.refused(
                        "nobody is registered in this store yet: its first member is a beheerder registering themselves with their own account (\(authenticatedAccount)) and key (`uea-screen team init`); nothing was recorded"
                    )
                }
                signer = entry.id
                entry.storedBy = person.name
            } else {
                let actor = try actingMember(.register, key: key)
                if let other = members.first(where: { $0.person.vkey == person.vkey && $0.person.account != person.account }) {
                    throw StoreError.refused(
                        "this key is registered for \(other.person.name) (\(other.person.account)); every person signs with their own key; nothing was recorded"
                    )
                }
                if person.account == actor.person.account && !person.roles.contains(.beheerder)
                    && !members.contains(where: { $0.person.account != actor.person.account && $0.person.roles.contains(.beheerder) })
                {
                    throw StoreError.refused(
                        "the store's last beheerder cannot give up that role; register another one first; nothing was recorded")
                }
                signer = actor.entry
                entry.storedBy = actor.person.name
            }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            let content = try encoder.encode(person)
            entry.subject = person.account
            entry.bidderName = person.name
            entry.reason = person.roles.isEmpty ? "mandate ended" : "roles: " + person.roles.map(\.rawValue).joined(separator: ", ")
            entry.contentSHA256 = SHA256.hex(content)
            try keepBlob(content, sha256: entry.contentSHA256)
            try signAndInsert(&entry, signer: signer, key: key)
            return entry
        }
    }

    public func confirm(decision id: String, reason: String, key: NoteSigner, now: Date = Date()) throws -> StoredEntry {
        try Self.checkText([("--reason", reason)])
        return try write {
            let proposal = try resolveUnlocked(id)
            guard proposal.kind == .decision, let word = proposal.decision.flatMap(ReviewDecision.init(rawValue:)),
                let finding = proposal.finding, let dossierID = proposal.subject
            else { throw StoreError.refused("\(proposal.id) is a \(proposal.kind.rawValue) entry, not a decision; confirm a decision") }
            guard !word.isLegacy, proposal.signer != nil else {
                throw StoreError.refused(
                    "decision \(proposal.id) (\(word.rawValue)) was recorded by an earlier release, unsigned and in a word that can be read two ways; record the decision again (`uea-screen review`), then confirm it; nothing was recorded"
                )
            }
            let severity = try severity(of: finding, in: dossierID)
            guard Mandate.needsConfirmation(word, on: severity) else {
                throw StoreError.refused(
                    "decision \(proposal.id) (\(word.rawValue) on a finding of severity \(severity.rawValue)) takes effect without a confirmation; nothing was recorded"
                )
            }
            let actor = try actingMember(.confirm(word, severity), key: key, tender: proposal.tenderID)
            // Another account, and (one key being one person's, see `register`) another key.
            guard actor.person.account != proposal.account, actor.entry != proposal.signer else {
                throw StoreError.refused(
                    "four eyes: \(actor.person.name) proposed decision \(proposal.id) and cannot confirm it; a second person with the mandate (\(Mandate.describe(.confirm(word, severity)))) confirms; nothing was recorded"
                )
            }
            let on: [SQLValue] = [.text(proposal.tenderID), .text(proposal.bidderKey), .text(proposal.bidderName), .text(finding)]
            if let later = try db.query(
                "SELECT id FROM entries WHERE kind = 'decision' AND tender_id = $1 AND bidder_key = $2 AND bidder_name = $3 AND finding = $4 AND seq > $5 ORDER BY seq DESC LIMIT 1",
                on + [.integer(Int64(proposal.seq))]
            ).first?.first?.text {
                throw StoreError.refused(
                    "decision \(proposal.id) was followed by decision \(later) on the same finding; confirm the latest; nothing was recorded"
                )
            }
            // Only a genuine confirmation counts: a row whose signature does not verify is ignored here as in the review.
            for row in try db.query("SELECT \(columns) FROM entries WHERE kind = 'confirmation' AND subject = $1", [.text(proposal.id)]) {
                let earlier = Self.entry(row)
                guard let signer = earlier.signer,
                    let registered = try db.query("SELECT \(columns) FROM entries WHERE kind = 'person' AND id = $1", [.text(signer)])
                        .first,
                    let person = try registration(Self.entry(registered))?.person, EntrySignature.isGenuine(earlier, by: person)
                else { continue }
                throw StoreError.refused("decision \(proposal.id) was already confirmed in entry \(earlier.id); nothing was recorded")
            }
            var entry = try appendMarker(
                kind: .confirmation, subject: proposal, by: actor.person.name, reason: reason, now: now, finish: false)
            entry.decision = word.rawValue
            entry.finding = finding
            entry.findingCheck = proposal.findingCheck
            entry.sourcesSHA256 = Self.sourcesDigest([])
            try signAndInsert(&entry, signer: actor.entry, key: key)
            return entry
        }
    }

    /// The severity of the finding with this fingerprint (a manual review item: attention) in the
    /// stored dossier `dossierID`; refused when the dossier has no such finding.
    func severity(of finding: String, in dossierID: String) throws -> Severity {
        if finding.hasPrefix("review.") { return .attention }
        guard let found = try severities(in: dossierID)[finding] else {
            throw StoreError.refused("dossier \(dossierID) has no finding \(finding.prefix(8)); nothing was recorded")
        }
        return found
    }

    /// The severity of every finding of the stored dossier `dossierID`, by fingerprint (read once
    /// per dossier by verify, whatever the number of decisions on it).
    func severities(in dossierID: String) throws -> [String: Severity] {
        guard
            let row = try db.query(
                "SELECT b.bytes FROM entries e JOIN blobs b ON b.sha256 = e.content_sha256 WHERE e.id = $1", [.text(dossierID)]
            )
            .first, let bytes = row.first?.data, let dossier = try? JSONDecoder().decode(Findings.self, from: bytes)
        else { throw StoreError.refused("dossier \(dossierID) cannot be read (purged?); nothing was recorded") }
        return Dictionary(dossier.findings.map { ($0.fingerprint, $0.severity) }, uniquingKeysWith: { first, _ in first })
    }
}

/// The findings of a bidder's dossier or of the tender's own (the same field in both).
struct Findings: Decodable {
    var findings: [Finding]
}

/// What verify knows of the team at each entry: registrations in chain order, checked as they come.
struct SignatureCheck {
    private var registrations: [String: Person] = [:]
    private var current: [String: String] = [:]
    var unsignedDecisions = 0
    var unsignedTombstones = 0

    /// A registration: the first is a beheerder registering themselves; every later one is signed by a beheerder.
    mutating func register(_ entry: StoredEntry, _ person: Person, fail: (String) -> Void) {
        if registrations.isEmpty {
            let selfSigned = entry.signer == entry.id && person.roles.contains(.beheerder) && EntrySignature.isGenuine(entry, by: person)
            if !selfSigned { fail("the first registration is not a beheerder registering themselves with their own key") }
        } else {
            check(entry, act: .register, fail: fail)
        }
        registrations[entry.id] = person
        current[person.account] = entry.id
    }

    /// A signed entry: the signer's registration was current, its key made the signature, its account
    /// wrote the entry, and its roles held the mandate for `act`.
    func check(_ entry: StoredEntry, act: Act, fail: (String) -> Void) {
        guard let signer = entry.signer, let person = registrations[signer] else {
            fail("signed by \(entry.signer ?? "nobody"), which is not an earlier registration of a person")
            return
        }
        guard let signature = entry.signature, EntrySignature.verify(signature, fieldsHash: entry.fieldsHash, vkey: person.vkey) else {
            fail("the signature does not verify with \(person.name)'s registered key: forged or changed")
            return
        }
        if entry.account != person.account {
            fail("signed with \(person.name)'s key but written by the account \(entry.account ?? "unknown"), not \(person.account)")
        }
        if current[person.account] != signer { fail("signed under a registration of \(person.name) that was no longer current") }
        if !Mandate.allows(person.roles, act) {
            fail("\(person.name) held \(person.roles.map(\.rawValue).joined(separator: ", ")) here; this needed \(Mandate.describe(act))")
        }
    }
}
