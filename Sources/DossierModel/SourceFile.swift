import Foundation

/// A file that went into a dossier, with its hash (the store keeps the bytes).
public struct SourceFile: Codable, Sendable, Equatable {
    /// espd, member-espd, bidder-file, supply-chain, tender, espd-request.
    public var role: String
    public var path: String
    public var sha256: String
    public var bytes: Int
    /// The exact bytes that were read, parsed and hashed, carried to the store so that it keeps
    /// what was screened, not what the file holds later. Not part of the dossier's JSON.
    public var content: Data?

    enum CodingKeys: String, CodingKey { case role, path, sha256, bytes }

    public init(role: String, path: String, sha256: String, bytes: Int, content: Data? = nil) {
        self.role = role
        self.path = path
        self.sha256 = sha256
        self.bytes = bytes
        self.content = content
    }
}
