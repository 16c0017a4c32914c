import CLibXML2
import Foundation

/// A parsed, well-formed XML document. Owns its `xmlDocPtr`; elements keep it alive.
///
/// Parsing is strict: no recovery, no entity substitution, no DTD loading, no
/// network, and any DOCTYPE is refused. The external-entity loader is replaced
/// once per process by one that refuses everything.
public final class XMLDocument: @unchecked Sendable {
    // @unchecked: the tree is never mutated after parsing, and libxml2 read
    // access to a finished tree is thread-safe.
    let pointer: xmlDocPtr
    /// The name used in error messages and evidence pointers (usually the path given by the user).
    public let sourceName: String

    private init(pointer: xmlDocPtr, sourceName: String) {
        self.pointer = pointer
        self.sourceName = sourceName
    }

    deinit { xmlFreeDoc(pointer) }

    /// The root element.
    public var root: XMLElement {
        // A document that parsed without error always has a root element.
        XMLElement(document: self, node: xmlDocGetRootElement(pointer))
    }

    /// The encoding the document declared, if any.
    public var declaredEncoding: String? {
        guard let encoding = pointer.pointee.encoding else { return nil }
        return String(cString: encoding)
    }

    // MARK: Parsing

    /// Parses the file at `path`, refusing it before reading when it is larger than `limits.maxBytes`.
    public static func parse(contentsOf path: String, displayName: String? = nil, limits: ParseLimits = .default) throws(XMLParseError) -> XMLDocument {
        let name = displayName ?? path
        let bytes = try readBounded(path: path, name: name, limit: limits.maxBytes)
        return try parse(bytes: bytes, sourceName: name, limits: limits)
    }

    /// Parses bytes already in memory.
    public static func parse(bytes: [UInt8], sourceName: String, limits: ParseLimits = .default) throws(XMLParseError) -> XMLDocument {
        if bytes.count > limits.maxBytes {
            throw XMLParseError(kind: .tooLarge, file: sourceName, message: "file is \(bytes.count) bytes, more than the limit of \(limits.maxBytes) bytes")
        }
        if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
            throw XMLParseError(kind: .empty, file: sourceName, line: 1, message: "file is empty")
        }
        installEntityLoaderOnce
        var state = uea_parse_state()
        let document: xmlDocPtr? = bytes.withUnsafeBufferPointer { buffer -> xmlDocPtr? in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) { chars in
                withUnsafeMutablePointer(to: &state) { statePointer in
                    guard let context = uea_new_strict_context(chars, Int32(buffer.count), strictOptions, statePointer) else { return nil }
                    defer { xmlFreeParserCtxt(context) }
                    xmlParseDocument(context)
                    let document = uea_context_take_document(context)
                    if uea_context_well_formed(context) == 0 || statePointer.pointee.doctypeSeen != 0 || statePointer.pointee.errorSeen != 0 {
                        xmlFreeDoc(document)
                        return nil
                    }
                    return document
                }
            }
        }
        if state.doctypeSeen != 0 {
            throw XMLParseError(kind: .doctypeForbidden, file: sourceName, line: Int(state.doctypeLine),
                                message: "DOCTYPE declarations are not accepted in a bid (they enable external entities and entity expansion)")
        }
        guard let document else {
            let message = withUnsafeBytes(of: state.errorMessage) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }.trimmingCharacters(in: .whitespacesAndNewlines)
            throw XMLParseError(kind: .malformed, file: sourceName,
                                line: state.errorSeen != 0 ? Int(state.errorLine) : nil,
                                column: state.errorSeen != 0 ? Int(state.errorColumn) : nil,
                                message: message.isEmpty ? "not a well-formed XML document" : message)
        }
        let result = XMLDocument(pointer: document, sourceName: sourceName)
        // libxml2 itself refuses more than 256 levels (no XML_PARSE_HUGE); walk only for a lower cap.
        if limits.maxDepth < 256, let depth = result.root.depthExceeding(limits.maxDepth) {
            throw XMLParseError(kind: .malformed, file: sourceName, line: depth.line, message: "elements nest deeper than \(limits.maxDepth) levels")
        }
        return result
    }

    // NONET: never touch the network. BIG_LINES: line numbers past 65535.
    // COMPACT saves memory on small text nodes. Deliberately absent: RECOVER,
    // NOENT (entity substitution), DTDLOAD, DTDATTR, XINCLUDE, HUGE.
    private static let strictOptions: Int32 = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_BIG_LINES.rawValue | XML_PARSE_COMPACT.rawValue | XML_PARSE_NOCDATA.rawValue)

    private static let installEntityLoaderOnce: Void = {
        xmlInitParser()
        uea_install_refusing_entity_loader()
    }()

    private static func readBounded(path: String, name: String, limit: Int) throws(XMLParseError) -> [UInt8] {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            var isDirectory: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
            let reason = !exists ? "no such file" : (isDirectory.boolValue ? "is a directory" : "cannot be opened for reading")
            throw XMLParseError(kind: .unreadable, file: name, message: reason)
        }
        defer { try? handle.close() }
        let data: Data?
        do {
            // Read one byte past the limit: enough to know the file is too large.
            data = try handle.read(upToCount: limit + 1)
        } catch {
            throw XMLParseError(kind: .unreadable, file: name, message: "read failed: \(error.localizedDescription)")
        }
        let bytes = [UInt8](data ?? Data())
        if bytes.count > limit {
            throw XMLParseError(kind: .tooLarge, file: name, message: "file is larger than the limit of \(limit) bytes")
        }
        return bytes
    }
}
