import AgeEncryption
import DossierModel
import Foundation
import Transparency

/// A self-contained export for an auditor on another machine: the dossiers as stored, their source
/// files, a readable HTML page per dossier plus an index, and a manifest with every file's SHA-256,
/// the exported entries with all their hashed fields, and for every entry of the store the hash of
/// its fields, so that the whole chain up to the head is recomputed from the bundle alone (no
/// other bidder's data leaves the store).
public enum DossierBundle {
    public struct Manifest: Codable, Sendable {
        public var schema = "uea-screen/bundle/2"
        public var createdAt: String
        public var storeHeadHash: String
        /// Problems the store's own verify found when the bundle was made (empty when it verified).
        public var storeProblems: [String]
        /// The report language; the reports and index are rendered again at verify and compared.
        public var language: String
        public var reports: Bool
        public var entries: [StoredEntry]
        /// Requested dossiers whose content was purged: their entries, without files.
        public var purged: [StoredEntry]
        /// The decisions recorded on the exported dossiers (their attached files are in `sources`).
        public var decisions: [StoredEntry]? = nil
        public var chain: [ChainLink]
        /// Per exported entry id: its source files as stored (role, original path, SHA-256, file in the bundle).
        public var sources: [String: [BundledSource]]
        public var files: [String: String]
        /// The template files the reports were rendered with (under `templates/` in the bundle) and
        /// the release that rendered them: verify renders the reports again with these, so a later
        /// release with other templates still checks them.
        public var templates: [String]? = nil
        public var renderedBy: String? = nil
        /// The store's transparency log: its verifier key as the store holds it, and the signed
        /// checkpoint the proofs lead to (`proofs/<entry id>.tlog-proof`, one per exported,
        /// purged or decision entry it covers).
        public var vkey: String? = nil
        public var checkpoint: String? = nil
        /// Per exported dossier: whether the store held later versions of it when it was exported.
        public var coverage: [Coverage]? = nil
        /// Every registration of a person in the store (their roles and verifier key, as
        /// `people/<entry id>.json`), and the awards of the exported dossiers with their statements:
        /// verify checks each decision's, confirmation's and award's signature and mandate with them.
        public var people: [StoredEntry]? = nil
        public var awards: [StoredEntry]? = nil

        /// The manifest's JSON, written key by key (in sorted order) and its lists and maps element
        /// by element, one element per line: memory holds one element's encoding at a time, not the
        /// whole tree (one JSONEncoder call over the 24 MB manifest of 8,000 dossiers took ~100 MB).
        /// A test holds it equal to the synthesized encoding, so a new field cannot be left out.
        public func encoded() throws -> Data {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            var out = Data("{".utf8)
            var separator = "\n"
            func key(_ name: String) {
                out.append(contentsOf: Array("\(separator)\"\(name)\":".utf8))
                separator = ",\n"
            }
            func value(_ name: String, _ value: (some Encodable)?) throws {
                guard let value else { return }
                key(name)
                out.append(try encoder.encode(value))
            }
            func list(_ name: String, _ items: [some Encodable]?) throws {
                guard let items else { return }
                key(name)
                out.append(contentsOf: Array("[".utf8))
                for (index, item) in items.enumerated() {
                    out.append(contentsOf: Array((index == 0 ? "\n" : ",\n").utf8))
                    out.append(try encoder.encode(item))
                }
                out.append(contentsOf: Array("]".utf8))
            }
            func map(_ name: String, _ items: [String: some Encodable]) throws {
                key(name)
                out.append(contentsOf: Array("{".utf8))
                for (index, item) in items.sorted(by: { $0.key < $1.key }).enumerated() {
                    out.append(contentsOf: Array((index == 0 ? "\n" : ",\n").utf8))
                    out.append(try encoder.encode(item.key))
                    out.append(contentsOf: Array(":".utf8))
                    out.append(try encoder.encode(item.value))
                }
                out.append(contentsOf: Array("}".utf8))
            }
            try list("awards", awards)
            try list("chain", chain)
            try value("checkpoint", checkpoint)
            try list("coverage", coverage)
            try value("createdAt", createdAt)
            try list("decisions", decisions)
            try list("entries", entries)
            try map("files", files)
            try value("language", language)
            try list("people", people)
            try list("purged", purged)
            try value("renderedBy", renderedBy)
            try value("reports", reports)
            try value("schema", schema)
            try map("sources", sources)
            try value("storeHeadHash", storeHeadHash)
            try list("storeProblems", storeProblems)
            try list("templates", templates)
            try value("vkey", vkey)
            out.append(contentsOf: Array("\n}\n".utf8))
            return out
        }
    }

