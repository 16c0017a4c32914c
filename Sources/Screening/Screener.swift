import ESPD
import Foundation

/// Runs every registered check on one bidder and assembles its dossier.
public struct Screener: Sendable {
    public var checks: [any Check]

    public init(checks: [any Check] = CheckRegistry.all) { self.checks = checks }

    public func findings(_ context: ScreeningContext) -> [Finding] {
        checks.flatMap { $0.run(context) }.sorted(by: Finding.ordered)
    }

    /// `2026-11-29T04:46:16Z` (RFC 3339 in UTC, whole seconds), what ISO8601DateFormatter's
    /// `.withInternetDateTime` writes, without creating one per dossier.
    public static func internetDateTime(_ date: Date) -> String {
        let (day, rest) = Day.split(unixSeconds: Int(date.timeIntervalSince1970.rounded(.down)))
        return day.description + "T" + Day.padded(rest / 3600, 2) + ":" + Day.padded(rest % 3600 / 60, 2) + ":" + Day.padded(rest % 60, 2) + "Z"
    }

    public func dossier(_ context: ScreeningContext, extraSources: [SourceFile] = [], now: Date = Date()) -> Dossier {
        let findings = findings(context)
        let count = { (s: Severity) in findings.filter { $0.severity == s }.count }
        let outcome = count(.blocker) > 0 ? "blocker" : (count(.attention) > 0 ? "attention" : "clean")
        let s = context.submission
        let eo = s.espd.economicOperator
        return Dossier(
            screenedAt: Self.internetDateTime(now),
            tool: .init(name: ToolInfo.name, version: ToolInfo.version),
            ruleData: .init(version: context.rules.version, files: context.rules.files),
            watchlists: (context.sanctions?.lists ?? []).map(\.version),
            tender: .init(id: context.tender.id, name: context.tender.name, authority: context.tender.authority.name,
                          type: context.tender.type?.rawValue, estimatedValue: context.tender.estimatedValue,
                          procedure: context.tender.procedure?.rawValue, cpv: context.cpvCodes,
                          referenceDate: context.referenceDate.description, referenceDateSource: context.referenceDateSource),
            bidder: .init(name: s.displayName, identifiers: eo?.identifiers ?? [], kvk: s.kvk, country: s.country,
                          role: eo?.role, groupName: eo?.groupName),
            espd: .init(file: s.espd.source, generation: s.espd.generation.rawValue, version: s.espd.version, kind: s.espd.kind.rawValue,
                        contractFolderID: s.espd.contractFolderID, criteria: s.espd.criteria.count,
                        otherEntities: s.otherESPDs.map { "\($0.economicOperator?.name ?? $0.source) (\($0.economicOperator?.role ?? "role not given"))" }),
            sources: (s.sources + extraSources).sorted { ($0.role, $0.path) < ($1.role, $1.path) },
            findings: findings,
            review: context.rules.review.map { .init(id: $0.id, basis: $0.basis, nl: $0.nl, en: $0.en, status: "open") },
            summary: .init(blocker: count(.blocker), attention: count(.attention), info: count(.info), outcome: outcome))
    }
}
