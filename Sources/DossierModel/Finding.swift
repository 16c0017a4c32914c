/// How much a finding weighs. Ordered: blocker first.
public enum Severity: String, Codable, Sendable, CaseIterable, Comparable {
    /// Must block award until resolved (never an automatic exclusion: a jurist decides).
    case blocker
    /// Needs a jurist's attention.
    case attention
    /// Recorded for the file.
    case info

    public var rank: Int { Severity.allCases.firstIndex(of: self)! }
    public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
}

/// What a dossier comes to: the worst severity found, and after review what the decisions made of it.
/// The raw values are what dossiers, store rows and therefore entry hashes hold.
public enum Outcome: String, Codable, Sendable, CaseIterable {
    /// No blocker or attention finding.
    case clean
    /// At least one attention finding and no blocker.
    case attention
    /// At least one blocker.
    case blocker
    /// After review: a jurist decided to exclude the bidder.
    case excluded
    /// After retention: the dossier's content was purged.
    case purged

    /// The screening outcome of findings with these counts.
    public static func of(blocker: Int, attention: Int) -> Outcome {
        blocker > 0 ? .blocker : attention > 0 ? .attention : .clean
    }

    /// The screening outcome of `findings`.
    public static func of(_ findings: [Finding]) -> Outcome {
        of(blocker: findings.count { $0.severity == .blocker }, attention: findings.count { $0.severity == .attention })
    }
}

/// Where a finding comes from: a file, a line and an element path or field.
public struct EvidencePointer: Codable, Sendable, Equatable, Hashable {
    public var file: String
    public var line: Int?
    /// XPath-like element path (XML) or field path (YAML/CSV).
    public var path: String?
    /// The value the check looked at, when it is not personal data.
    public var excerpt: String?

    public init(file: String, line: Int? = nil, path: String? = nil, excerpt: String? = nil) {
        self.file = file
        self.line = line
        self.path = path
        self.excerpt = excerpt
    }
}

public struct Message: Codable, Sendable, Equatable {
    public var nl: String
    public var en: String
    public init(nl: String, en: String) {
        self.nl = nl
        self.en = en
    }
}

/// One result of one check: data, like swift-format's Finding.
public struct Finding: Codable, Sendable, Equatable {
    /// `family.rule`, e.g. `gva.too-old`.
    public var check: String
    public var family: String
    public var severity: Severity
    public var legalBasis: String
    public var message: Message
    public var evidence: [EvidencePointer]
    /// Extra facts (scores, dates, thresholds) as text.
    public var details: [String: String]?
    /// true when the finding is about criminal-law data (AVG art. 10): shown to jurists only.
    public var criminalData: Bool?

    public init(
        check: String, family: String, severity: Severity, legalBasis: String, message: Message,
        evidence: [EvidencePointer], details: [String: String]? = nil, criminalData: Bool? = nil
    ) {
        self.check = check
        self.family = family
        self.severity = severity
        self.legalBasis = legalBasis
        self.message = message
        self.evidence = evidence
        self.details = details
        self.criminalData = criminalData
    }

    /// Sort order of a dossier: severity, check id, then the first evidence location.
    public static func ordered(_ a: Finding, _ b: Finding) -> Bool {
        if a.severity != b.severity { return a.severity < b.severity }
        if a.check != b.check { return a.check < b.check }
        let ea = a.evidence.first
        let eb = b.evidence.first
        if ea?.file != eb?.file { return (ea?.file ?? "") < (eb?.file ?? "") }
        if ea?.line != eb?.line { return (ea?.line ?? 0) < (eb?.line ?? 0) }
        return a.message.en < b.message.en
    }
}
