import DossierModel
import ESPD
import Foundation
import Names
import RuleData

/// Runs every registered check on one bidder and assembles its dossier.
public struct Screener: Sendable {
    public var checks: [any Check]

    public init(checks: [any Check] = CheckRegistry.all) { self.checks = checks }

    /// The bidder's findings, and those of the ESPD and exclusion checks on every other entity's
    /// ESPD in the bid (members, relied-upon entities, subcontractors), naming the entity.
    public func findings(_ context: ScreeningContext) -> [Finding] {
        var all = checks.filter { $0.subject == .bidder }.flatMap { check in
            check.run(context).map { LegalRegime.cite($0, by: check, in: context) }
        }
        for other in context.submission.otherESPDs {
            var entity = context
            entity.submission.espd = other
            entity.submission.otherESPDs = []
            let inBid = EntityInBid(other, bidder: context.submission.espd)
            entity.submission.bidder = context.submission.bidder.evidence(for: other)?.asBidderFile ?? BidderFile()
            // Pointers into bidder.yaml go to its `entities` section.
            let entitiesLine = context.submission.bidderFileLines["entities"]
            entity.submission.bidderFileLines = Dictionary(
                uniqueKeysWithValues: ["gva", "kvkExtract", "taxStatement", "equivalentDocument", "entities"].map {
                    ($0, entitiesLine ?? 0)
                }
            )
            .filter { _ in entitiesLine != nil }
            for check in checks where check.subject == .bidder && inBid.isScreened(by: check.entities) {
                all += check.run(entity).map {
                    let cited = LegalRegime.cite($0, by: check, in: entity)
                    return inBid.relabel(
                        cited, ground: check.groundAtEntity?.ground(of: $0), national: cited.legalBasis != $0.legalBasis)
                }
            }
        }
        return all.sorted(by: Finding.ordered)
    }

    /// `2026-11-29T04:46:16Z` (RFC 3339 in UTC, whole seconds), what ISO8601DateFormatter's
    /// `.withInternetDateTime` writes, without creating one per dossier.
    public static func internetDateTime(_ date: Date) -> String {
        let (day, rest) = Day.split(unixSeconds: Int(date.timeIntervalSince1970.rounded(.down)))
        return day.description + "T" + Day.padded(rest / 3600, 2) + ":" + Day.padded(rest % 3600 / 60, 2) + ":" + Day.padded(rest % 60, 2)
            + "Z"
    }

    /// The tender's own findings (checks whose subject is the tender), once per tender.
    public func tenderFindings(_ context: ScreeningContext) -> [Finding] {
        checks.filter { $0.subject == .tender }.flatMap { check in check.run(context).map { LegalRegime.cite($0, by: check, in: context) } }
            .sorted(by: Finding.ordered)
    }

    /// The tender dossier: `request` stands in for a bidder's ESPD (the CPV codes fall back to it).
    public func tenderDossier(
        tender: TenderContext, tenderFilePath: String?, request: ESPDDocument?, rules: RuleBook,
        sources: [SourceFile], notice: NoticeTender? = nil, sanctions: SanctionsIndex? = nil, now: Date = Date()
    ) -> TenderDossier {
        let espd = request ?? .empty(source: tenderFilePath ?? "tender")
        let submission = Submission(
            location: tenderFilePath ?? "tender", espd: espd, otherESPDs: [], bidder: BidderFile(), bidderFilePath: nil,
            bidderFileLines: [:], supplyChain: nil, supplyChainPath: nil, sources: [])
        var context = ScreeningContext(
            submission: submission, tender: tender, tenderFilePath: tenderFilePath, request: request, rules: rules)
        context.notice = notice
        // The lists screen the award notice's winners and owners; without winners none is used.
        let screensWinners = notice?.winners.isEmpty == false && sanctions != nil
        if screensWinners { context.sanctions = sanctions }
        let findings = tenderFindings(context)
        let count = { (s: Severity) in findings.filter { $0.severity == s }.count }
        var dossier = TenderDossier(
            screenedAt: Self.internetDateTime(now),
            tool: .init(name: ToolInfo.name, version: ToolInfo.version),
            ruleData: .init(version: rules.version, files: rules.files),
            tender: .init(
                id: tender.id, name: tender.name, authority: tender.authority.name, type: tender.type?.rawValue,
                estimatedValue: tender.estimatedValue, procedure: tender.procedure?.rawValue, cpv: context.cpvCodes,
                referenceDate: context.referenceDate.description, referenceDateSource: context.referenceDateSource, team: tender.team),
            contractConditions: tender.contractConditions,
            sources: sources.sorted { ($0.role, $0.path) < ($1.role, $1.path) },
            findings: findings,
            summary: .init(
                blocker: count(.blocker), attention: count(.attention), info: count(.info),
                outcome: .of(blocker: count(.blocker), attention: count(.attention))))
        if screensWinners { dossier.watchlists = (sanctions?.lists ?? []).map(\.version) }
        return dossier
    }

