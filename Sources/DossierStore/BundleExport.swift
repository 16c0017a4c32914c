import DossierModel
import Foundation
import Transparency

extension DossierBundle {
    /// One export (`DossierBundle.export`), phase by phase: the store verified and its chain read,
    /// the dossiers with their files and reports, the templates, the decisions, the awards and the
    /// registered people, the proofs of inclusion, and the manifest. Every file goes to the sinks
    /// as it is made and is hashed once.
    struct BundleExport {
        let store: any DossierStore
        let renderer: (any DossierRenderer)?
        let language: ReportLanguage
        let sinks: [Sink]
        let withhold: Bool
        let report: VerifyReport
        let checkpoint: StoreCheckpoint?
        var chain: [ChainLink] = []
        var tree = MerkleTree()
        /// Per tender and bidder: every dossier version, for what the bundle says about later ones.
        var versions: [String: [Coverage.Later]] = [:]
        var awards: [StoredEntry] = []
        var problems: [String] = []
        var hashes: [String: String] = [:]
        var exported: [StoredEntry] = []
        var purged: [StoredEntry] = []
        var decisions: [StoredEntry] = []
        var people: [StoredEntry] = []
        var bundledSources: [String: [BundledSource]] = [:]
        var done = Set<String>()
        var sourceFiles: [String: String] = [:]
        var templateNames: [String] = []

        /// Phase 1: the store verified, its chain read link by link, its checkpoint compared.
        init(store: any DossierStore, renderer: (any DossierRenderer)?, language: ReportLanguage, sinks: [Sink], withhold: Bool) throws {
            self.store = store
            self.renderer = renderer
            self.language = language
            self.sinks = sinks
            self.withhold = withhold
            report = try store.verify()
            checkpoint = try store.latestCheckpoint()
            var chain: [ChainLink] = []
            var tree = MerkleTree()
            var versions: [String: [Coverage.Later]] = [:]
            var awards: [StoredEntry] = []
            try store.forEachEntry(StoreFilter(includeMarkers: true)) {
                chain.append(ChainLink(seq: $0.seq, fieldsHash: $0.fieldsHash, entryHash: $0.entryHash))
                tree.append(leafHash: ChainedDossierStore.leaf($0.entryHash))
                if $0.kind == .dossier {
                    versions[versionKey($0), default: []].append(Coverage.Later(seq: $0.seq, id: $0.id, outcome: $0.outcome))
                }
                if $0.kind == .award { awards.append($0) }
            }
            (self.chain, self.tree, self.versions, self.awards) = (chain, tree, versions, awards)
            problems = report.broken.map { "entry \($0.seq): \($0.reason)" }
            if let checkpoint,
                checkpoint.checkpoint.size > tree.size || tree.root(size: checkpoint.checkpoint.size) != checkpoint.checkpoint.root
            {
                problems.append("the store's latest checkpoint does not match its entries")
            }
        }

        mutating func emit(_ name: String, _ data: Data) throws {
            hashes[name] = SHA256.hex(data)
            for sink in sinks { try sink(name, data) }
        }

        /// An entry's source or attached files, each kept once per content as in the store:
        /// re-screens of the same file add nothing.
        mutating func bundleFiles(of id: String, criminalData: Bool) throws {
            let recorded = try store.fileList(id: id)
            // Forgotten under the retention rule (a redaction): listed by hash, as the chain recorded them.
            for file in recorded where !file.kept {
                bundledSources[id, default: []].append(
                    BundledSource(role: file.role, path: file.path, sha256: file.sha256, file: "", withheld: true, redacted: true))
            }
            if criminalData && withhold {
                for file in recorded where file.kept {
                    bundledSources[id, default: []].append(
                        BundledSource(role: file.role, path: file.path, sha256: file.sha256, file: "", withheld: true))
                }
                return
            }
            guard recorded.contains(where: \.kept) else { return }
            for file in try store.sources(id: id) {
                let name = sourceFiles[file.sha256] ?? "sources/\(file.sha256.prefix(16))-\(fileName(file.path))"
                if sourceFiles[file.sha256] == nil {
                    sourceFiles[file.sha256] = name
                    try emit(name, file.bytes)
                }
                bundledSources[id, default: []].append(BundledSource(role: file.role, path: file.path, sha256: file.sha256, file: name))
            }
        }

