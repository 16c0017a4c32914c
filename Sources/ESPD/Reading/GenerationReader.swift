import SafeXML

/// One reader per ESPD generation. A new generation (EDM v5 on UBL 2.4) is a reader conforming
/// to this protocol in `ESPDReaders.all`, with its `Generation` case, version detection, namespaces,
/// catalogue data and schemas: the README's layout section lists the files.
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
    ///   (its questions are then paired with the response's answers).
    public static func read(
        contentsOf path: String, displayName: String? = nil, limits: ParseLimits = .default,
        request: String? = nil
    ) throws(ESPDReadError) -> ESPDDocument {
        let bytes: [UInt8]
        do { bytes = try XMLDocument.readBounded(path: path, name: displayName ?? path, limit: limits.maxBytes) } catch {
            throw .xml(error)
        }
        return try read(bytes: bytes, sourceName: displayName ?? path, limits: limits, request: request)
    }

    /// Reads bytes already in memory (read once, so the caller can hash the same bytes).
    /// - Parameter request: the path of the tender's ESPD request: the questions the authority asked.
    public static func read(bytes: [UInt8], sourceName: String, limits: ParseLimits = .default, request: String? = nil)
        throws(ESPDReadError) -> ESPDDocument
    {
        var requestDocument: XMLDocument? = nil
        if let request {
            do { requestDocument = try XMLDocument.parse(contentsOf: request, limits: limits) } catch { throw .xml(error) }
        }
        return try read(bytes: bytes, sourceName: sourceName, limits: limits, requestDocument: requestDocument)
    }

    /// The same with the request already parsed (a batch parses it once and shares it: a parsed
    /// document is only read).
    public static func read(bytes: [UInt8], sourceName: String, limits: ParseLimits = .default, requestDocument: XMLDocument?)
        throws(ESPDReadError) -> ESPDDocument
    {
        try read(parse(bytes: bytes, sourceName: sourceName, limits: limits), request: requestDocument)
    }

    private static func parse(bytes: [UInt8], sourceName: String, limits: ParseLimits) throws(ESPDReadError) -> XMLDocument {
        do { return try XMLDocument.parse(bytes: bytes, sourceName: sourceName, limits: limits) } catch { throw .xml(error) }
    }

    /// The same, and with a `validator` the document's formal validity against its release's
    /// schemas (`schemaValidation`, the first `keep` problems kept), from the same parse.
    public static func read(
        bytes: [UInt8], sourceName: String, limits: ParseLimits = .default, requestDocument: XMLDocument?,
        validator: ESPDSchemas.Validator?, keep: Int = 1000
    ) throws -> ESPDDocument {
        // The release is told by the header: its schemas compile while the document is parsed and read.
        validator?.prepare(head: bytes[...], sourceName: sourceName)
        let tree = try parse(bytes: bytes, sourceName: sourceName, limits: limits)
        var document = try read(tree, request: requestDocument)
        if let validator { document.schemaValidation = try validator.validate(document, tree: tree, bytes: bytes, keep: keep) }
        return document
    }

    public static func read(_ document: XMLDocument, request: XMLDocument? = nil) throws(ESPDReadError) -> ESPDDocument {
        let root = document.root
        // Elements are matched by namespace and local name: elements in namespaces the document's
        // generation does not use are taken out before anything is read (a decoy answer in a
        // foreign namespace must not stand in for the real one), and each is reported.
        let foreign = document.detachElements(
            outside: ESPDNamespaces.allowed(rootNamespace: root.namespaceURI), opaque: ESPDNamespaces.opaque)
        if let request {
            _ = request.detachElements(
                outside: ESPDNamespaces.allowed(rootNamespace: request.root.namespaceURI), opaque: ESPDNamespaces.opaque)
        }
        let header: DocumentHeader
        do {
            header = try HeaderReader.read(root)
        } catch {
            throw .notESPD(error)
        }
        guard let reader = ESPDReaders.all.first(where: { $0.accepts(header) }) else {
            throw .unsupportedVersion(file: document.sourceName, line: root.line, version: header.version?.description ?? "unknown")
        }
        var result = reader.read(root, header: header, request: request?.root)
        result.warnings.append(contentsOf: ESPDNamespaces.warnings(foreign))
        // Names with control, bidi or invisible characters: shown escaped everywhere, and reported
        // (they can disguise a name on a screen and defeat name matching).
        if let eo = result.economicOperator {
            for (label, name, line) in [("economic operator", eo.name, eo.line)]
                + eo.representatives.map({ ("representative", $0.fullName as String?, $0.line) })
            {
                guard let name, name.unicodeScalars.contains(where: { IdentifierText.isInvisible($0) && $0 != " " && $0.value != 0xA0 })
                else { continue }
                result.warnings.append(
                    ReaderWarning(
                        code: "hidden-characters-in-name",
                        message:
                            "the \(label)'s name \"\(CriterionAssembly.visible(name))\" contains control, bidirectional or invisible characters",
                        line: line))
            }
        }
        result.warnings.sort { ($0.line ?? 0) < ($1.line ?? 0) }
        return result
    }
}

