import Basics
import Foundation

/// The screening dossier of one bidder: schema `uea-screen/dossier/1`, described by
/// `schemas/dossier-1.schema.json`. Keys are sorted on output; findings are ordered by
/// severity, check id and evidence location, so the same inputs give the same document
/// (only `screenedAt` changes between runs).
public struct Dossier: Codable, Sendable {
    public var schema = "uea-screen/dossier/1"
    public var screenedAt: String
    public var tool: Tool
    public var ruleData: RuleData
    /// The watchlist versions the bidder was screened against.
    public var watchlists: [WatchlistVersion]
    public var tender: TenderSummary
    public var bidder: BidderSummary
    public var espd: ESPDSummary
    public var sources: [SourceFile]
    /// Every file and folder of the bidder's folder as read, refused or not read; nil when a
    /// single ESPD file was screened.
    public var folder: [FolderEntry]?
    public var findings: [Finding]
    /// Every entity of the bid with its own ESPD (the bidder first), and how its findings add up.
    public var entities: [EntitySummary]?
    public var review: [ReviewItem]
    public var summary: Summary

    public struct Tool: Codable, Sendable {
        public var name: String
        public var version: String
        public init(name: String, version: String) {
            self.name = name
            self.version = version
        }
    }
    public struct RuleData: Codable, Sendable {
        public var version: String
        public var files: [String: String]
        public init(version: String, files: [String: String]) {
            self.version = version
            self.files = files
        }
    }
    public struct TenderSummary: Codable, Sendable {
        public var id: String?
        public var name: String?
        public var authority: String?
        public var type: String?
        public var estimatedValue: Double?
        public var procedure: String?
        public var cpv: [String]
        public var referenceDate: String
        public var referenceDateSource: String
        /// The accounts that decide on this tender, as its tender file names them (nil: not named).
        public var team: [String]? = nil
        /// The tender's lots this bid is for, whose CPV codes and solar scope apply (`cpv` is theirs);
        /// nil when the tender has no lots or the bid names none of them (then the whole tender's).
        public var lots: [String]? = nil

        public init(
            id: String? = nil,
            name: String? = nil,
            authority: String? = nil,
            type: String? = nil,
            estimatedValue: Double? = nil,
            procedure: String? = nil,
            cpv: [String],
            referenceDate: String,
            referenceDateSource: String,
            team: [String]? = nil
        ) {
            self.team = team
            self.id = id
            self.name = name
            self.authority = authority
            self.type = type
            self.estimatedValue = estimatedValue
            self.procedure = procedure
            self.cpv = cpv
            self.referenceDate = referenceDate
            self.referenceDateSource = referenceDateSource
        }
    }
    public struct BidderSummary: Codable, Sendable {
        public var name: String
        public var identifiers: [Identifier]
        public var kvk: String?
        public var country: String?
        public var role: String?
        public var groupName: String?

        public init(
            name: String,
            identifiers: [Identifier],
            kvk: String? = nil,
            country: String? = nil,
            role: String? = nil,
            groupName: String? = nil
        ) {
            self.name = name
            self.identifiers = identifiers
            self.kvk = kvk
            self.country = country
            self.role = role
            self.groupName = groupName
        }
    }
    public struct ESPDSummary: Codable, Sendable {
        public var file: String
        public var generation: String
        public var version: String?
        public var kind: String
        public var contractFolderID: String?
        public var criteria: Int
        public var otherEntities: [String]

        public init(
            file: String,
            generation: String,
            version: String? = nil,
            kind: String,
            contractFolderID: String? = nil,
            criteria: Int,
            otherEntities: [String]
        ) {
            self.file = file
            self.generation = generation
            self.version = version
            self.kind = kind
            self.contractFolderID = contractFolderID
            self.criteria = criteria
            self.otherEntities = otherEntities
        }
    }
    public struct EntitySummary: Codable, Sendable {
        public var name: String
        /// bidder, member, relied-upon, subcontractor, other.
        public var role: String
        public var file: String
        public var generation: String
        public var blocker: Int
        public var attention: Int
        public var info: Int

        public init(
            name: String,
            role: String,
            file: String,
            generation: String,
            blocker: Int,
            attention: Int,
            info: Int
        ) {
            self.name = name
            self.role = role
            self.file = file
            self.generation = generation
            self.blocker = blocker
            self.attention = attention
            self.info = info
        }
    }
    public struct ReviewItem: Codable, Sendable {
        public var id: String
        public var basis: String
        public var nl: String
        public var en: String
        public var status: String

        public init(
            id: String,
            basis: String,
            nl: String,
            en: String,
            status: String
        ) {
            self.id = id
            self.basis = basis
            self.nl = nl
            self.en = en
            self.status = status
        }
    }
    public struct Summary: Codable, Sendable {
        public var blocker: Int
        public var attention: Int
        public var info: Int
        /// blocker, attention or clean: the worst severity found.
        public var outcome: Outcome

        public init(
            blocker: Int,
            attention: Int,
            info: Int,
            outcome: Outcome
        ) {
            self.blocker = blocker
            self.attention = attention
            self.info = info
            self.outcome = outcome
        }
    }

    public var needsJurist: Bool { summary.blocker + summary.attention > 0 }

    public init(
        screenedAt: String,
        tool: Tool,
        ruleData: RuleData,
        watchlists: [WatchlistVersion],
        tender: TenderSummary,
        bidder: BidderSummary,
        espd: ESPDSummary,
        sources: [SourceFile],
        folder: [FolderEntry]? = nil,
        findings: [Finding],
        entities: [EntitySummary]? = nil,
        review: [ReviewItem],
        summary: Summary
    ) {
        self.screenedAt = screenedAt
        self.tool = tool
        self.ruleData = ruleData
        self.watchlists = watchlists
        self.tender = tender
        self.bidder = bidder
        self.espd = espd
        self.sources = sources
        self.folder = folder
        self.findings = findings
        self.entities = entities
        self.review = review
        self.summary = summary
    }
}

/// The tender's own dossier (`tender.dossier.json`): the checks that concern the tender and not a
/// bidder (procedure and thresholds, legal advice, the policy's duties on the tender documents),
/// run once instead of in every bidder's dossier. Schema `uea-screen/tender-dossier/1`.
public struct TenderDossier: Codable, Sendable {
    public var schema = "uea-screen/tender-dossier/1"
    public var subject = "tender"
    public var screenedAt: String
    public var tool: Dossier.Tool
    public var ruleData: Dossier.RuleData
    public var tender: Dossier.TenderSummary
    public var contractConditions: [String]
    public var sources: [SourceFile]
    public var findings: [Finding]
    public var summary: Dossier.Summary
    /// The lists the award notice's winners and their beneficial owners were screened against
    /// (`notice.winner-listed`); absent when the notice named no winner or no list was loaded.
    public var watchlists: [WatchlistVersion]? = nil

    public var needsJurist: Bool { summary.blocker + summary.attention > 0 }

    public init(
        screenedAt: String,
        tool: Dossier.Tool,
        ruleData: Dossier.RuleData,
        tender: Dossier.TenderSummary,
        contractConditions: [String],
        sources: [SourceFile],
        findings: [Finding],
        summary: Dossier.Summary
    ) {
        self.screenedAt = screenedAt
        self.tool = tool
        self.ruleData = ruleData
        self.tender = tender
        self.contractConditions = contractConditions
        self.sources = sources
        self.findings = findings
        self.summary = summary
    }
}

public enum ToolInfo {
    public static let name = "uea-screen"
    public static let version = "0.4.0"
}