    /// What a bundle says about one exported dossier: the version it holds and the later versions
    /// of the same bidder in the same tender that the store held at export.
    public struct Coverage: Codable, Sendable, Equatable {
        public var id: String
        public var seq: Int
        public var bidder: String
        public var tender: String
        public var laterVersions: [Later]
        public struct Later: Codable, Sendable, Equatable {
            public var seq: Int
            public var id: String
            public var outcome: Outcome
        }
    }

    public struct BundledSource: Codable, Sendable {
        public var role: String
        public var path: String
        public var sha256: String
        /// The file's name in the bundle; empty when withheld.
        public var file: String
        /// Left out of a clear-text bundle: a file of a dossier with criminal-law data (its SHA-256
        /// is in the chain, so a copy given later is proved the same).
        public var withheld: Bool? = nil
        /// Forgotten in the store under the retention rule before the export (a redaction entry).
        public var redacted: Bool? = nil
    }

    /// One entry of the chain: the hash of its fields and its chained hash.
    public struct ChainLink: Codable, Sendable {
        public var seq: Int
        public var fieldsHash: String
        public var entryHash: String
    }

    /// Where export writes: each file once, as soon as it is ready (memory does not grow with the tender).
    public typealias Sink = (_ name: String, _ data: Data) throws -> Void

    /// A sink that writes a tar file to `path` (0600), atomically: the bundle appears whole or not
    /// at all; encrypted in the age format to `recipients` when any are given (one 64 KiB chunk in memory).
    public static func tarFile(_ path: String, recipients: [Age.Recipient] = []) throws -> (
        sink: Sink, finish: () throws -> Void, abandon: () -> Void
    ) {
        let url = URL(fileURLWithPath: path)
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp")
        guard FileManager.default.createFile(atPath: temporary.path, contents: nil, attributes: [.posixPermissions: 0o600]),
            let handle = FileHandle(forWritingAtPath: temporary.path)
        else {
            throw StoreError.database("\(path): cannot be written")
        }
        let sealer = recipients.isEmpty ? nil : try Age.Writer(recipients: recipients) { try handle.write(contentsOf: $0) }
        let writer = Tar.Writer(write: { data in
            if let sealer { try sealer.write(data) } else { try handle.write(contentsOf: data) }
        })
        return (
            { name, data in try writer.add(name, data) },
            {
                try writer.finish()
                try sealer?.finish()
                try handle.synchronize()
                try handle.close()
                guard rename(temporary.path, url.path) == 0 else {
                    throw StoreError.database("\(path): rename failed: \(String(cString: strerror(errno)))")
                }
            },
            {
                try? handle.close()
                try? FileManager.default.removeItem(at: temporary)
            }
        )
    }

    /// A sink that writes each file into `directory` (folders 0700, files 0600, each atomically).
    public static func folder(_ directory: String) -> Sink {
        { name, data in
            let path = (directory as NSString).appendingPathComponent(name)
            try FileManager.default.createDirectory(
                atPath: PathText.parent(path) ?? "/", withIntermediateDirectories: true,
                attributes: [.posixPermissions: 0o700])
            try AtomicFile.write(data, to: path)
        }
    }

    /// Exports `ids` (each resolved exactly) to `sinks`; the manifest is written last.
    @discardableResult
    /// `withholdCriminalData`: a clear-text bundle leaves out the files of dossiers with
    /// criminal-law data and their decisions' attachments, and lists them as withheld.
    public static func export(
        store: any DossierStore, ids: [String], renderer: (any DossierRenderer)?, language: ReportLanguage,
        to sinks: [Sink], withholdCriminalData: Bool = false, now: Date = Date()
    ) throws -> Manifest {
        var run = try BundleExport(store: store, renderer: renderer, language: language, sinks: sinks, withhold: withholdCriminalData)
        try run.exportDossiers(ids)
        try run.exportTemplates()
        try run.exportDecisions()
        try run.exportAwardsAndPeople()
        try run.exportProofs()
        return try run.finish(now: now)
    }

    /// The bundle in memory (tests, small exports).
    public static func export(store: any DossierStore, ids: [String], renderer: (any DossierRenderer)?, language: ReportLanguage) throws
        -> Data
    {
        var out = Data()
        let writer = Tar.Writer(write: { out.append($0) })
        try export(store: store, ids: ids, renderer: renderer, language: language, to: [{ try writer.add($0, $1) }])
        try writer.finish()
        return out
    }

