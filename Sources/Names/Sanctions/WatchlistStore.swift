import DossierModel
import Foundation
import RuleData

/// A folder of imported lists with a `manifest.json` that records, per list, the file, its format,
/// the list's own date, its SHA-256 and when it was imported. `uea-screen watchlist import` writes
/// it; `screen` reads it and names these versions in every dossier.
public struct WatchlistStore: Sendable {
    public var directory: String

    public struct Record: Codable, Sendable, Equatable {
        public var name: String
        public var format: Watchlist.Format
        public var file: String
        public var sha256: String
        public var listDate: String?
        public var importedAt: String
        public var entries: Int
        public var source: String?
    }

    struct Manifest: Codable {
        var schema = "uea-screen/watchlists/1"
        var lists: [Record]
    }

    public init(directory: String) { self.directory = directory }

    var manifestPath: String { (directory as NSString).appendingPathComponent("manifest.json") }

    public func records() throws -> [Record] {
        guard let data = FileManager.default.contents(atPath: manifestPath) else { return [] }
        do { return try JSONDecoder().decode(Manifest.self, from: data).lists } catch {
            throw InputError(file: manifestPath, message: "not a watchlist manifest: \(error)")
        }
    }

    var indexPath: String { (directory as NSString).appendingPathComponent("index.bin") }

    /// Writes the name index of every recorded list (`PersistedSanctionsIndex`), atomically.
    public func writeIndex(rules: RuleBook) throws {
        try AtomicFile.write(try PersistedSanctionsIndex.build(lists: try loadAll(), rules: rules), to: indexPath)
    }

    /// The lists for a run: through the persisted index when it fits the manifest, the lists'
    /// files and the name rules (each file is still hashed and must match its record), otherwise
    /// parsed and indexed in memory, with a `notice` saying why.
    public func loadForScreening(rules: RuleBook) throws -> (persisted: PersistedSanctionsIndex?, lists: [Watchlist], notice: String?) {
        let records = try records()
        guard !records.isEmpty else { return (nil, [], nil) }
        guard FileManager.default.fileExists(atPath: indexPath) else {
            return (
                nil, try loadAll(),
                "\(indexPath) is missing: the lists were read and indexed for this run (slower); `uea-screen watchlist reindex` writes it"
            )
        }
        for record in records {
            let path = (directory as NSString).appendingPathComponent(record.file)
            guard let bytes = FileManager.default.contents(atPath: path) else { throw InputError(file: path, message: "cannot be read") }
            let sha256 = SHA256.hex(bytes)
            guard sha256 == record.sha256 else {
                throw InputError(
                    file: path, message: "changed since it was imported (SHA-256 \(sha256) ≠ \(record.sha256)); import it again")
            }
        }
        do {
            let persisted = try PersistedSanctionsIndex(path: indexPath, rules: rules, expected: records)
            return (persisted, persisted.lists, nil)
        } catch {
            return (
                nil, try loadAll(),
                "\(indexPath) is not used (\(error)): the lists were read and indexed for this run (slower); `uea-screen watchlist reindex` writes it again"
            )
        }
    }

    /// The sanctions index of a run: the recorded lists through the persisted index when it fits,
    /// else parsed and indexed in memory; `extra` (the forced-labour list) always in memory.
    /// `notice` says when the persisted index was not used, and why.
    public func sanctionsIndex(rules: RuleBook, extra: [Watchlist]) throws -> (index: SanctionsIndex, notice: String?) {
        let loaded = try loadForScreening(rules: rules)
        if let persisted = loaded.persisted { return (SanctionsIndex(persisted: persisted, extra: extra, rules: rules), loaded.notice) }
        return (SanctionsIndex(lists: loaded.lists + extra, rules: rules), loaded.notice)
    }

    /// Validates and parses `path`, copies it into the store and records it. Re-importing a name
    /// replaces it. With `rules`, the name index of all lists is written again. Entries whose
    /// listing ended before `now` (`until`) are passed to `ended`: they are kept in the list as
    /// published but never matched.
    @discardableResult
    public func importList(
        path: String, format: Watchlist.Format?, name: String?, listDate: Day?, rules: RuleBook? = nil, now: Date = Date(),
        ended: (WatchlistEntry) -> Void = { _ in }
    ) throws -> Record {
        let list = try WatchlistParser.load(path: path, format: format, name: name, listDate: listDate)
        for entry in list.entries where !entry.applies(on: Day.today(now: now)) { ended(entry) }
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let fileName = list.name.filter { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" } + (list.format == .csv ? ".csv" : ".xml")
        try AtomicFile.write(try Data(contentsOf: URL(fileURLWithPath: path)), to: (directory as NSString).appendingPathComponent(fileName))
        let formatter = ISO8601DateFormatter()
        let record = Record(
            name: list.name, format: list.format, file: fileName, sha256: list.sha256, listDate: list.listDate?.description,
            importedAt: formatter.string(from: now), entries: list.entries.count, source: path)
        var lists = try records().filter { $0.name != record.name }
        lists.append(record)
        lists.sort { $0.name < $1.name }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try AtomicFile.write(try encoder.encode(Manifest(lists: lists)), to: manifestPath)
        if let rules { try writeIndex(rules: rules) }
        return record
    }

    /// Loads every recorded list and checks it still has the hash recorded at import.
    public func loadAll() throws -> [Watchlist] {
        try records().map { record in
            let path = (directory as NSString).appendingPathComponent(record.file)
            let list = try WatchlistParser.load(
                path: path, format: record.format, name: record.name, listDate: record.listDate.flatMap(Day.init))
            guard list.sha256 == record.sha256 else {
                throw InputError(
                    file: path, message: "changed since it was imported (SHA-256 \(list.sha256) ≠ \(record.sha256)); import it again")
            }
            return list
        }
    }
}
