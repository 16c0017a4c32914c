import DossierModel
import Foundation

/// Size limits on what bidders and users hand in, so a huge or crafted file is refused with one
/// line instead of costing minutes and gigabytes. Each can be set in the environment (a site with
/// unusually large declarations raises it); the README lists them.
public enum InputLimits {
    /// A YAML file (tender, bidder, rule data): `UEA_SCREEN_MAX_YAML_BYTES`, default 4 MiB.
    public static let yamlBytes = value("UEA_SCREEN_MAX_YAML_BYTES", 4 << 20)
    /// Entries of one list in a YAML file (aliases can multiply them): `UEA_SCREEN_MAX_LIST_ENTRIES`, default 5,000.
    public static let listEntries = value("UEA_SCREEN_MAX_LIST_ENTRIES", 5_000)
    /// A supply-chain declaration: `UEA_SCREEN_MAX_CHAIN_BYTES` (2 MiB) and `UEA_SCREEN_MAX_CHAIN_ROWS` (2,000).
    public static let chainBytes = value("UEA_SCREEN_MAX_CHAIN_BYTES", 2 << 20)
    public static let chainRows = value("UEA_SCREEN_MAX_CHAIN_ROWS", 2_000)

    static func value(_ name: String, _ fallback: Int) -> Int {
        guard let text = ProcessInfo.processInfo.environment[name], let number = Int(text), number > 0 else { return fallback }
        return number
    }
}
