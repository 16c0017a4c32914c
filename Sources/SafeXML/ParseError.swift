/// Why a document was refused. Every case names the file; most name a line.
public struct XMLParseError: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Kind: String, Sendable, Codable {
        /// The file could not be opened or read.
        case unreadable
        /// The file has no bytes (or only white space).
        case empty
        /// The file is larger than the configured cap.
        case tooLarge = "too-large"
        /// A DOCTYPE was present: bids never need one, and it is the door to XXE and entity bombs.
        case doctypeForbidden = "doctype-forbidden"
        /// libxml2 reported a fatal error (not well-formed, bad encoding, too deep, ...).
        case malformed
    }

    public var kind: Kind
    public var file: String
    public var line: Int?
    public var column: Int?
    public var message: String

    public init(kind: Kind, file: String, line: Int? = nil, column: Int? = nil, message: String) {
        self.kind = kind
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    /// `file:line: message`, the shape compilers use, so editors can jump to it.
    public var description: String {
        var location = file
        if let line { location += ":\(line)" }
        if let column, column > 0 { location += ":\(column)" }
        return "\(location): \(message)"
    }
}
