import DossierModel
import Foundation
import RuleData

/// The name index of the imported lists, written by `watchlist import` next to the lists
/// (`index.bin`) so that a run reads it instead of tokenizing every entry of every list: with the
/// EU list imported that was most of the time of screening one bid. Entries are read from it only
/// when a name shares a block with them. It is tied to the lists (their SHA-256) and to how names
/// are tokenized (a fingerprint of the name rules and of probe names run through the tokenizer);
/// an index that does not fit is not used, and the caller says so.
///
/// Layout (little-endian): "UEASIDX1", UInt32 header length, header JSON, then entryCount kinds
/// (0 person, 1 entity), entryCount fewest-word counts (UInt8), padding to 8, blockCount block keys
/// (UInt64: two Unicode scalars), blockCount + 1 posting offsets (UInt32), the postings (Int32),
/// entryCount + 1 payload offsets (UInt32), and each entry's payload (JSON: list index and entry).
public final class PersistedSanctionsIndex: @unchecked Sendable {
    // @unchecked: the arrays are read-only after init; `cache` is only touched under `lock`.
    public let lists: [Watchlist]
    let segment: MappedSegment

    struct Header: Codable {
        var schema = "uea-screen/sanctions-index/2"
        var fingerprint: String
        var lists: [ListRecord]
        var entryCount: Int
        var blockCount: Int
        var postingCount: Int
    }

    struct ListRecord: Codable, Equatable {
        var name: String
        var format: Watchlist.Format
        var listDate: String?
        var sha256: String
        var entries: Int
    }

    struct Payload: Codable {
        var l: Int
        var e: WatchlistEntry
    }

    public struct FormatError: Error, CustomStringConvertible { public var description: String }
    /// The file's SHA-256 is not the one the manifest recorded when it was written.
    public struct ChangedIndex: Error {
        public var found: String
        public var recorded: String?
    }

    static let magic = Data("UEASIDX1".utf8)

    /// Names that exercise every part of tokenizing (scripts, conventions, particles, compounds,
    /// look-alikes, legal forms): if any of them tokenizes differently, an index is stale.
    static let probes: [(String, WatchlistEntry.Kind)] = [
        ("Юрий Шойгу", .person), ("Vladimir Poetin", .person), ("Olga Schukowa", .person), ("Iouri Choïgou", .person),
        ("Jan van der Berg", .person),
        ("Vanderberg, J.", .person), ("Anne-Marie Müller", .person), ("Jürgen Mueller", .person), ("Ѕibirsky Kremny", .person),
        ("Sanne van 't Hof", .person),
        ("Non-ferrous Metals Trading LLC", .entity), ("Hoshine Silicon Industry (Shanshan) Co., Ltd.", .entity), ("ПАО Сбербанк", .entity),
        ("Sino-Euro Solar Co., Ltd.", .entity), ("Zhejiang Jinko Solar", .entity), ("新疆大全新能源", .entity), ("Ørsted A/S", .entity),
        ("Abd al-Rahman Hussein El-Masry", .person), ("Omar bin Ghalib Altamimi", .person),
    ]

    /// How names are tokenized under `rules`, as a hash.
    public static func fingerprint(rules: RuleBook) -> String {
        let matcher = NameMatcher(rules: rules.names)
        var text = "uea-screen/sanctions-index/2\n"
        text += rules.names.tussenvoegsels.joined(separator: "|") + "\n" + rules.names.legalForms.joined(separator: "|") + "\n"
        text += (rules.names.genericCompanyWords ?? []).joined(separator: "|") + "\n"
        text += (rules.names.legalFormPhrases ?? []).joined(separator: "|") + "\n"
        text +=
            (rules.names.arabicArticles ?? []).joined(separator: "|") + "\n" + (rules.names.arabicNameMarkers ?? []).joined(separator: "|")
            + "\n"
        for (index, (name, kind)) in probes.enumerated() {
            let entry = WatchlistEntry(
                id: "P\(index)", kind: kind, names: [name], birthDates: [], countries: [], programme: nil, listedOn: nil, reference: nil)
            let tokens = SanctionsIndex.tokenize(entry, matcher: matcher)
            text += "\(name)\t\(tokens.minimumWords)\t\(tokens.blocks.sorted().joined(separator: ","))\t"
            text +=
                tokens.names.map {
                    $0.map {
                        "\($0.key)/\($0.alternates.map { String(String.UnicodeScalarView($0)) }.joined(separator: "/"))/\($0.generic)/\($0.bound)/\($0.arabicName)"
                    }.joined(separator: " ")
                }.joined(separator: ";") + "\n"
        }
        return SHA256.hex(text)
    }

    static func blockKey(_ key: String) -> UInt64 {
        var scalars = key.unicodeScalars.makeIterator()
        let first = UInt64(scalars.next()?.value ?? 0)
        let second = UInt64(scalars.next()?.value ?? 0)
        return first << 32 | second
    }

