import ArgumentParser
import Basics
import DossierModel
import DossierStore
import ESPD
import Foundation
import Reports
import Screening

struct Review: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "review",
        abstract: "Record a jurist's decision on findings of a stored dossier, or show the dossier with its decisions.",
        discussion: """
            A finding is named by the first 8 or more characters of its fingerprint (as `review DOSSIER` \
            prints it), by its check id (every finding of that check in the dossier), by the exclusion \
            ground it is about (C18), or by a manual review item (review.self-cleaning). The tender's own \
            dossier (procedure, thresholds, the duties on the tender documents) is reviewed the same way, \
            named by the tender id. Decisions are entries in the store, chained like the \
            dossiers, exported with them and checked by verify. A decision applies again on a re-screen \
            whose finding has the same evidence; when the evidence changed, the finding is open again and \
            the earlier decision is shown as such.

            Decisions: measures-accepted (self-cleaning, art. 2.87a Aw 2012), ground-confirmed (the bidder is \
            excluded), ground-not-applicable, not-the-listed-party (a name match that is someone else), \
            deviation-approved (from the Inkoopkader), justification-recorded, needs-information (with --due, \
            not before today; the finding stays open).

            What a decision states (kept sealed with it, signed, printed under it): measures-accepted the \
            three elements of art. 2.87a Aw 2012 (--compensation, --cooperation, --measures); ground-confirmed \
            --proportionality and --heard; a decision on a name match the identity evidence (--birth-date, \
            --registration, --nationality, --address), to which the list entry and version are added.

            Who decides: the decider is the registered person of the account running the command (the OS \
            user, or the database role), and every decision is signed with their key (`uea-screen team`). \
            A decision on a blocker is a proposal: the blocker stays until a second registered person with \
            the mandate confirms it (`--confirm`); the proposer cannot confirm. Name-match hits (sanctions \
            list entries, persons, forced-labour list entities) are decided and confirmed one at a time, by \
            fingerprint; excluding on one needs the identity evidence (--attach). `dossier award` refuses a \
            bidder that is excluded or has an open or unconfirmed blocker.

            Examples:
              uea-screen review 3f2a91c0
              uea-screen review 3f2a91c0 exclusion.mandatory-ground --decision measures-accepted --reason "herstelmaatregelen voldoende (art. 2.87a Aw 2012), zie brief 12-11" --compensation "schade vergoed" --cooperation "meegewerkt met het OM" --measures "bestuurder ontslagen, compliance-officer aangesteld" --attach brief.pdf
              uea-screen review 3f2a91c0 exclusion.mandatory-ground --confirm --reason "eens met de beoordeling"   (a second jurist)
              uea-screen review 3f2a91c0 C18 --decision ground-not-applicable --reason "grond niet aangekondigd in de aankondiging"
              uea-screen review 3f2a91c0 7c1e40aa --decision not-the-listed-party --reason "andere persoon" --birth-date "4 juli 1980; vermeld: 12 maart 1965" --attach uittreksel.pdf
              uea-screen review 3f2a91c0 sanctions.listed-party --decision needs-information --reason "uittreksel opgevraagd" --due 2026-12-15
              uea-screen review PFL-2026-017 tender.sroi --decision justification-recorded --reason "SROI niet passend: motivering in nota 2026-14"   (the tender's own dossier)
            """)

    @OptionGroup var options: StoreOptions
    @Argument(help: "Dossier id (or a unique prefix of at least 8 characters), or a tender id for the tender's own dossier.")
    var id: String
    @Argument(help: "Findings: fingerprint prefixes, check ids, exclusion grounds (C18) or review items.") var findings: [String] = []
    @Option(help: "The decision.") var decision: ReviewDecision?
    @Flag(help: "Confirm the decision another person proposed on these findings (four eyes on a blocker).") var confirm = false
    @Option(help: "Why (required with --decision and --confirm).") var reason: String?
    @Option(help: "With needs-information: the date the bidder must answer by (YYYY-MM-DD).") var due: String?
    @Option(help: "A file to keep with the decision (the bidder's letter, a register extract); repeatable.") var attach: [String] = []
    @OptionGroup(title: "What the decision states (kept sealed with it)") var content: DecisionContentOptions
    enum Format: String, ArgumentChoice { case text, json, html }
    @Option(help: "Output format: text, json or html (a page that prints to PDF).") var format: Format = .text
    @Option(help: "Language of the output.") var lang: ReportLanguage = .nl
    @Option(help: "Templates folder for --format html. Default: templates/ next to the executable.") var templates: String?

    func validate() throws {
        if let decision, decision.isLegacy {
            throw ValidationError(
                "'\(decision.rawValue)' can be read two ways and is no longer recorded; use one of \(ReviewDecision.current.map(\.rawValue).joined(separator: ", "))"
            )
        }
        if decision == nil && !content.isEmpty {
            throw ValidationError("the statements of a decision (--compensation, --heard, --birth-date, …) go with --decision")
        }
        try content.validate()
        if confirm {
            guard decision == nil, due == nil, attach.isEmpty else {
                throw ValidationError("--confirm takes only the findings and --reason")
            }
            guard !findings.isEmpty else { throw ValidationError("name the findings whose decision you confirm") }
            guard let reason, !reason.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw ValidationError("--reason is required: a confirmation says why")
            }
        } else if let decision {
            guard !findings.isEmpty else {
                throw ValidationError("name the findings the decision is about (fingerprint, check id or review item)")
            }
            guard let reason, !reason.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw ValidationError("--reason is required: a decision says why")
            }
            if decision == .needsInformation && due == nil { throw ValidationError("needs-information needs --due YYYY-MM-DD") }
        } else if !findings.isEmpty || reason != nil || due != nil || !attach.isEmpty {
            throw ValidationError("--decision is required to record a decision")
        }
        if let due, Day(due) == nil { throw ValidationError("--due must be YYYY-MM-DD") }
    }

    func run() throws {
        try runCommand {
            let store = try options.open(create: false)
            var (entry, review) = try ReviewState.load(store: store, id: try Self.dossierID(id, store: store))
            if confirm {
                let targets = try resolve(findings, in: review)
                try confirmDecisions(on: targets, store: store)
                (entry, review) = try ReviewState.load(store: store, id: entry.id)
            } else if let decision {
                let targets = try resolve(findings, in: review)
                try Self.checkNameMatchRules(decision, targets: targets, attachments: attach.count)
                let contents = try statedContent(decision, targets: targets, store: store, dossier: entry.id)
                var attachments: [StoredSource] = []
                for path in attach {
                    guard let bytes = FileManager.default.contents(atPath: path) else {
                        throw CommandFailure.refused("\(path): cannot be read; nothing was recorded")
                    }
                    attachments.append(StoredSource(role: "attachment", path: path, sha256: SHA256.hex(bytes), bytes: bytes))
                }
                let key = try DecisionKey.load()
                for target in targets {
                    let recorded = try store.decide(
                        id: entry.id, finding: target.fingerprint, check: target.check, severity: target.severity, decision: decision,
                        reason: reason ?? "", due: due, content: contents[target.fingerprint], nameMatch: Self.isNameMatch(target),
                        attachments: attachments, key: key, now: Date())
                    let waits =
                        Mandate.needsConfirmation(decision, on: target.severity)
                        ? "; proposed: the blocker stays until a second person (\(Mandate.describe(.confirm(decision, target.severity)))) confirms it with --confirm"
                        : ""
                    say(
                        "\(decision.rawValue) recorded for \(target.check) [\(target.fingerprint.prefix(8))] by \(recorded.storedBy) as entry \(recorded.seq) (\(recorded.id))\(waits)"
                    )
                }
                (entry, review) = try ReviewState.load(store: store, id: entry.id)
            }
            StoreOptions.log(store, decision == nil ? "review" : "decide", entry.id)
            switch format {
            case .json: print(try JSONOutput.string(review))
            case .text: print(ReviewText.render(review, language: lang))
            case .html: print(try PageRenderer(directory: TemplatesFolder.find(templates)).review(review, language: lang), terminator: "")
            }
        }
    }

    /// A dossier id, or a tender id for the tender's own latest dossier.
    static func dossierID(_ given: String, store: any DossierStore) throws -> String {
        if let (entry, _) = try store.latestTender(given) { return entry.id }
        // A dossier id is hex with hyphens; anything else was meant as a tender id.
        guard given.allSatisfy({ "0123456789abcdefABCDEF-".contains($0) }) else {
            throw CommandFailure.refused(
                "'\(given)' is neither a dossier id nor a tender with its own stored dossier (`screen --store` stores it with the tender file); `uea-screen dossier list` shows the ids"
            )
        }
        return given
    }

    /// With --format json or html, standard output is that document alone.
    func say(_ line: String) {
        if format != .text { Diagnostics.report(line) } else { print(DisplayText.oneLine(line)) }
    }

    /// The second pair of eyes: confirms the decision on each target (one name-match hit at a time).
    func confirmDecisions(on targets: [ReviewedDossier.Item], store: any DossierStore) throws {
        let key = try DecisionKey.load()
        for target in targets {
            guard let decision = target.decision else {
                throw CommandFailure.refused(
                    "\(target.check) [\(target.fingerprint.prefix(8))] has no decision to confirm; nothing more was recorded")
            }
            try Self.checkNameMatchRules(decision.decision, targets: targets, attachments: 1)
            let recorded = try store.confirm(decision: decision.entry, reason: reason ?? "", key: key, now: Date())
            say(
                "\(decision.decision.rawValue) on \(target.check) [\(target.fingerprint.prefix(8))], proposed by \(decision.by), confirmed by \(recorded.storedBy) as entry \(recorded.seq) (\(recorded.id))"
            )
        }
    }

    /// Whether the finding was found by matching a name against a list or register (its check says so).
    static func isNameMatch(_ item: ReviewedDossier.Item) -> Bool {
        CheckRegistry.all.first { $0.id == item.check }?.findsByNameMatch == true
    }

    /// The content of the decision on each target, by fingerprint: the statements given, and for a
    /// list hit the list entry and the version of the list the dossier was screened against. Every
    /// target is checked before anything is recorded, so a decision on several findings is recorded
    /// on all or on none.
    func statedContent(_ decision: ReviewDecision, targets: [ReviewedDossier.Item], store: any DossierStore, dossier: String) throws
        -> [String: DecisionContent]
    {
        let stated = try content.content()
        let today = Day(String(ISO8601DateFormatter().string(from: Date()).prefix(10))) ?? Day(year: 1, month: 1, day: 1)
        let screened = try store.content(id: dossier).flatMap { $0.1 }.flatMap { try? JSONDecoder().decode(Dossier.self, from: $0) }
        var contents: [String: DecisionContent] = [:]
        for target in targets {
            var content = stated
            if Self.isNameMatch(target), var identity = content.identity,
                let finding = screened?.findings.first(where: { $0.fingerprint == target.fingerprint })
            {
                identity.list = finding.details?["list"]
                identity.entry = finding.details?["entry"]
                if let version = screened?.watchlists.first(where: { $0.name == identity.list }) {
                    identity.listDate = version.listDate
                    identity.listSHA256 = version.sha256
                }
                content.identity = identity
            }
            let problems = content.problems(for: decision, nameMatch: Self.isNameMatch(target), today: today)
            guard problems.isEmpty else {
                throw CommandFailure.refused(
                    "\(target.check) [\(target.fingerprint.prefix(8))]: \(problems.joined(separator: "; ")); nothing was recorded")
            }
            contents[target.fingerprint] = content
        }
        return contents
    }

    /// Decisions on name-match findings (list hits, person matches): each hit is cleared on its own,
    /// never several in one act, and a name match alone never justifies exclusion: the identity
    /// evidence goes with the decision (domain §9b; AVG art. 22; Reg. (EU) 269/2014 art. 2).
    static func checkNameMatchRules(_ decision: ReviewDecision, targets: [ReviewedDossier.Item], attachments: Int) throws {
        let byName = targets.filter(isNameMatch)
        if decision.resolves && byName.count > 1 {
            throw CommandFailure.refused(
                "\(byName.count) name-match hits named at once (\(byName.map { String($0.fingerprint.prefix(8)) }.joined(separator: ", "))); clear each hit on its own, by its fingerprint, with the identity evidence that sets it apart; nothing was recorded"
            )
        }
        if decision.excludes, let hit = byName.first, attachments == 0 {
            throw CommandFailure.refused(
                "\(hit.check) [\(hit.fingerprint.prefix(8))] is a name match: a match alone never justifies exclusion (AVG art. 22); attach the identity evidence (--attach: register extract, date of birth, registration number) that confirms it; nothing was recorded"
            )
        }
    }

    /// The findings `selectors` name; an unknown or ambiguous selector is an error listing the candidates.
    func resolve(_ selectors: [String], in review: ReviewedDossier) throws -> [ReviewedDossier.Item] {
        var chosen: [ReviewedDossier.Item] = []
        let all = review.items + review.reviewItems
        for selector in selectors {
            let byCheck = all.filter { $0.check == selector || ($0.ground != nil && $0.ground == selector.uppercased()) }
            let byPrint = selector.count >= 8 ? all.filter { $0.fingerprint.hasPrefix(selector.lowercased()) } : []
            let found = byCheck.isEmpty ? byPrint : byCheck
            guard !found.isEmpty else {
                let candidates = all.prefix(30).map { "\($0.fingerprint.prefix(8)) \($0.check)\($0.ground.map { " " + $0 } ?? "")" }.joined(
                    separator: "; ")
                throw CommandFailure.refused(
                    "'\(selector)' names no finding of this dossier; give a fingerprint (8+ characters), a check id, a ground (C18) or a review item. Findings: \(candidates)"
                )
            }
            for item in found where !chosen.contains(where: { $0.fingerprint == item.fingerprint }) { chosen.append(item) }
        }
        return chosen
    }
}