        /// Phase 2: each dossier asked for, with its files and its report; a purged one is listed.
        mutating func exportDossiers(_ ids: [String]) throws {
            for id in ids {
                guard let (entry, stored) = try store.content(id: id) else { throw StoreError.unknownID(id, candidates: []) }
                guard entry.kind == .dossier || entry.kind == .tender else {
                    throw StoreError.refused("\(entry.id) is a \(entry.kind) entry; export its dossier \(entry.subject ?? "")")
                }
                guard done.insert(entry.id).inserted else { continue }
                guard let content = stored else {
                    // Purged under the retention rule: only its tombstone is left, nothing to export.
                    purged.append(entry)
                    continue
                }
                exported.append(entry)
                try emit("dossiers/\(entry.id).json", content)
                try bundleFiles(of: entry.id, criminalData: entry.criminalData)
                if let renderer, entry.kind == .dossier {
                    try emit("reports/\(entry.id).html", try DossierBundle.report(content, renderer: renderer, language: language))
                }
            }
        }

        /// Phase 3: the report templates the pages were made with.
        mutating func exportTemplates() throws {
            let files = renderer?.templateFiles ?? [:]
            templateNames = files.keys.sorted()
            for name in templateNames { try emit("templates/" + name, files[name]!) }
        }

        /// Phase 4: the decisions on the exported dossiers, with their attached files. Decisions on
        /// earlier versions of the bidder's dossier come too: they apply again to an exported version
        /// whose finding has the same evidence (the review carries them). A confirmation names the
        /// decision it confirms: it comes with that decision.
        mutating func exportDecisions() throws {
            var seenDecisions = Set<String>()
            for entry in exported {
                for decision in try store.decisions(about: entry) {
                    let subject = decision.subject ?? ""
                    let belongs = decision.kind == .confirmation ? seenDecisions.contains(subject) : true
                    guard belongs, seenDecisions.insert(decision.id).inserted else { continue }
                    decisions.append(decision)
                    try bundleFiles(of: decision.id, criminalData: entry.criminalData)
                }
            }
        }

        /// Phase 5: the awards of exported dossiers, with their statements, and every registration of a person.
        mutating func exportAwardsAndPeople() throws {
            let exportedIDs = Set(exported.map(\.id))
            awards = awards.filter { exportedIDs.contains($0.subject ?? "") }
            for award in awards { try bundleFiles(of: award.id, criminalData: false) }
            for (entry, bytes) in try store.registrations() {
                people.append(entry)
                try emit("people/\(entry.id).json", bytes)
            }
        }

        /// Phase 6: proofs of inclusion in the signed checkpoint, one per entry the bundle carries.
        mutating func exportProofs() throws {
            guard let checkpoint else { return }
            let size = checkpoint.checkpoint.size
            for entry in exported + purged + decisions + awards + people where entry.seq <= size && size <= tree.size {
                let proof = TlogProof(
                    index: entry.seq - 1, proof: tree.inclusionProof(index: entry.seq - 1, size: size), checkpoint: checkpoint.note)
                try emit("proofs/\(entry.id).tlog-proof", Data(proof.text.utf8))
            }
        }

        /// Phase 7: the manifest (with what the bundle covers), the index page, and the manifest written last.
        mutating func finish(now: Date) throws -> Manifest {
            let versions = self.versions
            let coverage = exported.filter { $0.kind == .dossier }.map { entry in
                Coverage(
                    id: entry.id, seq: entry.seq, bidder: entry.bidderName, tender: entry.tenderID,
                    laterVersions: (versions[versionKey(entry)] ?? []).filter { $0.seq > entry.seq })
            }
            var manifest = Manifest(
                createdAt: ChainedDossierStore.timestamp.string(from: now), storeHeadHash: report.headHash,
                storeProblems: problems, language: language.rawValue, reports: renderer != nil,
                entries: exported, purged: purged, decisions: decisions.sorted { $0.seq < $1.seq }, chain: chain, sources: bundledSources,
                files: [:],
                templates: renderer == nil ? nil : templateNames, renderedBy: renderer == nil ? nil : ToolInfo.version)
            manifest.vkey = try store.registeredVerifier()?.vkey
            manifest.checkpoint = checkpoint?.note
            manifest.coverage = coverage
            manifest.people = people
            manifest.awards = awards
            // The index page is written by the report templates: without them, the bundle has no readable pages.
            if let renderer { try emit("index.html", Data(renderer.bundleIndex(indexData(manifest)).utf8)) }
            manifest.files = hashes
            let encoded = try manifest.encoded()
            for sink in sinks { try sink("manifest.json", encoded) }
            return manifest
        }
    }
}
