/// Caps applied before and during parsing.
public struct ParseLimits: Sendable, Equatable {
    /// The largest file accepted, in bytes. The largest real ESPD in the corpus is
    /// about 1.4 MB; the default is more than ten times that.
    public var maxBytes: Int
    /// The deepest element nesting accepted. Real ESPDs nest about 20 deep;
    /// libxml2 itself stops at 256 without XML_PARSE_HUGE, which we never set.
    public var maxDepth: Int

    public static let defaultMaxBytes = 16 * 1024 * 1024
    public static let `default` = ParseLimits(maxBytes: defaultMaxBytes, maxDepth: 256)

    public init(maxBytes: Int = ParseLimits.defaultMaxBytes, maxDepth: Int = 256) {
        self.maxBytes = maxBytes
        self.maxDepth = maxDepth
    }
}
