import SafeXML

/// One reader per ESPD generation. A new generation (EDM v5 on UBL 2.4) is one new
/// file conforming to this protocol, added to `ESPDReaders.all`, plus its catalogue data.
public protocol GenerationReader: Sendable {
    /// Whether this reader handles a document with this header.
    static func accepts(_ header: DocumentHeader) -> Bool
    /// Fills the normalised model. Readers do not throw: oddities become warnings. `request` is the
    /// root of the matching ESPD request, for responses that carry answers but no criteria.
    static func read(_ root: XMLElement, header: DocumentHeader, request: XMLElement?) -> ESPDDocument
}

public enum ESPDReaders {
    /// Tried in order; the first that accepts the header reads the document.
    public static let all: [any GenerationReader.Type] = [
        V1Reader.self,
        EDMv2Reader.self,
        EDMv3Reader.self,
        EDMv4Reader.self,
    ]
}

/// Why `ESPDParser` refused a file.
public enum ESPDReadError: Error, Sendable, CustomStringConvertible {
    case xml(XMLParseError)
    case notESPD(NotAnESPDError)
    case unsupportedVersion(file: String, line: Int, version: String)

    public var description: String {
        switch self {
        case .xml(let error): return error.description
        case .notESPD(let error): return error.description
        case .unsupportedVersion(let file, let line, let version):
            return "\(file):\(line): ESPD version \(version) is not supported by this build"
        }
    }

    /// The line the problem was found at, when known.
    public var line: Int? {
        switch self {
        case .xml(let error): return error.line
        case .notESPD(let error): return error.line
        case .unsupportedVersion(_, let line, _): return line
        }
    }
}

/// Entry point: file → strict XML parse → header → the matching generation reader.
public enum ESPDParser {
    /// - Parameter request: the tender's ESPD request; used when a response carries no criteria
    ///   (shared/espd-formats.md §5.4 step 2).
    public static func read(contentsOf path: String, displayName: String? = nil, limits: ParseLimits = .default,
                            request: String? = nil) throws(ESPDReadError) -> ESPDDocument {
        let bytes: [UInt8]
        do { bytes = try XMLDocument.readBounded(path: path, name: displayName ?? path, limit: limits.maxBytes) } catch { throw .xml(error) }
        return try read(bytes: bytes, sourceName: displayName ?? path, limits: limits, request: request)
    }

    /// Reads bytes already in memory (read once, so the caller can hash the same bytes).
    /// - Parameter request: the path of the tender's ESPD request, parsed only when the response
    ///   carries no criteria of its own.
    public static func read(bytes: [UInt8], sourceName: String, limits: ParseLimits = .default, request: String? = nil) throws(ESPDReadError) -> ESPDDocument {
        let document: XMLDocument
        var requestDocument: XMLDocument? = nil
        do {
            document = try XMLDocument.parse(bytes: bytes, sourceName: sourceName, limits: limits)
            if let request, document.root.child(named: "TenderingCriterion") == nil {
                requestDocument = try XMLDocument.parse(contentsOf: request, limits: limits)
            }
        } catch {
            throw .xml(error)
        }
        return try read(document, request: requestDocument)
    }

    public static func read(_ document: XMLDocument, request: XMLDocument? = nil) throws(ESPDReadError) -> ESPDDocument {
        let root = document.root
        let header: DocumentHeader
        do {
            header = try HeaderReader.read(root)
        } catch {
            throw .notESPD(error)
        }
        guard let reader = ESPDReaders.all.first(where: { $0.accepts(header) }) else {
            throw .unsupportedVersion(file: document.sourceName, line: root.line, version: header.version?.description ?? "unknown")
        }
        return reader.read(root, header: header, request: request?.root)
    }
}

/// Re-exported so callers of `ESPDParser` need not import SafeXML.
public typealias ParseLimits = SafeXML.ParseLimits
public typealias XMLParseError = SafeXML.XMLParseError