/// Re-exported so callers of `ESPDParser` need not import SafeXML.
public typealias ParseLimits = SafeXML.ParseLimits
public typealias XMLParseError = SafeXML.XMLParseError

/// The namespaces each ESPD generation uses (from its schemas in schemas/espd; every element of every
/// corpus file is in one of them, except `xs:annotation` in two EDM proposal requests).
enum ESPDNamespaces {
    static let oasisBasic = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"
    static let oasisAggregate = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
    static let oasisExtension = "urn:oasis:names:specification:ubl:schema:xsd:CommonExtensionComponents-2"
    static let v1: Set<String> = [
        HeaderReader.v1Request, HeaderReader.v1Response,
        "urn:grow:names:specification:ubl:schema:xsd:ESPD-CommonAggregateComponents-1",
        "urn:grow:names:specification:ubl:schema:xsd:ESPD-CommonBasicComponents-1",
        "urn:isa:names:specification:ubl:schema:xsd:CCV-CommonAggregateComponents-1",
        "urn:isa:names:specification:ubl:schema:xsd:CCV-CommonBasicComponents-1",
        "urn:isa:names:specification:ubl:schema:xsd:CEV-CommonAggregateComponents-1",
        "urn:isa:names:specification:ubl:schema:xsd:CEV-CommonBasicComponents-1",
        oasisBasic, oasisAggregate, oasisExtension,
    ]
    static let preAward: Set<String> = [
        "urn:X-test:UBL:Pre-award:QualificationApplicationRequest", "urn:X-test:UBL:Pre-award:QualificationApplicationResponse",
        "urn:X-test:UBL:Pre-award:CommonBasic", "urn:X-test:UBL:Pre-award:CommonAggregate", "urn:X-test:UBL:Pre-award:CommonExtension",
    ]
    static let oasis: Set<String> = [
        "urn:oasis:names:specification:ubl:schema:xsd:QualificationApplicationRequest-2",
        "urn:oasis:names:specification:ubl:schema:xsd:QualificationApplicationResponse-2",
        oasisBasic, oasisAggregate, oasisExtension,
    ]
    /// UBL extensions may hold anything (signatures); no reader looks inside them.
    static let opaque: Set<String> = ["UBLExtensions"]

    /// The namespaces of the generation the root belongs to; for an unknown root, every ESPD namespace.
    static func allowed(rootNamespace: String?) -> Set<String> {
        guard let rootNamespace else { return v1.union(preAward).union(oasis) }
        if v1.contains(rootNamespace) { return v1 }
        if preAward.contains(rootNamespace) { return preAward }
        if oasis.contains(rootNamespace) { return oasis }
        return v1.union(preAward).union(oasis).union([rootNamespace])
    }

    /// One warning per foreign element (at most 50, then one that counts the rest).
    static func warnings(_ foreign: [XMLDocument.ForeignElement]) -> [ReaderWarning] {
        var result = foreign.prefix(50).map { element in
            ReaderWarning(
                code: "foreign-element",
                message:
                    "element \(element.localName) in \(element.namespaceURI.map { "namespace \($0)" } ?? "no namespace") is not part of this ESPD generation; it was not read (\(element.path))",
                line: element.line)
        }
        if foreign.count > 50 {
            result.append(
                ReaderWarning(
                    code: "foreign-element", message: "\(foreign.count - 50) more elements in foreign namespaces were not read",
                    line: foreign[50].line))
        }
        return result
    }
}
