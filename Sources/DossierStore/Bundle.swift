import Foundation
import Screening

/// A self-contained export for an auditor on another machine: the dossiers as stored, their source
/// files, a readable HTML page per dossier plus an index, and a manifest with every file's SHA-256,
/// the exported entries with all their hashed fields, and the hash chain of the whole store (for the
/// entries not exported only their hashes, so no other bidder's data leaves the store).
public enum DossierBundle {
    public struct Manifest: Codable, Sendable {
        public var schema = "uea-screen/bundle/1"
        public var createdAt: String
        public var storeHeadHash: String
        public var entries: [StoredEntry]
        public var chain: [ChainLink]
        /// Per exported entry id: its source files as stored (role, original path, SHA-256, file in the bundle).
        public var sources: [String: [BundledSource]]
        public var files: [String: String]
    }

    public struct BundledSource: Codable, Sendable { public var role: String; public var path: String; public var sha256: String; public var file: String }

    public struct ChainLink: Codable, Sendable { public var seq: Int; public var prevHash: String; public var entryHash: String }

    public static func export(store: any DossierStore, ids: [String], renderer: ReportRenderer?, language: ReportRenderer.Language) throws -> Data {
        let report = try store.verify()
        let all = try store.entries(StoreFilter())
        var files: [(String, Data)] = []
        var exported: [StoredEntry] = []
        var rows: [String] = []
        var bundledSources: [String: [BundledSource]] = [:]
        for id in ids {
            guard let (entry, stored) = try store.content(id: id) else { throw StoreError.database("no dossier with id \(id)") }
            guard let content = stored else {
                // Purged under the retention rule: only its tombstone is left, nothing to export.
                rows.append("<tr><td>\(escape(entry.bidderName))</td><td>\(escape(entry.tenderID))</td><td>\(entry.screenedAt.prefix(10))</td><td>purged</td><td><code>\(entry.entryHash.prefix(16))</code></td></tr>")
                continue
            }
            exported.append(entry)
            files.append(("dossiers/\(entry.id).json", content))
            for (index, source) in try store.sources(id: entry.id).enumerated() {
                let base = String(URL(fileURLWithPath: source.path).lastPathComponent.prefix(40))
                let name = "sources/\(entry.id)/\(index)-\(source.role)-\(base)"
                files.append((name, source.bytes))
                bundledSources[entry.id, default: []].append(BundledSource(role: source.role, path: source.path, sha256: source.sha256, file: name))
            }
            if let renderer, let dossier = try? JSONDecoder().decode(Dossier.self, from: content) {
                files.append(("reports/\(entry.id).html", Data(renderer.render(dossier, format: .html, language: language).utf8)))
            }
            rows.append("<tr><td><a href=\"reports/\(entry.id).html\">\(escape(entry.bidderName))</a></td><td>\(escape(entry.tenderID))</td><td>\(entry.screenedAt.prefix(10))</td><td>\(entry.outcome)</td><td><code>\(entry.entryHash.prefix(16))</code></td></tr>")
        }
        let status = report.ok ? "Store verified: \(report.entries) entries, head \(report.headHash)" : "STORE BROKEN at entry \(report.firstBroken!.seq): \(report.firstBroken!.reason)"
        let index = """
        <!DOCTYPE html><html lang="nl"><head><meta charset="utf-8"><title>Dossiers</title>
        <style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto}td,th{padding:.2rem .8rem;text-align:left}</style></head>
        <body><h1>Screeningsdossiers / screening dossiers</h1><p>\(escape(status))</p>
        <p>Controleer deze bundel met <code>uea-screen dossier verify --bundle FILE</code>.</p>
        <table><tr><th>Inschrijver</th><th>Aanbesteding</th><th>Datum</th><th>Uitkomst</th><th>Hash</th></tr>\(rows.joined())</table></body></html>
        """
        files.append(("index.html", Data(index.utf8)))
        let formatter = ISO8601DateFormatter()
        var hashes: [String: String] = [:]
        for (name, data) in files { hashes[name] = SHA256.hex(data) }
        let manifest = Manifest(createdAt: formatter.string(from: Date()), storeHeadHash: report.headHash, entries: exported,
                                chain: all.map { ChainLink(seq: $0.seq, prevHash: $0.prevHash, entryHash: $0.entryHash) },
                                sources: bundledSources, files: hashes)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return Tar.archive([("manifest.json", try encoder.encode(manifest))] + files)
    }

    /// Checks a bundle without the store: file hashes, each exported entry's content, sources and
    /// entry hash, and the continuity of the chain up to the recorded head.
    public static func verify(_ bundle: Data) throws -> VerifyReport {
        let files = try Tar.extract(bundle)
        guard let manifestData = files["manifest.json"] else { throw StoreError.database("bundle has no manifest.json") }
        let manifest = try JSONDecoder().decode(Manifest.self, from: manifestData)
        func broken(_ seq: Int, _ id: String?, _ reason: String) -> VerifyReport {
            VerifyReport(entries: manifest.chain.count, headHash: manifest.storeHeadHash, firstBroken: .init(seq: seq, id: id, reason: reason))
        }
        for (name, hash) in manifest.files.sorted(by: { $0.key < $1.key }) {
            guard let data = files[name] else { return broken(0, nil, "\(name) is missing from the bundle") }
            if SHA256.hex(data) != hash { return broken(0, nil, "\(name) does not match its SHA-256") }
        }
        var previous = SQLiteDossierStore.zeroHash
        for (index, link) in manifest.chain.enumerated() {
            if link.seq != index + 1 || link.prevHash != previous { return broken(link.seq, nil, "chain link broken") }
            previous = link.entryHash
        }
        if previous != manifest.storeHeadHash { return broken(manifest.chain.count, nil, "chain does not end at the recorded head") }
        for entry in manifest.entries {
            guard manifest.chain.first(where: { $0.seq == entry.seq })?.entryHash == entry.entryHash else { return broken(entry.seq, entry.id, "entry not in the chain") }
            if SHA256.hex(entry.canonical) != entry.entryHash { return broken(entry.seq, entry.id, "entry fields do not match the entry hash") }
            guard let content = files["dossiers/\(entry.id).json"], SHA256.hex(content) == entry.contentSHA256 else {
                return broken(entry.seq, entry.id, "dossier content does not match its SHA-256")
            }
            let recorded = manifest.sources[entry.id] ?? []
            if SQLiteDossierStore.sourcesDigest(recorded.map { ($0.role, $0.path, $0.sha256) }) != entry.sourcesSHA256 {
                return broken(entry.seq, entry.id, "source list differs from the one recorded")
            }
            for source in recorded where files[source.file].map(SHA256.hex) != source.sha256 {
                return broken(entry.seq, entry.id, "source file \(source.path) missing or changed")
            }
        }
        return VerifyReport(entries: manifest.chain.count, headHash: manifest.storeHeadHash, firstBroken: nil)
    }

    /// Writes every file of a bundle into `directory` (each file atomically).
    public static func unpack(_ bundle: Data, into directory: String) throws {
        for (name, data) in try Tar.extract(bundle) {
            guard !name.contains("..") else { continue }
            let path = (directory as NSString).appendingPathComponent(name)
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try AtomicFile.write(data, to: path)
        }
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