    /// The bidder and every other entity with an ESPD, with the count of findings about each.
    static func entities(_ s: Submission, _ findings: [Finding]) -> [Dossier.EntitySummary] {
        func summary(_ espd: ESPDDocument, role: String, name: String, _ about: (Finding) -> Bool) -> Dossier.EntitySummary {
            let own = findings.filter(about)
            return .init(
                name: name, role: role, file: espd.source, generation: espd.generation.rawValue,
                blocker: own.count { $0.severity == .blocker }, attention: own.count { $0.severity == .attention },
                info: own.count { $0.severity == .info })
        }
        return [summary(s.espd, role: "bidder", name: s.displayName) { $0.details?["entity"] == nil }]
            + s.otherESPDs.map { other in
                let entity = EntityInBid(other, bidder: s.espd)
                return summary(other, role: entity.roleName, name: entity.name) { $0.details?["entityFile"] == other.source }
            }
    }

    public func dossier(_ context: ScreeningContext, extraSources: [SourceFile] = [], now: Date = Date()) -> Dossier {
        let findings = findings(context)
        let count = { (s: Severity) in findings.filter { $0.severity == s }.count }
        let outcome = Outcome.of(blocker: count(.blocker), attention: count(.attention))
        let s = context.submission
        let eo = s.espd.economicOperator
        var tender = Dossier.TenderSummary(
            id: context.tender.id, name: context.tender.name, authority: context.tender.authority.name,
            type: context.tender.type?.rawValue, estimatedValue: context.tender.estimatedValue,
            procedure: context.tender.procedure?.rawValue, cpv: context.cpvCodes,
            referenceDate: context.referenceDate.description, referenceDateSource: context.referenceDateSource)
        if let lots = context.bidLots, lots.narrows { tender.lots = lots.registered.map(\.id) }
        return Dossier(
            screenedAt: Self.internetDateTime(now),
            tool: .init(name: ToolInfo.name, version: ToolInfo.version),
            ruleData: .init(version: context.rules.version, files: context.rules.files),
            watchlists: (context.sanctions?.lists ?? []).map(\.version),
            tender: tender,
            bidder: .init(
                name: s.displayName, identifiers: eo?.identifiers ?? [], kvk: s.kvk, country: s.country?.alpha2 ?? eo?.country,
                role: eo?.role, groupName: eo?.groupName),
            espd: .init(
                file: s.espd.source, generation: s.espd.generation.rawValue, version: s.espd.version, kind: s.espd.kind.rawValue,
                contractFolderID: s.espd.contractFolderID, criteria: s.espd.criteria.count,
                otherEntities: s.otherESPDs.map {
                    "\($0.economicOperator?.name ?? $0.source) (\($0.economicOperator?.role ?? "role not given"))"
                }),
            sources: (s.sources + extraSources).sorted { ($0.role, $0.path) < ($1.role, $1.path) },
            folder: s.folder.isEmpty ? nil : s.folder,
            findings: findings,
            entities: Self.entities(s, findings),
            review: context.rules.review.map { .init(id: $0.id, basis: $0.basis, nl: $0.nl, en: $0.en, status: "open") },
            summary: .init(blocker: count(.blocker), attention: count(.attention), info: count(.info), outcome: outcome))
    }
}
