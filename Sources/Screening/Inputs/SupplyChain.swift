import Basics
import DossierModel
import Foundation
import RuleData

/// One row of a solar supply-chain declaration (`supply-chain.csv`), one per tier from
/// quartzite to module (the tiers the solar-cell motion's traceability asks for).
public struct SupplyChainTier: Codable, Sendable, Equatable {
    /// mg-si, polysilicon, ingot, wafer, cell, module (also glass, frame, …).
    public var tier: String
    public var entity: String
    public var aliases: [String]
    public var facilityAddress: String?
    public var city: String?
    public var region: String?
    /// Read by `Country`; a value that is not one country is a reading problem of its row.
    public var country: Country?
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

    public static let columns = [
        "tier", "entity", "aliases", "facility_address", "city", "region", "country", "certificate",
        "certificate_sites", "certificate_expiry", "batch_link", "quantity", "unit",
    ]

    /// The tiers a declaration may name and the units its quantities may have.
    public static let tiers = ["mg-si", "polysilicon", "ingot", "wafer", "cell", "module"]
    public static let units = ["kg", "pcs", "wp"]

    /// A value of a row that could not be used, with its line: reported as a finding, never dropped
    /// silently, and never a reason to refuse the whole bidder (its exclusion grounds still count).
    public struct Problem: Sendable, Equatable {
        public var line: Int
        public var message: String
    }

    public static func load(path: String) throws -> [SupplyChainTier] {
        try loadReporting(path: path).tiers
    }

    /// Reads the declaration; a file that cannot be read as CSV at all throws, a bad value in a row
    /// becomes a problem (the row is kept without that value).
    /// Limits for a bidder's declaration: it names the tiers of the delivered modules, a few dozen
    /// rows; far larger files are refused before they cost minutes and gigabytes.
    public static var maxBytes: Int { InputLimits.chainBytes }
    public static var maxRows: Int { InputLimits.chainRows }

    public static func loadReporting(path: String) throws -> (tiers: [SupplyChainTier], problems: [Problem]) {
        if let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? nil, size > maxBytes {
            throw InputError(file: path, message: "the declaration is \(size) bytes; at most \(maxBytes) bytes are read")
        }
        return try parseReporting(text: try TextFile.read(path), path: path)
    }

    /// Parses declaration text; `path` names it in errors.
    public static func parse(text: String, path: String) throws -> [SupplyChainTier] {
        try parseReporting(text: text, path: path).tiers
    }

    public static func parseReporting(text: String, path: String) throws -> (tiers: [SupplyChainTier], problems: [Problem]) {
        // A row starting with # is a row (a bidder cannot comment a tier away); a row whose value
        // count differs from the header's is a problem reported below, not a refusal.
        let (header, rows) = try CSV.parse(text, path: path, comments: false)
        for required in ["tier", "entity", "country"] where !header.contains(required) {
            throw InputError(
                file: path, line: 1,
                message: "missing column '\(required)' (columns: \(columns.joined(separator: ",")); separated by commas or semicolons)")
        }
        if rows.count > maxRows {
            throw InputError(
                file: path, line: rows[maxRows].line, message: "the declaration has \(rows.count) rows; at most \(maxRows) are read")
        }
        var problems: [Problem] = []
        let declared = rows.compactMap { row -> SupplyChainTier? in
            guard let tier = row["tier"]?.lowercased(), let entity = row["entity"] else {
                problems.append(Problem(line: row.line, message: "the row has no tier or no entity; it was not read"))
                return nil
            }
            // Values outside the header's columns, or a row short of them: a comma too many or too
            // few moves every following value into another column (a place into 'country').
            if row.valueCount != header.count {
                problems.append(
                    Problem(
                        line: row.line,
                        message:
                            "the row has \(row.valueCount) values for \(header.count) columns; values may be in the wrong columns, the row is read as written"
                    ))
            }
            if !Self.tiers.contains(tier) {
                problems.append(
                    Problem(
                        line: row.line,
                        message: "tier '\(tier)' is not one of \(Self.tiers.joined(separator: ", ")); the row is read as written"))
            }
            var expiry: Day? = nil
            if let text = row["certificate_expiry"] {
                if let day = Day(text) {
                    expiry = day
                } else {
                    problems.append(
                        Problem(line: row.line, message: "certificate_expiry '\(text)' is not a date (YYYY-MM-DD); read as no expiry date"))
                }
            }
            var quantity: Double? = nil
            let unit = row["unit"]?.lowercased()
            if let text = row["quantity"] {
                if YAMLFile.looksLikeDutchThousands(text) {
                    problems.append(
                        Problem(
                            line: row.line,
                            message: "quantity '\(text)' looks like a Dutch thousands separator; write it without separators; not used"))
                } else if let value = Double(text), value.isFinite, value >= 0 {
                    quantity = value
                } else {
                    problems.append(Problem(line: row.line, message: "quantity '\(text)' is not a number; not used"))
                }
            }
            if let unit, !units.contains(unit) {
                problems.append(
                    Problem(
                        line: row.line, message: "unit '\(unit)' is not one of \(units.joined(separator: ", ")); the quantity is not used"))
                quantity = nil
            }
            var country: Country? = nil
            if let text = row["country"] {
                country = Country(reading: text)
                if country == nil, let problem = Country.problem(with: text) {
                    problems.append(Problem(line: row.line, message: problem + "; read as no country"))
                }
            }
            func list(_ key: String) -> [String] {
                (row[key] ?? "").split(separator: ";").map { $0.trimmingBlanks() }.filter { !$0.isEmpty }
            }
            return SupplyChainTier(
                tier: tier, entity: entity, aliases: list("aliases"), facilityAddress: row["facility_address"],
                city: row["city"], region: row["region"], country: country,
                certificate: row["certificate"], certificateSites: list("certificate_sites"),
                certificateExpiry: expiry, batchLink: row["batch_link"], quantity: quantity,
                unit: unit, line: row.line)
        }
        return (declared, problems)
    }
}
