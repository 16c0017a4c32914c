/// One file or folder of a bidder's submission and what the screening did with it: every entry
/// of the folder is listed, so that nothing a bidder handed in is left out without a word.
public struct FolderEntry: Codable, Sendable, Equatable {
    public enum Status: String, Codable, Sendable {
        /// Read and screened (an ESPD, bidder.yaml, the supply-chain declaration, a folder walked).
        case read
        /// Not read because it may not be: a backup copy, a symbolic link, a pipe or device, a
        /// folder nested too deep. A finding says so.
        case refused
        /// Not a kind of file the screening reads (a PDF, a hidden file): listed for the record.
        case notRead = "not-read"
    }

    /// Relative to the bidder's folder, with `/` between folders; a folder ends in `/`.
    public var path: String
    public var status: Status
    /// Why it was refused or not read; nil when read.
    public var reason: String?

    public init(path: String, status: Status, reason: String? = nil) {
        self.path = path
        self.status = status
        self.reason = reason
    }
}
