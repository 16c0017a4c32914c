import CXMLTree
import Foundation

/// An XML Schema compiled by libxml2 from files of the repository (its imports are read only from
/// the schema's own folder; never from a URL or a path a document names). Owns the compiled
/// schema; validating from several threads at once is safe (each validation has its own context).
public final class XMLSchema: @unchecked Sendable {
    // @unchecked: libxml2 does not change a compiled schema while validating with it.
    private let schema: UnsafeMutableRawPointer
    public let path: String

    public struct CompileError: Error, CustomStringConvertible, Sendable {
        public var path: String
        public var message: String
        public var description: String { "\(path): the schema cannot be compiled: \(message)" }
        public init(path: String, message: String) {
            self.path = path
            self.message = message
        }
    }

    /// One validity error: the line in the document and libxml2's message (which names the element
    /// and what the schema expects there).
    public struct Problem: Sendable, Equatable, Codable {
        public var line: Int
        public var message: String
        public init(line: Int, message: String) {
            self.line = line
            self.message = message
        }
    }

    public struct Result: Sendable {
        public var valid: Bool
        /// The first `keep` problems, in document order.
        public var problems: [Problem]
        /// How many problems there were in all.
        public var total: Int
    }

    public init(path: String) throws(CompileError) {
        _ = XMLDocument.initializeOnce
        var message = [CChar](repeating: 0, count: 600)
        guard let compiled = uea_schema_compile(path, &message, message.count) else {
            throw CompileError(
                path: path, message: String(decoding: message.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
        }
        schema = compiled
        self.path = path
    }

    deinit { uea_schema_free(schema) }

    /// Validates a document SafeXML has parsed, from its tree: no second parse (its elements,
    /// attributes and text are handed to libxml2's streaming validator in document order), with
    /// the verdict and problems libxml2 gives for its own tree of the same bytes. Elements a reader
    /// took out of the tree (`detachElements`) are validated all the same. nil when libxml2's
    /// validator failed internally (`validate(bytes:)` then parses the bytes again).
    public func validate(_ document: XMLDocument, keep: Int = 1000) -> Result? {
        var errors = uea_schema_errors()
        errors.keep = Int32(keep)
        defer { uea_schema_errors_free(&errors) }
        let status = uea_schema_validate_tree(schema, document.tree, &errors)
        guard status >= 0 else { return nil }
        return Self.result(status: status, errors: errors)
    }

    /// Validates `bytes` (a document SafeXML has already parsed: well-formed, no DOCTYPE) with a
    /// tree of libxml2's own, as `xmllint --schema` does.
    public func validate(bytes: [UInt8], name: String, keep: Int = 1000) throws(XMLParseError) -> Result {
        var errors = uea_schema_errors()
        errors.keep = Int32(keep)
        defer { uea_schema_errors_free(&errors) }
        guard bytes.count < Int(Int32.max) else { throw XMLParseError(kind: .tooLarge, file: name, message: "too large to validate") }
        let status = bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                uea_schema_validate(schema, $0, Int32(buffer.count), name, &errors)
            }
        }
        if status < 0 { throw XMLParseError(kind: .unreadable, file: name, message: "cannot be parsed for schema validation") }
        return Self.result(status: status, errors: errors)
    }

    private static func result(status: Int32, errors: uea_schema_errors) -> Result {
        var problems: [Problem] = []
        for index in 0..<Int(errors.count) {
            let error = errors.errors[index]
            let message = error.message.map { String(cString: $0) } ?? ""
            problems.append(Problem(line: Int(error.line), message: message))
        }
        return Result(valid: status == 0, problems: problems, total: Int(errors.total))
    }
}
