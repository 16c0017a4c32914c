import DossierModel
import Foundation

/// One entry of a sanctions or forced-labour list.
public struct WatchlistEntry: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable { case person, entity }
    public var id: String
    public var kind: Kind
    /// The primary name, then every alias (all scripts the list gives).
    public var names: [String]
    public var birthDates: [String]
    /// ISO alpha-2 citizenships (persons) or countries of address (entities).
    public var countries: [String]
    public var programme: String?
    public var listedOn: String?
    public var reference: String?
    /// The last day the listing applies (the province's own list): after it the entry is not matched.
    public var until: String? = nil
    /// Why the province may list this party (the province's own list; required for natural persons).
    public var legalBasis: String? = nil
    /// The decision that listed it (the province's own list; required for natural persons).
    public var sourceDecision: String? = nil
    /// For a party that is not listed itself: the listed parties that own or direct it, as the list
    /// states them ("Alexander ZAKHAROV (owner, 100 %)"; FollowTheMoney Ownership and Directorship).
    public var ownedBy: [String]? = nil

    public var primaryName: String { names.first ?? id }

    /// Whether the listing still applies on `day` (an entry without `until` always does).
    public func applies(on day: Day) -> Bool { until.flatMap(Day.init).map { day <= $0 } ?? true }

    public init(
        id: String, kind: Kind, names: [String], birthDates: [String], countries: [String], programme: String?, listedOn: String?,
        reference: String?
    ) {
        self.id = id
        self.kind = kind
        self.names = names
        self.birthDates = birthDates
        self.countries = countries
        self.programme = programme
        self.listedOn = listedOn
        self.reference = reference
    }
}

/// A loaded list with the facts a dossier must name: what it is, its date and its hash.
public struct Watchlist: Sendable {
    public enum Format: String, Codable, Sendable, CaseIterable {
        /// The EU consolidated financial sanctions list (FSF XML, `xmlFullSanctionsList_1_1`).
        case euFSF = "eu-fsf"
        /// A user's own CSV list (name, aliases, kind, birth_date, country, programme, listed_on, reference).
        case csv
        /// A list kept as rule data in checklists/ (forced-labour entities): versioned with the rule data.
        case checklist
        /// The UN Security Council consolidated list (XML, root `CONSOLIDATED_LIST`).
        case un
        /// OFAC's legacy CSV files: the SDN list (`sdn.csv` with `alt.csv`, `add.csv`,
        /// `sdn_comments.csv`) or the consolidated non-SDN list (`cons_prim.csv` with `cons_alt.csv`,
        /// `cons_add.csv`, `cons_comments.csv`), joined by `ent_num`.
        case ofac
        /// The US Consolidated Screening List (`csl.csv`, International Trade Administration): OFAC,
        /// BIS and State Department lists in one file, each row naming its source list.
        case usCSL = "us-csl"
        /// The UK Sanctions List (FCDO) as CSV: one row per name, rows of a designation share `Unique ID`.
        case uk
        /// FollowTheMoney entities (`entities.ftm.json`, one JSON entity per line, as OpenSanctions
        /// publishes them), with its delta files applied in order.
        case ftm

        /// The formats a user imports (the forced-labour list is rule data, never imported).
        public static let importable: [Format] = [.euFSF, .un, .ofac, .usCSL, .uk, .ftm, .csv]
    }

    /// A file a list was read from: the published file, its companions (OFAC) or a delta (FtM).
    public struct SourceFile: Codable, Sendable, Equatable {
        /// `list`, `aliases`, `addresses`, `comments`, `entities` or `delta`.
        public var role: String
        /// Where it was read from.
        public var path: String
        /// Its name inside the list's folder of the watchlist store (`alt.csv`,
        /// `20240528134729-3iv/entities.delta.json`): the name its hash line gives.
        public var name: String
        public init(role: String, path: String, name: String? = nil) {
            self.role = role
            self.path = path
            self.name = name ?? PathText.lastComponent(path)
        }
    }

    public var name: String
    public var format: Format
    /// The date the list itself states (FSF `generationDate`), or the date given at import.
    public var listDate: Day?
    public var sha256: String
    /// The entries; empty when the list is screened through its persisted index (`entryCount` says how many).
    public var entries: [WatchlistEntry]
    public var entryCount: Int
    /// Records read by kind, including those never matched (vessels, aircraft, FtM context).
    public var counts: [String: Int] = [:]
    /// What reading noticed and did not use, one line each (said at import).
    public var notes: [String] = []
    /// Every file the list was read from, the main one first; empty for a single-file list.
    public var sourceFiles: [SourceFile] = []
    /// FollowTheMoney: the SHA-256 of the entity set after the deltas (a full rebuild must give it).
    public var stateSHA256: String? = nil

    public init(name: String, format: Format, listDate: Day?, sha256: String, entries: [WatchlistEntry], entryCount: Int? = nil) {
        self.name = name
        self.format = format
        self.listDate = listDate
        self.sha256 = sha256
        self.entries = entries
        self.entryCount = entryCount ?? entries.count
    }

    /// The version line a dossier records.
    public var version: ListVersion {
        ListVersion(name: name, format: format.rawValue, listDate: listDate?.description, sha256: sha256, entries: entryCount)
    }

    public typealias ListVersion = WatchlistVersion
}