    /// The index of `lists` under `rules`, as the bytes of an index file.
    public static func build(lists: [Watchlist], rules: RuleBook) throws -> Data {
        let matcher = NameMatcher(rules: rules.names)
        let memory = MemorySegment(lists: lists, listOffset: 0, matcher: matcher)
        // A block is keyed by its first two Unicode scalars: blocks whose keys agree there (a key
        // of two characters can hold more scalars, "ë" written with a combining mark) are one block.
        var merged: [UInt64: Set<Int32>] = [:]
        for (key, postings) in memory.blockTable { merged[blockKey(key), default: []].formUnion(postings) }
        let blocks = merged.map { ($0.key, $0.value.sorted()) }.sorted { $0.0 < $1.0 }
        let postingCount = blocks.reduce(0) { $0 + $1.1.count }
        let header = Header(
            fingerprint: fingerprint(rules: rules),
            lists: lists.map {
                ListRecord(
                    name: $0.name, format: $0.format, listDate: $0.listDate?.description, sha256: $0.sha256, entries: $0.entries.count)
            },
            entryCount: memory.count, blockCount: blocks.count, postingCount: postingCount)
        var out = magic
        // Keys sorted: the same lists and rules give the same bytes (the manifest records their SHA-256).
        let headerEncoder = JSONEncoder()
        headerEncoder.outputFormatting = .sortedKeys
        let headerData = try headerEncoder.encode(header)
        append(&out, UInt32(headerData.count))
        out.append(headerData)
        out.append(contentsOf: memory.entryList.map { $0.entry.kind == .person ? UInt8(0) : UInt8(1) })
        out.append(contentsOf: memory.minimumWordCounts.map { UInt8(min($0, 255)) })
        while out.count % 8 != 0 { out.append(0) }
        for (key, _) in blocks { append(&out, key) }
        var offset: UInt32 = 0
        append(&out, offset)
        for (_, postings) in blocks {
            offset += UInt32(postings.count)
            append(&out, offset)
        }
        for (_, postings) in blocks { for index in postings { append(&out, index) } }
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        var payloads = Data()
        var payloadOffsets: [UInt32] = [0]
        for (list, entry) in memory.entryList {
            payloads.append(try encoder.encode(Payload(l: list, e: entry)))
            payloadOffsets.append(UInt32(payloads.count))
        }
        for value in payloadOffsets { append(&out, value) }
        out.append(payloads)
        return out
    }

    static func append<T: FixedWidthInteger>(_ data: inout Data, _ value: T) {
        withUnsafeBytes(of: value.littleEndian) { data.append(contentsOf: $0) }
    }

    /// Reads an index file, checking its SHA-256 against `sha256` (as the manifest recorded it)
    /// and every offset before it is trusted; `rules` and `expected` (the lists as the manifest
    /// records them) must be the ones it was built for.
    public init(path: String, rules: RuleBook, expected: [WatchlistStore.Record], sha256: String?) throws {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped) } catch {
            throw FormatError(description: "cannot be read")
        }
        let found = SHA256.hex(data)
        guard found == sha256 else { throw ChangedIndex(found: found, recorded: sha256) }
        var reader = Reader(data: data)
        guard try reader.bytes(8) == Self.magic else { throw FormatError(description: "not a uea-screen name index") }
        let headerLength = Int(try reader.integer(UInt32.self))
        let header: Header
        do { header = try JSONDecoder().decode(Header.self, from: try reader.bytes(headerLength)) } catch let error as FormatError {
            throw error
        } catch {
            throw FormatError(description: "its header cannot be read")
        }
        guard header.schema == "uea-screen/sanctions-index/2" else { throw FormatError(description: "index format \(header.schema)") }
        guard header.fingerprint == Self.fingerprint(rules: rules) else {
            throw FormatError(description: "it was built with other name rules or another version of uea-screen")
        }
        let recorded = expected.map {
            ListRecord(name: $0.name, format: $0.format, listDate: $0.listDate, sha256: $0.sha256, entries: $0.entries)
        }
        guard header.lists == recorded else { throw FormatError(description: "it was built for other lists than the manifest records") }
        guard header.entryCount >= 0, header.blockCount >= 0, header.postingCount >= 0, header.entryCount <= data.count,
            header.blockCount <= data.count
        else {
            throw FormatError(description: "its counts are impossible")
        }
        let kinds = try reader.bytes(header.entryCount).map { $0 == 0 ? WatchlistEntry.Kind.person : .entity }
        let minimumWords = try reader.bytes(header.entryCount).map(Int.init)
        try reader.align(8)
        let keys = try reader.array(UInt64.self, count: header.blockCount)
        let postingOffsets = try reader.array(UInt32.self, count: header.blockCount + 1)
        let postings = try reader.array(Int32.self, count: header.postingCount)
        let payloadOffsets = try reader.array(UInt32.self, count: header.entryCount + 1)
        let payloadStart = reader.offset
        guard zip(postingOffsets, postingOffsets.dropFirst()).allSatisfy({ $0 <= $1 }),
            postingOffsets.last.map({ Int($0) == header.postingCount }) ?? false,
            postings.allSatisfy({ $0 >= 0 && Int($0) < header.entryCount }),
            zip(payloadOffsets, payloadOffsets.dropFirst()).allSatisfy({ $0 <= $1 }), payloadOffsets.first == 0,
            payloadStart + Int(payloadOffsets.last ?? 0) == data.count,
            zip(keys, keys.dropFirst()).allSatisfy({ $0 < $1 })
        else {
            throw FormatError(description: "its tables are inconsistent")
        }
        lists = header.lists.map {
            Watchlist(
                name: $0.name, format: $0.format, listDate: $0.listDate.flatMap(Day.init), sha256: $0.sha256, entries: [],
                entryCount: $0.entries)
        }
        segment = MappedSegment(
            data: data, kinds: kinds, minimumWords: minimumWords, keys: keys, postingOffsets: postingOffsets, postings: postings,
            payloadStart: payloadStart, payloadOffsets: payloadOffsets, listCount: header.lists.count)
    }

    struct Reader {
        let data: Data
        var offset = 0
        mutating func bytes(_ count: Int) throws -> Data {
            guard count >= 0, offset <= data.count - count else { throw FormatError(description: "it ends early") }
            defer { offset += count }
            return data.subdata(in: (data.startIndex + offset)..<(data.startIndex + offset + count))
        }
        mutating func integer<T: FixedWidthInteger>(_ type: T.Type) throws -> T { try array(type, count: 1)[0] }
        mutating func array<T: FixedWidthInteger>(_ type: T.Type, count: Int) throws -> [T] {
            let size = MemoryLayout<T>.size
            guard count >= 0, count <= (data.count - offset) / size else { throw FormatError(description: "it ends early") }
            let start = offset
            offset += count * size
            return data.withUnsafeBytes { raw in
                (0..<count).map { T(littleEndian: raw.loadUnaligned(fromByteOffset: start + $0 * size, as: T.self)) }
            }
        }
        mutating func align(_ boundary: Int) throws {
            while offset % boundary != 0 { _ = try bytes(1) }
        }
    }
}

