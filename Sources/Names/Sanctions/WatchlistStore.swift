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
        /// Records read by kind, including those never matched (vessels, context records).
        public var counts: [String: Int]? = nil
        /// What reading noticed and did not use.
        public var notes: [String]? = nil
        /// A list of several files (OFAC with its companions, FollowTheMoney with its deltas): each
        /// file in the list's folder with its SHA-256; `sha256` is then the SHA-256 of their
        /// `sha256sum` lines, in this order (`cd NAME && sha256sum FILES… | sha256sum`).
        public var files: [StoredFile]? = nil
        /// FollowTheMoney: the SHA-256 of the entity set after the deltas; a rebuild must give it.
        public var stateSHA256: String? = nil
        /// The SHA-256 of the previous version's record (`Record.hash`), kept in the manifest's
        /// `history`: the versions of a list are chained, so one dropped or changed is found.
        public var previous: String? = nil
        /// What changed since the previous version (nil for a first import).
        public var changes: Changes? = nil

        public struct Changes: Codable, Sendable, Equatable {
            public var added: Int
            public var removed: Int
            public var changed: Int
            /// The entries no longer in the list (reference and primary name), at most 20.
            public var removedEntries: [String]
        }

        /// The SHA-256 of the record as JSON with sorted keys: what the next version names as `previous`.
        public var hash: String {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            return SHA256.hex((try? encoder.encode(self)) ?? Data())
        }

        public struct StoredFile: Codable, Sendable, Equatable {
            public var role: String
            /// Inside the list's folder (`alt.csv`, `20240528134729-3iv/entities.delta.json`).
            public var name: String
            public var sha256: String
        }

        /// The FollowTheMoney delta versions applied, in order.
        public var deltaVersions: [String] {
            (files ?? []).filter { $0.role == "delta" }.map { String($0.name.prefix { $0 != "/" }) }
        }
    }

    struct Manifest: Codable {
        var schema = "uea-screen/watchlists/1"
        var lists: [Record]
        /// Every earlier version of every list, oldest first; its files under `history/`.
        var history: [Record]? = nil
        /// The SHA-256 of `index.bin` as last written: an index that differs is not used, and rebuilt.
        var index: String? = nil
    }

    func manifest() throws -> Manifest {
        guard let data = FileManager.default.contents(atPath: manifestPath) else { return Manifest(lists: []) }
        do { return try JSONDecoder().decode(Manifest.self, from: data) } catch {
            throw InputError(file: manifestPath, message: "not a watchlist manifest: \(error)")
        }
    }

    func write(_ manifest: Manifest) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try AtomicFile.write(try encoder.encode(manifest), to: manifestPath)
    }

    public init(directory: String) { self.directory = directory }

    var manifestPath: String { (directory as NSString).appendingPathComponent("manifest.json") }

    public func records() throws -> [Record] { try manifest().lists }

    var indexPath: String { (directory as NSString).appendingPathComponent("index.bin") }

    /// Writes the name index of every recorded list (`PersistedSanctionsIndex`), atomically.
    public func writeIndex(rules: RuleBook) throws { try writeIndex(lists: try loadAll(), rules: rules) }

    /// The same from `lists`, already loaded (every recorded list, in the manifest's order).
    func writeIndex(lists: [Watchlist], rules: RuleBook) throws {
        let index = try PersistedSanctionsIndex.build(lists: lists, rules: rules)
        try AtomicFile.write(index, to: indexPath)
        var manifest = try manifest()
        manifest.index = SHA256.hex(index)
        try write(manifest)
    }

    /// The lists for a run: through the persisted index when it fits the manifest, the lists'
    /// files and the name rules (each file is still hashed and must match its record), otherwise
    /// parsed and indexed in memory, with a `notice` saying why.
    public func loadForScreening(rules: RuleBook) throws -> (persisted: PersistedSanctionsIndex?, lists: [Watchlist], notice: String?) {
        let manifest = try manifest()
        let records = manifest.lists
        guard !records.isEmpty else { return (nil, [], nil) }
        guard FileManager.default.fileExists(atPath: indexPath) else {
            return (
                nil, try loadAll(),
                "\(indexPath) is missing: the lists were read and indexed for this run (slower); `uea-screen watchlist reindex` writes it"
            )
        }
        for record in records {
            let path = (directory as NSString).appendingPathComponent(record.file)
            let sha256 = try storedSHA256(record)
            guard sha256 == record.sha256 else {
                throw InputError(
                    file: path, message: "changed since it was imported (SHA-256 \(sha256) ≠ \(record.sha256)); import it again")
            }
        }
        do {
            let persisted = try PersistedSanctionsIndex(path: indexPath, rules: rules, expected: records, sha256: manifest.index)
            return (persisted, persisted.lists, nil)
        } catch let changed as PersistedSanctionsIndex.ChangedIndex {
            // A changed index (a flipped bit can lose a block of names) is not used, and written again.
            let lists = try loadAll()
            let rebuilt: String
            do {
                try writeIndex(lists: lists, rules: rules)
                rebuilt = "it was written again"
            } catch { rebuilt = "it could not be written again (\(error)); `uea-screen watchlist reindex` writes it" }
            return (
                nil, lists,
                "\(indexPath) is not used: its SHA-256 \(changed.found) is not the one recorded when it was written (\(changed.recorded ?? "none recorded")); the lists were read and indexed for this run, and \(rebuilt)"
            )
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
    /// published but never matched. A FollowTheMoney `delta.json` index is applied onto the list
    /// `name` (see `importDeltas`).
    ///
    /// A version replaces the one before it only as the current one: the earlier version's files
    /// move to `history/` and its record to the manifest's `history`, chained by hash. A list
    /// dated after today is refused; so is a version that drops entries of the one before it,
    /// unless `allowRemovals` (a delisting is checked by a person, never taken silently).
    @discardableResult
    public func importList(
        path: String, format: Watchlist.Format?, name: String?, listDate: Day?, rules: RuleBook? = nil, now: Date = Date(),
        allowRemovals: Bool = false, ended: (WatchlistEntry) -> Void = { _ in }
    ) throws -> Record {
        if format == nil || format == .ftm, try WatchlistParser.detect(path: path) == .ftmDeltas {
            return try importDeltas(index: path, name: name, rules: rules, now: now, allowRemovals: allowRemovals)
        }
        let list = try WatchlistParser.load(path: path, format: format, name: name, listDate: listDate)
        try Self.checkDate(list, file: path, now: now)
        let current = try records().first { $0.name == list.name }
        let changes = try compare(list, with: current, file: path, allowRemovals: allowRemovals)
        var reported = Set<String>()
        for entry in list.entries where !entry.applies(on: Day.today(now: now)) && reported.insert(entry.id).inserted { ended(entry) }
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let folderName = list.name.filter { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }
        let archived = try current.map(archive)
        let file: String
        var files: [Record.StoredFile]? = nil
        if list.sourceFiles.isEmpty {
            file = folderName + (list.format == .euFSF || list.format == .un ? ".xml" : list.format == .ftm ? ".ftm.json" : ".csv")
            try AtomicFile.write(try Data(contentsOf: URL(fileURLWithPath: path)), to: PathText.child(directory, file))
        } else {
            files = try copy(list.sourceFiles, into: folderName)
            file = PathText.child(folderName, list.sourceFiles[0].name)
        }
        return try record(list, file: file, files: files, source: path, now: now, rules: rules, archived: archived, changes: changes)
    }

    /// A list dated after today cannot have been published: a wrong date would keep a stale list
    /// from ever being reported as stale.
    static func checkDate(_ list: Watchlist, file: String, now: Date) throws {
        let today = Day.today(now: now)
        guard let date = list.listDate, date > today else { return }
        throw InputError(
            file: file,
            message:
                "the list is dated \(date), after today (\(today)); a list is never published in the future: check the file, --date or the clock"
        )
    }

    /// What `list` changes against `current`, the version of the same name it replaces; refused
    /// when it drops entries and `allowRemovals` is not given.
    func compare(_ list: Watchlist, with current: Record?, file: String, allowRemovals: Bool) throws -> Record.Changes? {
        guard let current else { return nil }
        let old = try load(current)
        let before = Dictionary(old.entries.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let after = Dictionary(list.entries.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let removed = old.entries.filter { after[$0.id] == nil }
        let changes = Record.Changes(
            added: after.keys.filter { before[$0] == nil }.count, removed: removed.count,
            changed: after.filter { id, entry in before[id].map { $0 != entry } ?? false }.count,
            removedEntries: removed.prefix(20).map { "\($0.reference ?? $0.id) \($0.primaryName)" })
        if !removed.isEmpty && !allowRemovals {
            throw InputError(
                file: file,
                message:
                    "\(removed.count) \(removed.count == 1 ? "entry" : "entries") of \(list.name) as imported on \(current.importedAt) are not in this version (\(changes.removedEntries.prefix(3).joined(separator: "; "))\(removed.count > 3 ? "; …" : "")); a version that drops entries is imported with --allow-removals once they are checked as delisted; nothing was changed"
            )
        }
        return changes
    }

    /// Copies the current version `current` of a list (its file or folder) under `history/` and
    /// returns its record pointing there.
    func archive(_ current: Record) throws -> Record {
        var current = current
        let name = current.name
        let stamp = current.importedAt.filter { $0.isNumber }
        let folderName = String(current.file.prefix { $0 != "/" })
        let target = "history/\(name.filter { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" })/\(stamp)-\(current.sha256.prefix(12))"
        let targetPath = PathText.child(directory, target)
        try FileManager.default.createDirectory(atPath: targetPath, withIntermediateDirectories: true)
        let destination = PathText.child(targetPath, folderName)
        try? FileManager.default.removeItem(atPath: destination)
        try FileManager.default.copyItem(atPath: PathText.child(directory, folderName), toPath: destination)
        current.file = PathText.child(target, current.file)
        return current
    }

    /// Copies a list's files into its folder (replacing what an earlier import left there).
    func copy(_ sources: [Watchlist.SourceFile], into folderName: String) throws -> [Record.StoredFile] {
        let folder = PathText.child(directory, folderName)
        try? FileManager.default.removeItem(atPath: folder + ".importing")
        for source in sources {
            let target = PathText.child(folder + ".importing", source.name)
            try FileManager.default.createDirectory(atPath: PathText.parent(target) ?? folder, withIntermediateDirectories: true)
            try FileManager.default.copyItem(atPath: source.path, toPath: target)
        }
        try? FileManager.default.removeItem(atPath: folder)
        try FileManager.default.moveItem(atPath: folder + ".importing", toPath: folder)
        return try sources.map { source in
            let path = PathText.child(folder, source.name)
            guard let hash = SHA256.hex(fileAt: path) else { throw InputError(file: path, message: "cannot be read") }
            return Record.StoredFile(role: source.role, name: source.name, sha256: hash)
        }
    }

    /// Writes `list`'s record into the manifest (replacing one of the same name) and the index.
    /// Writes `list`'s record into the manifest as the current version of its name (the one it
    /// replaces, `archived`, goes to `history` and is named by hash) and the index.
    func record(
        _ list: Watchlist, file: String, files: [Record.StoredFile]?, source: String, now: Date, rules: RuleBook?,
        archived: Record?, changes: Record.Changes?
    ) throws -> Record {
        let formatter = ISO8601DateFormatter()
        var record = Record(
            name: list.name, format: list.format, file: file, sha256: list.sha256, listDate: list.listDate?.description,
            importedAt: formatter.string(from: now), entries: list.entries.count, source: source,
            counts: list.counts.isEmpty ? nil : list.counts, notes: list.notes.isEmpty ? nil : list.notes, files: files,
            stateSHA256: list.stateSHA256)
        record.previous = archived?.hash
        record.changes = changes
        var manifest = try manifest()
        manifest.lists = manifest.lists.filter { $0.name != record.name } + [record]
        manifest.lists.sort { $0.name < $1.name }
        if let archived { manifest.history = (manifest.history ?? []) + [archived] }
        try write(manifest)
        if let rules { try writeIndex(rules: rules) }
        return record
    }

    /// Applies the versions of a FollowTheMoney `delta.json` index that the list `name` has not had,
    /// in version order, onto its entities. A version older than the last one applied is refused
    /// (deltas apply in order); a list that does not exist yet starts from an empty set, and its
    /// notes say so. The whole list is rebuilt from its stored files and its entity set's SHA-256
    /// recorded.
    public func importDeltas(index: String, name: String?, rules: RuleBook?, now: Date = Date(), allowRemovals: Bool = false) throws
        -> Record
    {
        guard let name else {
            throw InputError(
                file: index, message: "a delta index is applied onto a list: name it with --name (the FollowTheMoney list it updates)")
        }
        let versions = try FtMReader.deltaIndex(path: index)
        let existing = try records().first { $0.name == name }
        if let existing, existing.format != .ftm {
            throw InputError(
                file: index, message: "the list \(name) is \(existing.format.rawValue), not FollowTheMoney; deltas apply to an ftm list")
        }
        let applied = existing?.deltaVersions ?? []
        let new = versions.filter { !applied.contains($0.version) }
        if let last = applied.last, let older = new.first(where: { $0.version < last }) {
            throw InputError(
                file: index,
                message:
                    "version \(older.version) is older than \(last), the last applied to \(name): deltas apply in order; import the full entities file again"
            )
        }
        let folderName = name.filter { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }
        let folder = PathText.child(directory, folderName)
        let sources =
            (existing.map(sourceFiles) ?? [])
            + new.map { .init(role: "delta", path: $0.file, name: $0.version + "/entities.delta.json") }
        var list = try WatchlistParser.loadFtM(files: sources, name: name)
        if existing == nil { list.notes.insert("there was no list named \(name): the deltas were applied to an empty set", at: 0) }
        if new.isEmpty { list.notes.insert("every version of the index was applied before; nothing changed", at: 0) }
        let changes = try compare(list, with: existing, file: index, allowRemovals: allowRemovals)
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let archived = try existing.map(archive)
        // Files already in the folder are copied from a snapshot, so that the folder is replaced whole.
        let staged = PathText.child(directory, folderName + ".previous")
        try? FileManager.default.removeItem(atPath: staged)
        if FileManager.default.fileExists(atPath: folder) { try FileManager.default.copyItem(atPath: folder, toPath: staged) }
        defer { try? FileManager.default.removeItem(atPath: staged) }
        let copies = sources.map { source in
            source.path.hasPrefix(folder + "/")
                ? Watchlist.SourceFile(role: source.role, path: PathText.child(staged, source.name), name: source.name) : source
        }
        let files = try copy(copies, into: folderName)
        return try record(
            list, file: PathText.child(folderName, files[0].name), files: files, source: index, now: now, rules: rules, archived: archived,
            changes: changes)
    }

    /// The folder of a list of several files: the first component of its `file`.
    func folder(of record: Record) -> String {
        // `file` is the folder and the first file's name (which may itself hold a folder); a
        // version in `history/` has a longer folder.
        if let first = record.files?.first, record.file.hasSuffix("/" + first.name) {
            return PathText.child(directory, String(record.file.dropLast(first.name.count + 1)))
        }
        return PathText.child(directory, String(record.file.prefix { $0 != "/" }))
    }

    /// The SHA-256 of a recorded list as its files are now: of its one file, or of the
    /// `sha256sum` lines of its files.
    func storedSHA256(_ record: Record) throws -> String {
        let path = PathText.child(directory, record.file)
        guard record.files != nil else {
            guard let hash = SHA256.hex(fileAt: path) else { throw InputError(file: path, message: "cannot be read") }
            return hash
        }
        return try WatchlistParser.sha256(of: sourceFiles(of: record))
    }

    /// The stored files of a list of several files, where they are in its folder.
    func sourceFiles(of record: Record) -> [Watchlist.SourceFile] {
        let folder = self.folder(of: record)
        return (record.files ?? []).map { .init(role: $0.role, path: PathText.child(folder, $0.name), name: $0.name) }
    }

    /// Loads every recorded list and checks it still has the hash recorded at import.
    public func loadAll() throws -> [Watchlist] { try records().map(load) }

    /// Loads one recorded list (current or from `history`) and checks it still has its hash.
    func load(_ record: Record) throws -> Watchlist {
        let path = (directory as NSString).appendingPathComponent(record.file)
        let list: Watchlist
        if record.format == .ftm, record.files != nil {
            list = try WatchlistParser.loadFtM(files: sourceFiles(of: record), name: record.name)
        } else {
            list = try WatchlistParser.load(
                path: path, format: record.format, name: record.name, listDate: record.listDate.flatMap(Day.init))
        }
        guard list.sha256 == record.sha256 else {
            throw InputError(
                file: path, message: "changed since it was imported (SHA-256 \(list.sha256) ≠ \(record.sha256)); import it again")
        }
        // The entity set a full rebuild gives must be the one recorded when the deltas were applied.
        if let expected = record.stateSHA256, list.stateSHA256 != expected {
            throw InputError(
                file: path,
                message:
                    "rebuilt from its files, the entity set differs from the one recorded at import (SHA-256 \(list.stateSHA256 ?? "none") ≠ \(expected)); import it again"
            )
        }
        return list
    }
}
