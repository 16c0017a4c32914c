import DossierModel
import Foundation

extension DossierBundle {
    /// One run of `DossierBundle.verify`, phase by phase: the manifest, every file against its
    /// SHA-256, the chain link by link, the entries against the chain and their files, the
    /// signatures, the pages rendered again, and the report with the log's proofs.
    struct BundleVerification {
        let source: Tar.Source
        let members: [Tar.Member]
        /// Looked up by name, once per dossier, proof and person: a dictionary keeps it linear.
        let byName: [String: Tar.Member]
        let manifest: Manifest
        var broken: [VerifyReport.Broken] = []
        var notes: [String] = []
        /// Each file's SHA-256, hashed once.
        var hashes: [String: String] = [:]
        /// Files listed as withheld (a clear-text bundle without criminal-law data).
        var withheld = 0
        /// Files forgotten in the store before the export (redaction under the retention rule).
        var redacted = 0

        /// Phase 1: the members and the manifest, which must be a uea-screen/bundle/2 manifest.
        init(_ source: Tar.Source) throws {
            self.source = source
            members = try Tar.members(source)
            byName = Dictionary(members.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
            guard let manifestMember = byName["manifest.json"] else {
                throw Tar.FormatError(description: "the bundle has no manifest.json")
            }
            guard manifestMember.size <= 256 << 20 else {
                throw Tar.FormatError(description: "manifest.json is \(manifestMember.size) bytes; at most 256 MB are read")
            }
            do {
                manifest = try JSONDecoder().decode(Manifest.self, from: try source.read(manifestMember.offset, manifestMember.size))
            } catch {
                throw Tar.FormatError(description: "manifest.json is not a uea-screen/bundle/2 manifest")
            }
            guard manifest.schema == "uea-screen/bundle/2" else {
                throw Tar.FormatError(description: "manifest schema \(manifest.schema) is not uea-screen/bundle/2")
            }
        }

        mutating func fail(_ seq: Int, _ id: String?, _ reason: String) { broken.append(.init(seq: seq, id: id, reason: reason)) }

        /// Phase 2: files, each hashed once, one at a time, against the manifest's list.
        mutating func checkFiles() throws {
            for member in members where member.name != "manifest.json" {
                hashes[member.name] = SHA256.hex(try source.read(member.offset, member.size))
                if manifest.files[member.name] == nil {
                    fail(0, nil, "\(Tar.display(member.name)) is in the bundle but not in its manifest")
                }
            }
            for (name, hash) in manifest.files.sorted(by: { $0.key < $1.key }) {
                guard let found = hashes[name] else {
                    fail(0, nil, "\(Tar.display(name)) is missing from the bundle")
                    continue
                }
                if found != hash { fail(0, nil, "\(Tar.display(name)) does not match its SHA-256") }
            }
        }

        /// Phase 3: the chain, recomputed link by link from the fields' hashes; each entry the bundle
        /// holds matches its link.
        mutating func checkChain() {
            var previous = ChainedDossierStore.zeroHash
            var linkBySeq: [Int: (prev: String, link: ChainLink)] = [:]
            for (index, link) in manifest.chain.enumerated() {
                if link.seq != index + 1 { fail(link.seq, nil, "chain entry \(index + 1) is missing") }
                if StoredEntry.chainHash(prev: previous, fieldsHash: link.fieldsHash) != link.entryHash {
                    fail(link.seq, nil, "chain link does not recompute")
                }
                linkBySeq[link.seq] = (previous, link)
                previous = link.entryHash
            }
            if previous != manifest.storeHeadHash { fail(manifest.chain.count, nil, "the chain does not end at the recorded head") }
            for entry in manifest.entries + manifest.purged + (manifest.decisions ?? []) + (manifest.people ?? []) + (manifest.awards ?? [])
            {
                guard let (prev, link) = linkBySeq[entry.seq] else {
                    fail(entry.seq, entry.id, "entry not in the chain")
                    continue
                }
                if entry.fieldsHash != link.fieldsHash || entry.entryHash != link.entryHash || entry.prevHash != prev
                    || entry.computedHash != entry.entryHash
                {
                    fail(entry.seq, entry.id, "entry fields do not match the chain")
                }
            }
        }

        /// An entry's files as the manifest lists them: the list must be the one its hash recorded,
        /// and each file in the bundle must have its SHA-256.
        mutating func checkFiles(_ entry: StoredEntry, listDiffers: String, fileChanged: String) {
            let recorded = manifest.sources[entry.id] ?? []
            if ChainedDossierStore.sourcesDigest(recorded.map { ($0.role, $0.path, $0.sha256) }) != entry.sourcesSHA256 {
                fail(entry.seq, entry.id, listDiffers)
            }
            for file in recorded where file.withheld != true && hashes[file.file] != file.sha256 {
                fail(entry.seq, entry.id, "\(fileChanged) \(Tar.display(file.path)) missing or changed")
            }
            withheld += recorded.filter { $0.withheld == true && $0.redacted != true }.count
            redacted += recorded.filter { $0.redacted == true }.count
        }

        /// Phase 4: the dossiers, decisions (four eyes for a confirmation) and awards with their files.
        mutating func checkEntries() {
            for entry in manifest.entries {
                if hashes["dossiers/\(entry.id).json"] != entry.contentSHA256 {
                    fail(entry.seq, entry.id, "dossier content does not match its SHA-256")
                }
                checkFiles(entry, listDiffers: "source list differs from the one recorded", fileChanged: "source file")
            }
            let exportedIDs = Set(manifest.entries.map(\.id))
            let versions = DossierBundle.ExportedVersions(manifest)
            let proposals = Dictionary((manifest.decisions ?? []).filter { $0.kind == .decision }.map { ($0.id, $0) }) { first, _ in first }
            for decision in manifest.decisions ?? [] {
                if decision.kind == .confirmation {
                    guard let proposal = proposals[decision.subject ?? ""], proposal.seq < decision.seq,
                        proposal.decision == decision.decision, proposal.finding == decision.finding
                    else {
                        fail(decision.seq, decision.id, "a confirmation of a decision that is not in the bundle")
                        continue
                    }
                    if proposal.account == decision.account || proposal.signer == decision.signer {
                        fail(decision.seq, decision.id, "confirmed by the person who proposed it (four eyes)")
                    }
                } else if decision.kind != .decision || DossierBundle.exportedVersion(of: decision, in: versions) == nil {
                    fail(decision.seq, decision.id, "a decision on a dossier that is not in the bundle")
                }
                checkFiles(decision, listDiffers: "attached files differ from the ones recorded", fileChanged: "attached file")
            }
            for award in manifest.awards ?? [] {
                if award.kind != .award || !exportedIDs.contains(award.subject ?? "") {
                    fail(award.seq, award.id, "an award of a dossier that is not in the bundle")
                }
                checkFiles(award, listDiffers: "award statement differs from the one recorded", fileChanged: "award statement")
            }
        }

        /// Phase 5: the signatures of the people, decisions and awards.
        mutating func checkSignatures() {
            var failures: [(Int, String?, String)] = []
            DossierBundle.checkSignatures(manifest, hashes: hashes, members: byName, source: source, notes: &notes) {
                failures.append(($0, $1, $2))
            }
            for (seq, id, reason) in failures { fail(seq, id, reason) }
        }

        /// Phase 6: the pages a person opens, rendered again from what was just verified, with the
        /// bundle's own templates where it carries them.
        mutating func checkPages(renderer: (any DossierRenderer)?, makeRenderer: DossierRendererFactory?) throws {
            var pages = renderer
            if let names = manifest.templates, !names.isEmpty, let makeRenderer {
                var files: [String: Data] = [:]
                for name in names {
                    guard let member = byName["templates/" + name] else { continue }
                    files[name] = try source.read(member.offset, member.size)
                }
                do {
                    pages = try makeRenderer(files)
                } catch {
                    fail(0, nil, "the bundle's templates cannot be read (\(error))")
                    pages = nil
                }
            }
            // Same templates, other code: a page is held to its SHA-256 in the manifest only, and that
            // is said; the dossier JSON is the record.
            let otherRelease = manifest.renderedBy.map { $0 != ToolInfo.version && manifest.templates?.isEmpty == false } ?? false
            func differs(_ file: String, seq: Int, id: String?, _ reason: String) {
                if otherRelease, let renderedBy = manifest.renderedBy {
                    notes.append(
                        "\(file) was rendered by uea-screen \(renderedBy) and this release (\(ToolInfo.version)) renders it "
                            + "differently from the same templates: the page is checked by its SHA-256 only; the dossier JSON is the record"
                    )
                } else {
                    fail(seq, id, reason)
                }
            }
            if let pages {
                if let stored = hashes["index.html"] {
                    if stored != SHA256.hex(Data(pages.bundleIndex(DossierBundle.indexData(manifest)).utf8)) {
                        differs("index.html", seq: 0, id: nil, "index.html is not the page these dossiers give")
                    }
                } else if manifest.templates != nil || manifest.reports {
                    fail(0, nil, "index.html is missing: the bundle was exported with report templates")
                }
            } else if !manifest.reports && hashes["index.html"] != nil {
                fail(0, nil, "index.html cannot be checked: report templates not found (pass --templates)")
            }
            if manifest.reports {
                if let pages, let language = ReportLanguage(rawValue: manifest.language) {
                    for entry in manifest.entries where entry.kind == .dossier {
                        guard let member = byName["dossiers/\(entry.id).json"] else { continue }
                        let expected = try? DossierBundle.report(
                            try source.read(member.offset, member.size), renderer: pages, language: language)
                        guard expected.map(SHA256.hex) != hashes["reports/\(entry.id).html"] else { continue }
                        differs(
                            "reports/\(entry.id).html", seq: entry.seq, id: entry.id,
                            "reports/\(entry.id).html is not the report of the dossier (or was made with other templates)")
                    }
                } else {
                    fail(0, nil, "the reports cannot be checked: report templates not found (pass --templates)")
                }
            }
        }

        /// Phase 7: the log's checkpoint and proofs, the notes, and the report.
        mutating func report(trust: CheckpointTrust, expectHead: String?) -> VerifyReport {
            var logFailures: [String] = []
            let log = DossierBundle.checkLog(manifest, members: byName, source: source, trust: trust) { logFailures.append($0) }
            for reason in logFailures { fail(0, "log", reason) }
            notes += log.notes
            if withheld > 0 {
                notes.append(
                    "\(withheld) files of dossiers with criminal-law data were left out of this clear-text bundle; their SHA-256 is in the chain, so a copy given later can be checked against it (export to an age recipient, or with --personal-data, to include them)"
                )
            }
            if redacted > 0 {
                notes.append(
                    "\(redacted) files had been forgotten in the store under the retention rule (non-winners' criminal-law details, each with a signed redaction entry) before this bundle was made; their SHA-256 is in the chain"
                )
            }
            for item in manifest.coverage ?? [] where !item.laterVersions.isEmpty {
                let later = item.laterVersions.map { "entry \($0.seq) (\($0.outcome.rawValue))" }.joined(separator: ", ")
                notes.append(
                    "\(item.bidder) in \(item.tender): this bundle holds entry \(item.seq); when it was exported the store held a later version: \(later)"
                )
            }
            var result = VerifyReport(entries: manifest.chain.count, headHash: manifest.storeHeadHash, broken: broken)
            result.log = log.summary
            result.notes = notes.isEmpty ? nil : notes
            if let expectHead {
                result.expect(head: expectHead) { hash in manifest.chain.first { $0.entryHash == hash }?.seq }
            }
            return result
        }
    }
}