/// The persisted index's entries: kinds, fewest words and blocks in arrays, each entry's names
/// decoded and tokenized only when a query reaches it (and kept for the rest of the run).
final class MappedSegment: IndexSegment, @unchecked Sendable {
    // @unchecked: everything but `cache` is read-only; `cache` is only touched under `lock`.
    private let data: Data
    private let kinds: [WatchlistEntry.Kind]
    private let minimum: [Int]
    private let keys: [UInt64]
    private let postingOffsets: [UInt32]
    private let postings: [Int32]
    private let payloadStart: Int
    private let payloadOffsets: [UInt32]
    private let listCount: Int
    private let lock = NSLock()
    private var cache: [Int: IndexCandidate] = [:]

    init(
        data: Data, kinds: [WatchlistEntry.Kind], minimumWords: [Int], keys: [UInt64], postingOffsets: [UInt32], postings: [Int32],
        payloadStart: Int, payloadOffsets: [UInt32], listCount: Int
    ) {
        self.data = data
        self.kinds = kinds
        self.minimum = minimumWords
        self.keys = keys
        self.postingOffsets = postingOffsets
        self.postings = postings
        self.payloadStart = payloadStart
        self.payloadOffsets = payloadOffsets
        self.listCount = listCount
    }

    var count: Int { kinds.count }
    func kind(_ index: Int) -> WatchlistEntry.Kind { kinds[index] }
    func minimumWords(_ index: Int) -> Int { minimum[index] }

    func forEachPosting(_ key: String, _ body: (Int32) -> Void) {
        let wanted = PersistedSanctionsIndex.blockKey(key)
        var low = 0
        var high = keys.count
        while low < high {
            let middle = (low + high) / 2
            if keys[middle] < wanted { low = middle + 1 } else { high = middle }
        }
        guard low < keys.count, keys[low] == wanted else { return }
        for position in Int(postingOffsets[low])..<Int(postingOffsets[low + 1]) { body(postings[position]) }
    }

    func candidate(_ index: Int, matcher: NameMatcher) -> IndexCandidate {
        lock.lock()
        if let known = cache[index] {
            lock.unlock()
            return known
        }
        lock.unlock()
        let start = payloadStart + Int(payloadOffsets[index])
        let end = payloadStart + Int(payloadOffsets[index + 1])
        let payload =
            (try? JSONDecoder().decode(
                PersistedSanctionsIndex.Payload.self, from: data.subdata(in: (data.startIndex + start)..<(data.startIndex + end))))
        // A payload that cannot be read (the file was damaged after it was checked) still names
        // the entry, so a query that reached it is not silently dropped: it shows as unreadable.
        let entry =
            payload?.e
            ?? WatchlistEntry(
                id: "unreadable-entry-\(index)", kind: kinds[index],
                names: ["(entry \(index) of the index cannot be read; re-import the list)"],
                birthDates: [], countries: [], programme: nil, listedOn: nil, reference: nil)
        let tokens = SanctionsIndex.tokenize(entry, matcher: matcher)
        let list = payload.map { min(max($0.l, 0), listCount - 1) } ?? 0
        let candidate = IndexCandidate(names: tokens.names, origins: tokens.origins, list: list, entry: entry)
        lock.lock()
        cache[index] = candidate
        lock.unlock()
        return candidate
    }
}
