import CXMLTree
import Foundation

/// A parsed, well-formed XML document. Owns its tree; elements keep it alive.
///
/// Parsing is strict: no recovery, no entity substitution, no DTD loading, no
/// network, and any DOCTYPE is refused. The external-entity loader is replaced
/// once per process by one that refuses everything. libxml2 parses; its SAX2 events
/// are recorded into a compact tree (CXMLTree) that this class frees.
public final class XMLDocument: @unchecked Sendable {
    // @unchecked: the tree is never mutated after parsing; reading it from several threads is safe.
    let tree: UnsafeMutablePointer<uea_tree>
    let elements: UnsafeMutablePointer<uea_element>
    /// The name used in error messages and evidence pointers (usually the path given by the user).
    public let sourceName: String

    /// Elements taken out of the tree by `detachElements(outside:)`, once; guarded by `lock`.
    private var detached: [ForeignElement]?
    /// The rows of the detached subtrees, so that row scans skip them too.
    private var detachedRows: [Range<Int32>] = []
    private let lock = NSLock()

    /// False for the view of a tree still being built that `parseRecords` hands to its body.
    private let owns: Bool

    private init(tree: UnsafeMutablePointer<uea_tree>, sourceName: String, owns: Bool = true) {
        self.tree = tree
        self.elements = tree.pointee.elements
        self.sourceName = sourceName
        self.owns = owns
    }

    deinit { if owns { uea_tree_free(tree) } }

    /// The root element.
    public var root: XMLElement { XMLElement(document: self, index: 0) }

    /// The encoding the document declared, if any.
    public var declaredEncoding: String? { tree.pointee.encoding.map { String(cString: $0) } }

    /// The document's own spelling of `name`, compared by pointer; nil when no name in it is spelled so.
    func intern(_ name: String) -> UnsafePointer<CChar>? { name.withCString { uea_tree_intern(tree, $0) } }

    /// `localName` as a token of this document; a name the document never uses matches no element.
    public func name(_ localName: String) -> XMLName { XMLName(pointer: intern(localName)) }

    /// An element whose namespace a reader does not know, taken out of the tree.
    public struct ForeignElement: Sendable, Equatable {
        public var localName: String
        /// nil for an element in no namespace.
        public var namespaceURI: String?
        public var line: Int
        public var path: String
    }

    /// Takes every element whose namespace URI is not in `allowed` (with its subtree) out of the
    /// tree: child lookups and walks no longer see it, so a decoy in a foreign namespace cannot
    /// stand in for a real element that has the same local name. Subtrees under an element named
    /// in `opaque` (UBL extensions, whose content is free by design) are left alone and unreported.
    /// Runs once per document; later calls return the first call's result, so a document shared
    /// between threads (a tender's request) is changed only before it is shared.
    public func detachElements(outside allowed: Set<String>, opaque: Set<String> = []) -> [ForeignElement] {
        lock.lock()
        defer { lock.unlock() }
        if let detached { return detached }
        var found: [ForeignElement] = []
        var index: Int32 = 1  // the root is classified by the reader itself
        let count = tree.pointee.elementCount
        // Namespace URIs are interned by libxml2: one string comparison per distinct pointer.
        var verdicts: [UnsafePointer<CChar>?: Bool] = [:]
        func isAllowed(_ uri: UnsafePointer<CChar>?) -> Bool {
            if let known = verdicts[uri] { return known }
            let verdict = uri.map { allowed.contains(String(cString: $0)) } ?? false
            verdicts[uri] = verdict
            return verdict
        }
        let opaqueNames = Set(opaque.compactMap { intern($0) })
        while index < count {
            let element = elements + Int(index)
            if opaqueNames.contains(element.pointee.localName) && isAllowed(element.pointee.uri) {
                index = element.pointee.subtreeEnd
                continue
            }
            if isAllowed(element.pointee.uri) {
                index += 1
                continue
            }
            let node = XMLElement(document: self, index: index)
            found.append(ForeignElement(localName: node.localName, namespaceURI: node.namespaceURI, line: node.line, path: node.path))
            // Unlink it from its siblings (rows stay where they are; nothing links to them any more).
            let previous = element.pointee.previousSibling
            let next = element.pointee.nextSibling
            if previous >= 0 {
                elements[Int(previous)].nextSibling = next
            } else if element.pointee.parent >= 0 {
                elements[Int(element.pointee.parent)].firstChild = next
            }
            if next >= 0 { elements[Int(next)].previousSibling = previous }
            element.pointee.nextSibling = -1
            element.pointee.previousSibling = -1
            detachedRows.append(index..<element.pointee.subtreeEnd)
            index = element.pointee.subtreeEnd
        }
        detached = found
        return found
    }

