/// The README's table of every check (between `<!-- check-table:begin -->` and `<!-- check-table:end -->`),
/// generated from the checks' descriptions; `CheckTableTests` fails when the README's copy is stale,
/// and `UEA_REGENERATE=1 swift test --filter CheckTableTests` rewrites it.
public enum CheckTable {
    public static let begin =
        "<!-- check-table:begin (generated from CheckRegistry; UEA_REGENERATE=1 swift test --filter CheckTableTests) -->"
    public static let end = "<!-- check-table:end -->"

    /// The table in Markdown, one row per check in registry order.
    public static func markdown(_ checks: [any Check] = CheckRegistry.all) -> String {
        var lines = ["| check | max | runs on | legal effect |", "|---|---|---|---|"]
        for check in checks {
            let cells = ["`\(check.id)`", check.severity.rawValue, runsOn(check), check.legalEffect]
            lines.append("| " + cells.map { $0.replacing("|", with: "\\|") }.joined(separator: " | ") + " |")
        }
        return lines.joined(separator: "\n")
    }

    /// Which ESPDs or file a check reads, in the words of the table.
    public static func runsOn(_ check: any Check) -> String {
        if check.subject == .tender { return "the tender" }
        switch check.entities {
        case .bidderOnly: return "the bidder"
        case .everyEntity: return "every entity of the bid"
        case .withOwnEvidence: return "the bidder, members and relied-upon entities"
        }
    }

    /// `readme` with the generated table between the markers; nil when a marker is missing.
    public static func replacing(in readme: String, with table: String = markdown()) -> String? {
        guard let start = readme.range(of: begin), let stop = readme.range(of: end, range: start.upperBound..<readme.endIndex)
        else { return nil }
        return String(readme[..<start.upperBound]) + "\n" + table + "\n" + String(readme[stop.lowerBound...])
    }
}