    static func versionKey(_ entry: StoredEntry) -> String {
        "\(entry.tenderID.utf8.count):\(entry.tenderID)|\(entry.bidderKey.utf8.count):\(entry.bidderKey)|\(entry.bidderName)"
    }

    /// The source's own file name, cut to 200 bytes on a character boundary (file systems allow 255).
    static func fileName(_ path: String) -> String {
        var name = ""
        for character in URL(fileURLWithPath: path).lastPathComponent where name.utf8.count + character.utf8.count <= 200 {
            name.append(character)
        }
        return name
    }

    static func report(_ content: Data, renderer: any DossierRenderer, language: ReportLanguage) throws -> Data {
        let dossier = try JSONDecoder().decode(Dossier.self, from: content)
        return Data(renderer.render(dossier, format: .html, language: language).utf8)
    }

    /// What the index page shows, a function of the manifest alone (so verify can render it again
    /// and compare). The page itself is the renderer's (`DossierRenderer.bundleIndex`).
    static func indexData(_ manifest: Manifest) -> BundleIndex {
        func row(_ entry: StoredEntry, purged: Bool) -> BundleIndex.Row {
            BundleIndex.Row(
                bidder: entry.kind == .tender ? nil : entry.bidderName, tender: entry.tenderID,
                screenedOn: String(entry.screenedAt.prefix(10)),
                outcome: entry.outcome, purged: purged,
                report: purged || !manifest.reports || entry.kind != .dossier ? nil : "reports/\(entry.id).html",
                hash: String(entry.entryHash.prefix(16)))
        }
        return BundleIndex(
            rows: manifest.entries.map { row($0, purged: false) } + manifest.purged.map { row($0, purged: true) },
            language: ReportLanguage(rawValue: manifest.language) ?? .nl, chainLength: manifest.chain.count,
            headHash: manifest.storeHeadHash, problems: manifest.storeProblems,
            earlierForm: !(manifest.templates ?? []).contains(BundleIndex.templateName))
    }

    /// Checks a bundle without the store: every file against the manifest (and nothing else in the
    /// archive), every exported entry's fields, content and sources, the whole chain recomputed to
    /// the head from the fields' hashes, and the index and reports rendered again and compared.
    /// `renderer` nil: reports cannot be checked, which is reported as broken, not passed over.
    /// A bundle that carries its templates is rendered with them (`makeRenderer`), not with `renderer`.
    static func verify(
        _ source: Tar.Source, renderer: (any DossierRenderer)?, makeRenderer: DossierRendererFactory?,
        expectHead: String? = nil, trust: CheckpointTrust = CheckpointTrust()
    ) throws -> VerifyReport {
        var run = try BundleVerification(source)
        try run.checkFiles()
        run.checkChain()
        run.checkEntries()
        run.checkSignatures()
        try run.checkPages(renderer: renderer, makeRenderer: makeRenderer)
        return run.report(trust: trust, expectHead: expectHead)
    }

    /// The exported dossier a decision is about: its subject, or (a decision carried from an earlier
    /// version) the latest exported version of the same bidder in the same tender stored after it.
    static func exportedVersion(of decision: StoredEntry, in versions: ExportedVersions) -> StoredEntry? {
        versions.byID[decision.subject ?? ""] ?? versions.latest[versionKey(decision)]
    }

    /// The exported entries by id, and each bidder's latest exported dossier, built once per verify.
    struct ExportedVersions {
        var byID: [String: StoredEntry] = [:]
        var latest: [String: StoredEntry] = [:]
        init(_ manifest: Manifest) {
            for entry in manifest.entries {
                if byID[entry.id] == nil { byID[entry.id] = entry }
                guard entry.kind == .dossier else { continue }
                if latest[versionKey(entry)].map({ $0.seq < entry.seq }) ?? true { latest[versionKey(entry)] = entry }
            }
        }
    }

