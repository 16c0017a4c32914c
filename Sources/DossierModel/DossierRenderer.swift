import Foundation

/// The languages a report is written in: Dutch (the default) and English.
public enum ReportLanguage: String, Sendable, CaseIterable { case nl, en }

/// The readable forms of a dossier beside its JSON.
public enum ReportFormat: String, Sendable, CaseIterable { case md, html }

/// Turns a dossier into a readable report. The Mustache templates of `templates/` are one
/// implementation (`Reports.ReportRenderer`); the store takes any, to render a bundle's reports
/// at export and again at verify, without depending on how they are made.
public protocol DossierRenderer: Sendable {
    func render(_ dossier: Dossier, format: ReportFormat, language: ReportLanguage) -> String
    /// The files the reports are made from (file name → bytes): a bundle carries them, so that a
    /// later release renders an old bundle's reports with the templates they were made with.
    var templateFiles: [String: Data] { get }
    /// A bundle's `index.html`: its dossiers, their outcomes and the chain's state at export.
    func bundleIndex(_ index: BundleIndex) -> String
}

/// Makes a renderer from template files as a bundle carries them.
public typealias DossierRendererFactory = @Sendable ([String: Data]) throws -> any DossierRenderer

/// What a bundle's index page shows, taken from its manifest alone, so that verify renders the page
/// again and compares. The store gives this data; the renderer writes the page.
public struct BundleIndex: Sendable {
    public struct Row: Sendable {
        /// The bidder's name; nil for the tender's own dossier.
        public var bidder: String?
        public var tender: String
        /// The day of screening, `YYYY-MM-DD` as the entry records it.
        public var screenedOn: String
        public var outcome: Outcome
        /// Purged under the retention rule: listed, without content or report.
        public var purged: Bool
        /// The report's file in the bundle, when it has one.
        public var report: String?
        /// The entry's hash in the chain, its first 16 hex digits.
        public var hash: String

        public init(bidder: String?, tender: String, screenedOn: String, outcome: Outcome, purged: Bool, report: String?, hash: String) {
            self.bidder = bidder
            self.tender = tender
            self.screenedOn = screenedOn
            self.outcome = outcome
            self.purged = purged
            self.report = report
            self.hash = hash
        }
    }

    public var rows: [Row]
    public var language: ReportLanguage
    /// Entries of the chain checked at export, and its head.
    public var chainLength: Int
    public var headHash: String
    /// What was wrong with the store's chain at export; empty when it verified.
    public var problems: [String]
    /// The page releases before the index template wrote (a bundle whose templates have no index
    /// template): a later release renders that page again to verify such a bundle.
    public var earlierForm: Bool

    /// The template of the page among a bundle's templates; a bundle without it has the earlier page.
    public static let templateName = "index.html.mustache"

    public init(
        rows: [Row], language: ReportLanguage, chainLength: Int, headHash: String, problems: [String], earlierForm: Bool
    ) {
        self.rows = rows
        self.language = language
        self.chainLength = chainLength
        self.headHash = headHash
        self.problems = problems
        self.earlierForm = earlierForm
    }
}