/// The dossier with its decisions, one line per finding.
enum ReviewText {
    static func render(_ r: ReviewedDossier, language: ReportRenderer.Language) -> String {
        let nl = language == .nl
        let words = TerminalStyle(language: language, color: false, width: nil)
        let before = words.word(r.outcomeBefore.rawValue)
        let after = words.word(r.outcomeAfter.rawValue)
        var lines = [
            "\(r.bidder.isEmpty ? (nl ? "aanbesteding" : "tender") : r.bidder)  \(r.tender ?? "")  dossier \(r.dossier.prefix(8))  "
                + (nl ? "uitkomst \(before), na beoordeling \(after)" : "outcome \(before), after review \(after)")
        ]
        /// What the decision states (the three elements of self-cleaning, the hearing, the identity evidence).
        func statements(_ decision: ReviewRecord?) -> [String] {
            guard let decision else { return [] }
            if decision.contentWithheld != nil { return [DecisionContentText.withheld(language)] }
            return decision.content.map { DecisionContentText.lines($0, language) } ?? []
        }
        /// Two lines per finding: its text, then the decision on it, then what the decision states.
        func itemLines(_ item: ReviewedDossier.Item) -> [String] {
            let state: String
            if let d = item.decision {
                let confirmation =
                    if let c = d.confirmation {
                        nl ? "; bevestigd door \(c.by), \(c.at.prefix(10))" : "; confirmed by \(c.by), \(c.at.prefix(10))"
                    } else if item.awaitingConfirmation {
                        nl
                            ? "; voorstel, wacht op bevestiging door een tweede persoon"
                            : "; proposal, awaiting confirmation by a second person"
                    } else { "" }
                state =
                    "\(d.decision.rawValue) (\(nl ? "voorgesteld door" : "proposed by") \(d.by), \(d.at.prefix(10))\(d.due.map { ", due \($0)" } ?? "")\(confirmation)): \(d.reason)"
                    + (item.carried
                        ? (nl ? "  [uit eerdere versie \(d.dossier.prefix(8))]" : "  [carried from \(d.dossier.prefix(8))]") : "")
            } else {
                state = "open"
            }
            let name = item.fingerprint.hasPrefix("review.") ? item.fingerprint : String(item.fingerprint.prefix(8))
            let severity = words.word(item.severity.rawValue)
            let ground = item.ground.map { " " + $0 } ?? ""
            let text = nl ? item.message.nl : item.message.en
            return [
                "  \(name)  \(severity.padding(toLength: 10, withPad: " ", startingAt: 0)) \(item.check)\(ground): \(text)",
                "            " + (nl ? "beslissing: " : "decision: ") + state,
            ] + statements(item.decision).map { "              " + $0 }
        }
        lines += r.items.flatMap(itemLines)
        lines += r.reviewItems.flatMap(itemLines)
        for previous in r.previousDecisions {
            lines.append(
                "  " + (nl ? "eerdere beslissing, bewijs gewijzigd" : "previous decision, evidence changed")
                    + ": \(previous.check) \(previous.decision.rawValue) (\(previous.by), \(previous.at.prefix(10))): \(previous.reason)")
        }
        // Names, messages and reasons come from bidders' files and users: one line each, escape sequences shown, not run.
        return lines.map(DisplayText.oneLine).joined(separator: "\n")
    }
}
