/// The version of a watchlist a dossier was screened against: its name, format, date and hash.
public struct WatchlistVersion: Codable, Sendable, Equatable {
    public var name: String
    public var format: String
    public var listDate: String?
    public var sha256: String
    public var entries: Int

    public init(name: String, format: String, listDate: String?, sha256: String, entries: Int) {
        self.name = name
        self.format = format
        self.listDate = listDate
        self.sha256 = sha256
        self.entries = entries
    }
}
