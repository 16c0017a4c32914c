import Foundation

/// A role a person holds in the store. Who may decide what (domain §9b; Dir. 2014/24 art. 84;
/// Aw 2012 art. 2.87a; the Inkoopkader's "Afwijking"): see `Mandate`.
public enum Role: String, Codable, Sendable, CaseIterable, Comparable {
    /// Registers people and their roles, purges after retention; decides nothing on findings.
    case beheerder
    /// A procurement lawyer: proposes and confirms decisions on findings, records the award.
    case jurist
    /// A procurement adviser: asks bidders for information and decides attention items.
    case inkoopadviseur
    /// The Secretaris: confirms decisions, and alone confirms a deviation from the Inkoopkader.
    case secretaris
    /// Reads and verifies; decides nothing.
    case auditor

    public static func < (a: Role, b: Role) -> Bool { a.rawValue < b.rawValue }
}

/// A person registered in the store: the authenticated account (OS user for SQLite, database role
/// for PostgreSQL) that acts as them, their name and function as an award advice names them, their
/// roles, and the Ed25519 verifier key their decisions are signed with. A registration with no roles
/// ends the person's mandate from that entry on.
public struct Person: Codable, Sendable, Equatable {
    public var account: String
    public var name: String
    public var function: String?
    public var roles: [Role]
    /// The signed-note verifier key (`name+keyid+base64`) of the person's decision key.
    public var vkey: String
    public init(account: String, name: String, function: String?, roles: [Role], vkey: String) {
        self.account = account
        self.name = name
        self.function = function
        self.roles = Array(Set(roles)).sorted()
        self.vkey = vkey
    }
}

/// What a person does in the store, each needing a role (domain §9b).
public enum Act: Sendable, Equatable {
    /// Records a decision on a finding of this severity (the first of four eyes on a blocker).
    case propose(ReviewDecision, Severity)
    /// Confirms another person's decision on a blocker (the second of four eyes).
    case confirm(ReviewDecision, Severity)
    /// Records that a bidder is awarded the tender.
    case award
    /// Records that the tender was cancelled (its procedure ends without award).
    case cancel
    /// Registers a person or changes their roles.
    case register
    /// Removes dossiers' content after the retention period.
    case purge
    /// Reads the files of a dossier with criminal-law data (the ESPD that says who was convicted
    /// and why): those who decide on it and the auditor (domain §9b; AVG art. 10, UAVG art. 33).
    case readCriminalData
}

/// Who may do what. A decision that lifts or settles a blocker (accepting self-cleaning measures,
/// clearing a sanctions hit, deciding a ground does not apply or does, deviating from the
/// Inkoopkader) is proposed by a jurist and takes effect only when a second person with the mandate
/// confirms it; a deviation from the Inkoopkader is confirmed by the Secretaris (domain §9b "Who may
/// decide"; seed Inkoopkader "Afwijking"; Dir. 2014/24 art. 84).
public enum Mandate {
    public static func roles(for act: Act) -> Set<Role> {
        switch act {
        case .propose(let decision, let severity):
            if decision == .needsInformation { return [.jurist, .inkoopadviseur] }
            return severity == .blocker ? [.jurist] : [.jurist, .inkoopadviseur]
        case .confirm(let decision, _):
            return decision == .deviationApproved ? [.secretaris] : [.jurist, .secretaris]
        case .award, .cancel: return [.jurist, .secretaris]
        case .register, .purge: return [.beheerder]
        case .readCriminalData: return [.jurist, .secretaris, .auditor]
        }
    }

    /// Whether a decision on a finding of `severity` takes effect only once confirmed by a second person.
    public static func needsConfirmation(_ decision: ReviewDecision, on severity: Severity) -> Bool {
        severity == .blocker && decision != .needsInformation
    }

    public static func allows(_ roles: [Role], _ act: Act) -> Bool { !Set(roles).isDisjoint(with: Self.roles(for: act)) }

    /// "jurist or secretaris"
    public static func describe(_ act: Act) -> String {
        roles(for: act).map(\.rawValue).sorted().joined(separator: " or ")
    }
}
