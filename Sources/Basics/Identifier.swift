/// A party's identifier as a file gives it: a KvK, VAT or other registration number and its scheme.
public struct Identifier: Codable, Sendable, Equatable, Hashable {
    public var value: String
    /// `@schemeID`, or `@schemeAgencyID` when no schemeID is given.
    public var scheme: String?

    public init(value: String, scheme: String? = nil) {
        self.value = value
        self.scheme = scheme
    }
}