    /// The signatures and mandates of the bundle's decisions, confirmations and awards, checked as
    /// the store's verify checks them: against the registrations the bundle carries, in chain order.
    static func checkSignatures(
        _ manifest: Manifest, hashes: [String: String], members: [String: Tar.Member], source: Tar.Source, notes: inout [String],
        fail: (Int, String?, String) -> Void
    ) {
        let acts = (manifest.decisions ?? []) + (manifest.awards ?? [])
        let versions = ExportedVersions(manifest)
        guard let people = manifest.people else {
            if !acts.isEmpty {
                notes.append(
                    "this bundle was made by a release that did not carry the team's registrations: the signatures of its \(acts.count) decisions and awards were not checked"
                )
            }
            return
        }
        /// The severity of each finding of the bundled dossiers, by fingerprint, read once per dossier.
        var severities: [String: [String: Severity]] = [:]
        func severity(_ finding: String, in dossier: String, otherwise: Severity) -> Severity {
            if finding.hasPrefix("review.") { return .attention }
            if severities[dossier] == nil {
                let member = members["dossiers/\(dossier).json"]
                let findings = member.flatMap { try? source.read($0.offset, $0.size) }.flatMap {
                    try? JSONDecoder().decode(Findings.self, from: $0)
                }
                severities[dossier] = Dictionary((findings?.findings ?? []).map { ($0.fingerprint, $0.severity) }) { first, _ in first }
            }
            // A finding the bundled version does not have (its evidence changed since): as the store's verify does.
            return severities[dossier]?[finding] ?? otherwise
        }
        let proposals = Dictionary((manifest.decisions ?? []).map { ($0.id, $0) }) { first, _ in first }
        var check = SignatureCheck()
        for entry in (people + acts).sorted(by: { $0.seq < $1.seq }) {
            func failed(_ reason: String) { fail(entry.seq, entry.id, reason) }
            let word = entry.decision.flatMap(ReviewDecision.init(rawValue:)) ?? .needsInformation
            switch entry.kind {
            case .person:
                let member = members["people/\(entry.id).json"]
                guard hashes["people/\(entry.id).json"] == entry.contentSHA256, let member,
                    let person = (try? source.read(member.offset, member.size)).flatMap({ try? JSONDecoder().decode(Person.self, from: $0) }
                    )
                else {
                    failed("registration missing from the bundle or changed")
                    continue
                }
                check.register(entry, person, fail: failed)
            case .decision:
                if entry.signer == nil {
                    check.unsignedDecisions += 1
                } else {
                    let dossier = exportedVersion(of: entry, in: versions)?.id ?? entry.subject ?? ""
                    check.check(entry, act: .propose(word, severity(entry.finding ?? "", in: dossier, otherwise: .attention)), fail: failed)
                }
            case .confirmation:
                if entry.signer == nil { failed("confirmation without a signature") }
                let proposal = proposals[entry.subject ?? ""]
                let on = severity(
                    proposal?.finding ?? "", in: proposal.flatMap { exportedVersion(of: $0, in: versions)?.id } ?? proposal?.subject ?? "",
                    otherwise: .blocker)
                check.check(entry, act: .confirm(word, on), fail: failed)
            case .award:
                if entry.signer != nil { check.check(entry, act: .award, fail: failed) }
            default: break
            }
        }
        if check.unsignedDecisions > 0 {
            notes.append(
                "\(check.unsignedDecisions) decisions were recorded before decisions were signed: they name no authenticated person, and one on a blocker counts as an unconfirmed proposal"
            )
        }
    }

    public static func verify(
        _ bundle: Data, renderer: (any DossierRenderer)? = nil, makeRenderer: DossierRendererFactory? = nil,
        expectHead: String? = nil, trust: CheckpointTrust = CheckpointTrust()
    ) throws -> VerifyReport {
        try verify(.data(bundle), renderer: renderer, makeRenderer: makeRenderer, expectHead: expectHead, trust: trust)
    }