    /// Every element with local name `name` anywhere in the document, in document order (a scan
    /// of the tree's rows, for finding elements where a reader does not expect them).
    public func elements(named name: String) -> [XMLElement] {
        guard let interned = intern(name) else { return [] }
        lock.lock()
        let skipped = detachedRows
        lock.unlock()
        var result: [XMLElement] = []
        var row: Int32 = 0
        var next = 0
        let count = tree.pointee.elementCount
        while row < count {
            if next < skipped.count, skipped[next].lowerBound == row {
                row = skipped[next].upperBound
                next += 1
                continue
            }
            if elements[Int(row)].localName == interned { result.append(XMLElement(document: self, index: row)) }
            row += 1
        }
        return result
    }

    // MARK: Parsing

    /// Parses the file at `path`, refusing it before reading when it is larger than `limits.maxBytes`.
    public static func parse(contentsOf path: String, displayName: String? = nil, limits: ParseLimits = .default) throws(XMLParseError)
        -> XMLDocument
    {
        let name = displayName ?? path
        let bytes = try readBounded(path: path, name: name, limit: limits.maxBytes)
        return try parse(bytes: bytes, sourceName: name, limits: limits)
    }

    /// Parses bytes already in memory.
    public static func parse(bytes: [UInt8], sourceName: String, limits: ParseLimits = .default) throws(XMLParseError) -> XMLDocument {
        try checkSize(bytes, sourceName: sourceName, limits: limits)
        initializeOnce
        var state = uea_parse_state()
        // libxml2 refuses more than 256 levels itself (no XML_PARSE_HUGE); the builder applies a lower cap.
        let maxDepth = Int32(max(1, min(limits.maxDepth, 257)))
        let tree = bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { uea_tree_parse($0.baseAddress!, Int32(buffer.count), maxDepth, &state) }
        }
        return try document(tree, state: state, sourceName: sourceName, maxDepth: maxDepth)
    }

    /// Refuses bytes over the limit, over libxml2's 2 GiB, or with nothing but white space.
    private static func checkSize(_ bytes: [UInt8], sourceName: String, limits: ParseLimits) throws(XMLParseError) {
        if bytes.count > limits.maxBytes {
            throw XMLParseError(
                kind: .tooLarge, file: sourceName, message: "file is \(bytes.count) bytes, more than the limit of \(limits.maxBytes) bytes")
        }
        // libxml2 takes the length as an int, whatever --max-bytes says.
        if bytes.count >= Int(Int32.max) {
            throw XMLParseError(kind: .tooLarge, file: sourceName, message: "file is \(bytes.count) bytes; libxml2 reads at most 2 GiB")
        }
        if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
            throw XMLParseError(kind: .empty, file: sourceName, line: 1, message: "file is empty")
        }
    }

    /// The parsed tree as a document, or the parse's one-line error.
    private static func document(
        _ tree: UnsafeMutablePointer<uea_tree>?, state: uea_parse_state, sourceName: String, maxDepth: Int32
    ) throws(XMLParseError) -> XMLDocument {
        if state.doctypeSeen != 0 {
            throw XMLParseError(
                kind: .doctypeForbidden, file: sourceName, line: Int(state.doctypeLine),
                message: "DOCTYPE declarations are not accepted in a bid (they enable external entities and entity expansion)")
        }
        if state.depthExceeded != 0 {
            throw XMLParseError(
                kind: .malformed, file: sourceName, line: Int(state.depthLine),
                message: "element depth exceeds the limit of \(maxDepth) levels")
        }
        guard let tree else {
            var errorMessage = state.errorMessage
            let message = withUnsafeBytes(of: &errorMessage) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }.trimmingCharacters(in: .whitespacesAndNewlines)
            throw XMLParseError(
                kind: .malformed, file: sourceName,
                line: state.errorSeen != 0 ? Int(state.errorLine) : nil,
                column: state.errorSeen != 0 ? Int(state.errorColumn) : nil,
                message: !message.isEmpty ? message : state.wellFormed != 0 ? "out of memory" : "not a well-formed XML document")
        }
        return XMLDocument(tree: tree, sourceName: sourceName)
    }

    /// Parses bytes as strictly as `parse`, handing each element at `depth` (the root is 0) to
    /// `body` as soon as it is complete and forgetting it afterwards: memory holds the rest of the
    /// document and one record, not a list of thousands. The element (and anything reached from
    /// it) is valid only during `body`. Returns the rest (the root with its attributes, and the
    /// elements outside the records). An error `body` throws stops the parse and is rethrown.
    public static func parseRecords(
        bytes: [UInt8], sourceName: String, limits: ParseLimits = .default, depth: Int, body: (XMLElement) throws -> Void
    ) throws -> XMLDocument {
        try checkSize(bytes, sourceName: sourceName, limits: limits)
        initializeOnce
        var state = uea_parse_state()
        let maxDepth = Int32(max(1, min(limits.maxDepth, 257)))
        let tree = try withoutActuallyEscaping(body) { body in
            let records = RecordBody(sourceName: sourceName, body: body)
            let context = Unmanaged.passUnretained(records).toOpaque()
            let tree = bytes.withUnsafeBufferPointer { buffer in
                buffer.withMemoryRebound(to: CChar.self) {
                    uea_tree_parse_records($0.baseAddress!, Int32(buffer.count), maxDepth, Int32(depth), recordCallback, context, &state)
                }
            }
            if let error = records.error { throw error }
            return tree
        }
        return try document(tree, state: state, sourceName: sourceName, maxDepth: maxDepth)
    }

    /// What `parseRecords` hands through libxml2 to its callback.
    private final class RecordBody {
        let sourceName: String
        let body: (XMLElement) throws -> Void
        var error: (any Error)?
        init(sourceName: String, body: @escaping (XMLElement) throws -> Void) {
            self.sourceName = sourceName
            self.body = body
        }
    }

    private static let recordCallback: uea_record_callback = { tree, index, context in
        guard let tree, let context else { return 1 }
        let records = Unmanaged<RecordBody>.fromOpaque(context).takeUnretainedValue()
        // A view of the tree as it is now (its arrays may have moved since the last record).
        let view = XMLDocument(tree: tree, sourceName: records.sourceName, owns: false)
        do {
            try records.body(XMLElement(document: view, index: index))
            return 0
        } catch {
            records.error = error
            return 1
        }
    }

    /// The root and the first `elements` elements of a document, from at most its first `prefix`
    /// bytes, parsed as strictly as `parse` (a DOCTYPE or an error before them: nil). For a
    /// first look at what a document declares (its ESPD release) before it is parsed whole; never
    /// for reading its content.
    public static func parseHead(bytes: ArraySlice<UInt8>, sourceName: String, elements: Int = 64, prefix: Int = 65_536)
        -> XMLDocument?
    {
        let head = bytes.prefix(prefix)
        guard !head.isEmpty else { return nil }
        initializeOnce
        var state = uea_parse_state()
        let tree = head.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { uea_tree_parse_head($0.baseAddress!, Int32(buffer.count), Int32(elements), &state) }
        }
        return tree.map { XMLDocument(tree: $0, sourceName: sourceName) }
    }

    /// libxml2 initialised and the refusing entity loader installed, once per process.
    static let initializeOnce: Void = uea_xml_initialize()

    /// The bytes of the file at `path`, refused before reading when it is larger than `limit`
    /// (callers that also hash the file read it once with this).
    /// `path` "-" reads standard input (to its end, within the same limit).
    public static func readBounded(path: String, name: String, limit: Int) throws(XMLParseError) -> [UInt8] {
        let descriptor = path == "-" ? dup(STDIN_FILENO) : open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            var isDirectory: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
            let reason = !exists ? "no such file" : (isDirectory.boolValue ? "is a directory" : "cannot be opened for reading")
            throw XMLParseError(kind: .unreadable, file: name, message: reason)
        }
        defer { close(descriptor) }
        return try readBounded(descriptor: descriptor, name: name, limit: limit)
    }

    /// As `readBounded(path:)`, from a descriptor the caller opened (and closes): a bidder's file
    /// opened without following a symbolic link at any component of its path.
    public static func readBounded(descriptor: Int32, name: String, limit: Int) throws(XMLParseError) -> [UInt8] {
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            throw XMLParseError(kind: .unreadable, file: name, message: "cannot be opened for reading")
        }
        if (status.st_mode & S_IFMT) == S_IFDIR { throw XMLParseError(kind: .unreadable, file: name, message: "is a directory") }
        if Int(status.st_size) > limit {
            throw XMLParseError(kind: .tooLarge, file: name, message: "file is larger than the limit of \(limit) bytes")
        }
        // Read one byte past the limit (the file may grow, or not be a regular file): enough to know
        // it is too large. Straight into uninitialised capacity: no zero-filling a megabyte first.
        var bytes: [UInt8] = []
        // `--max-bytes` may be as large as Int.max: one byte past it must not overflow.
        let limit = min(limit, Int.max - 1)
        var capacity = min(limit + 1, max(Int(status.st_size) + 1, 4096))
        var failure: Int32 = 0
        while true {
            var atEnd = false
            let previous = bytes
            bytes = [UInt8](unsafeUninitializedCapacity: capacity) { buffer, initialized in
                previous.withUnsafeBufferPointer { if let base = $0.baseAddress { memcpy(buffer.baseAddress!, base, $0.count) } }
                initialized = previous.count
                while initialized < capacity {
                    let got = read(descriptor, buffer.baseAddress! + initialized, capacity - initialized)
                    if got < 0 {
                        if errno == EINTR { continue }
                        failure = errno
                        atEnd = true
                        return
                    }
                    if got == 0 {
                        atEnd = true
                        return
                    }
                    initialized += got
                }
            }
            if atEnd || capacity == limit + 1 { break }
            capacity = min(limit + 1, capacity * 2)  // the file grew while being read
        }
        if failure != 0 {
            throw XMLParseError(kind: .unreadable, file: name, message: "read failed: \(String(cString: strerror(failure)))")
        }
        if bytes.count > limit {
            throw XMLParseError(kind: .tooLarge, file: name, message: "file is larger than the limit of \(limit) bytes")
        }
        return bytes
    }
}
