import Foundation

/// One row of a solar supply-chain declaration (`supply-chain.csv`), one per tier from
/// quartzite to module (shared/domain.md §6.1, §6.4).
public struct SupplyChainTier: Codable, Sendable, Equatable {
    /// mg-si, polysilicon, ingot, wafer, cell, module (also glass, frame, …).
    public var tier: String
    public var entity: String
    public var aliases: [String]
    public var facilityAddress: String?
    public var city: String?
    public var region: String?
    public var country: String?
    public var certificate: String?
    /// Sites the certificate covers (addresses or site names), ";"-separated in the file.
    public var certificateSites: [String]
    public var certificateExpiry: Day?
    /// Batch or serial numbers linking delivered modules to this traced line.
    public var batchLink: String?
    public var quantity: Double?
    /// kg, pcs, Wp.
    public var unit: String?
    public var line: Int

    public static let columns = ["tier", "entity", "aliases", "facility_address", "city", "region", "country", "certificate",
                                 "certificate_sites", "certificate_expiry", "batch_link", "quantity", "unit"]

    public static func load(path: String) throws -> [SupplyChainTier] {
        guard let data = FileManager.default.contents(atPath: path) else { throw InputError(file: path, message: "cannot be read") }
        return try parse(text: String(decoding: data, as: UTF8.self), path: path)
    }

    /// Parses declaration text; `path` names it in errors.
    public static func parse(text: String, path: String) throws -> [SupplyChainTier] {
        let (header, rows) = CSV.parse(text)
        for required in ["tier", "entity", "country"] where !header.contains(required) {
            throw InputError(file: path, line: 1, message: "missing column '\(required)' (columns: \(columns.joined(separator: ",")))")
        }
        return try rows.map { row in
            guard let tier = row["tier"]?.lowercased(), let entity = row["entity"] else {
                throw InputError(file: path, line: row.line, message: "every row needs a tier and an entity")
            }
            var expiry: Day? = nil
            if let text = row["certificate_expiry"] {
                guard let day = Day(text) else { throw InputError(file: path, line: row.line, message: "certificate_expiry '\(text)' is not a date (YYYY-MM-DD)") }
                expiry = day
            }
            var quantity: Double? = nil
            if let text = row["quantity"] {
                guard let value = Double(text) else { throw InputError(file: path, line: row.line, message: "quantity '\(text)' is not a number") }
                quantity = value
            }
            func list(_ key: String) -> [String] {
                (row[key] ?? "").split(separator: ";").map { $0.trimmingBlanks() }.filter { !$0.isEmpty }
            }
            return SupplyChainTier(tier: tier, entity: entity, aliases: list("aliases"), facilityAddress: row["facility_address"],
                                   city: row["city"], region: row["region"], country: row["country"]?.uppercased(),
                                   certificate: row["certificate"], certificateSites: list("certificate_sites"),
                                   certificateExpiry: expiry, batchLink: row["batch_link"], quantity: quantity,
                                   unit: row["unit"]?.lowercased(), line: row.line)
        }
    }
}