    /// The bundle's checkpoint and proofs: the checkpoint is signed by the trusted key (given,
    /// else the one the bundle carries, which is said), its root is the root of the bundle's own
    /// chain at its size, every proof leads from its entry to it, and a checkpoint kept outside
    /// matches the chain too.
    static func checkLog(
        _ manifest: Manifest, members: [String: Tar.Member], source: Tar.Source, trust: CheckpointTrust, fail: (String) -> Void
    ) -> (summary: LogSummary?, notes: [String]) {
        var notes: [String] = []
        let carried = manifest.vkey.flatMap { try? NoteVerifier(vkey: $0) }
        if let given = trust.vkey, let carried, given != carried {
            fail("the bundle names the key \(carried.vkey), not the key given with --vkey (\(given.vkey))")
        }
        guard let verifier = trust.vkey ?? carried else {
            if manifest.checkpoint != nil { fail("the bundle holds a checkpoint but no verifier key; give --vkey") }
            notes.append(
                "this bundle holds no signed checkpoint: it proves that its files and chain agree with each other, not that the store held them"
            )
            return (nil, notes)
        }
        var tree = MerkleTree()
        for link in manifest.chain { tree.append(leafHash: ChainedDossierStore.leaf(link.entryHash)) }
        func matches(_ checkpoint: Checkpoint, _ label: String) {
            if checkpoint.size > tree.size {
                fail("\(label) covers \(checkpoint.size) entries, the bundle's chain only \(tree.size)")
            } else if tree.root(size: checkpoint.size) != checkpoint.root {
                fail("\(label) does not match the bundle's chain: an entry was changed")
            }
        }
        /// A checkpoint signed by the trusted key whose root is the chain's at its size: its size.
        func checked(_ note: String, _ label: String) -> Int? {
            do {
                let opened = try StoreCheckpoint.open(note, verifier: verifier)
                matches(opened.checkpoint, label)
                return opened.checkpoint.size
            } catch {
                fail("\(label): \(error)")
                return nil
            }
        }
        if manifest.checkpoint == nil { fail("the bundle names a verifier key but holds no checkpoint") }
        let signedEntries = manifest.checkpoint.flatMap { checked($0, "the bundle's checkpoint") }
        // Every proof, as an auditor's own tool would check it: leaf = the entry hash's bytes.
        let proofs = members
        for entry in manifest.entries + manifest.purged + (manifest.decisions ?? []) + (manifest.people ?? []) + (manifest.awards ?? []) {
            let name = "proofs/\(entry.id).tlog-proof"
            guard let member = proofs[name] else {
                if let signedEntries, entry.seq <= signedEntries { fail("\(name) is missing") }
                continue
            }
            do {
                let proof = try TlogProof(text: String(decoding: try source.read(member.offset, member.size), as: UTF8.self))
                guard proof.index == entry.seq - 1 else { throw SignedNote.FormatError("its index is not entry \(entry.seq)'s") }
                _ = try proof.verify(leafHash: ChainedDossierStore.leaf(entry.entryHash), verifier: verifier)
            } catch { fail("\(name): \(error)") }
        }
        let keptEntries = trust.checkpoint.flatMap { checked($0, "the checkpoint given with --expect-checkpoint") }
        if trust.vkey == nil {
            notes.append(
                "the checkpoint was checked against the key the bundle itself carries; give --vkey with the store's key as you recorded it to prove who signed it"
            )
        }
        if let signedEntries, signedEntries < tree.size {
            notes.append("\(tree.size - signedEntries) entries of the chain came after the bundle's checkpoint and are not covered by it")
        }
        return (
            LogSummary(
                vkey: verifier.vkey, keyGiven: trust.vkey != nil, checkpoints: manifest.checkpoint == nil ? 0 : 1,
                signedEntries: signedEntries, latest: manifest.checkpoint, expectedCheckpointEntries: keptEntries), notes
        )
    }

    /// Verifies the bundle file at `path`, read piece by piece.
    public static func verify(
        path: String, renderer: (any DossierRenderer)?, makeRenderer: DossierRendererFactory? = nil,
        expectHead: String?, trust: CheckpointTrust = CheckpointTrust(), identities: [Age.Identity] = []
    ) throws -> VerifyReport {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw Tar.FormatError(description: "cannot be read") }
        defer { try? handle.close() }
        if Age.isAgeFile((try? handle.read(upToCount: 32)) ?? Data()) {
            guard !identities.isEmpty else {
                throw Tar.FormatError(description: "the bundle is encrypted (age): give --identity with the key it was encrypted to")
            }
            // Decrypted into a private temporary file, verified there, and removed.
            let clear = FileManager.default.temporaryDirectory.appendingPathComponent("uea-screen-bundle-\(UUID().uuidString).tar").path
            guard FileManager.default.createFile(atPath: clear, contents: nil, attributes: [.posixPermissions: 0o600]),
                let output = FileHandle(forWritingAtPath: clear)
            else { throw Tar.FormatError(description: "no private temporary file could be made to decrypt into") }
            defer { unlink(clear) }
            do {
                let sealed = try Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped)
                try Age.decrypt(sealed, identities: identities) { try output.write(contentsOf: $0) }
                try output.close()
            } catch let failure as Age.Failure {
                try? output.close()
                throw Tar.FormatError(description: "\(failure)")
            }
            return try verify(path: clear, renderer: renderer, makeRenderer: makeRenderer, expectHead: expectHead, trust: trust)
        }
        return try verify(try Tar.Source.file(handle), renderer: renderer, makeRenderer: makeRenderer, expectHead: expectHead, trust: trust)
    }

}
