import Basics
import DossierModel
import ESPD
import Foundation

/// Everything in `checklists/`, loaded and validated. Lawyers change these files; the code
/// only reads them. `version` is the SHA-256 over all files, recorded in every dossier.
public struct RuleBook: Sendable {
    public var directory: String
    public var version: String
    /// File name → SHA-256, for the dossier.
    public var files: [String: String]
    public var evidence: EvidenceRules
    public var thresholds: ThresholdRules
    public var cpvSectors: [CPVSector]
    public var sbiSectors: [String: String]
    public var mvo: MVORules
    public var bibob: BibobRules
    public var names: NameMatchingRules
    public var solar: SolarRules
    public var xinjiangPlaces: [String]
    /// Places in `xinjiangPlaces` that also name places elsewhere or common words ("; ambiguous"
    /// in the file): they count only for a tier in China or of unknown country.
    public var xinjiangAmbiguousPlaces: Set<String> = []
    /// Places in `xinjiangPlaces` also found misspelt by one letter ("; misspellings" in the file):
    /// the region's own names, long enough that one edit does not reach another word.
    public var xinjiangMisspeltPlaces: Set<String> = []
    /// Words one letter off a misspelt place that are places or words of their own ("!" lines).
    public var xinjiangNotMisspellings: Set<String> = []
    public var listedEntities: [ListedEntity]
    public var review: [ReviewItem]
    public var sanctions: SanctionsRules
    public var retention: RetentionRules
    public var tenderDuties: TenderDutyRules
    /// The eForms notice fields and code meanings (eforms.yaml).
    public var eforms: NoticeDictionary

    public static let fileNames = [
        "evidence.yaml", "thresholds.yaml", "cpv-sectors.csv", "sbi-sectors.csv", "mvo-sectors.yaml", "bibob-red-flags.yaml",
        "name-matching.yaml", "solar.yaml", "xinjiang-places.txt", "forced-labour-entities.csv", "review-checklist.yaml", "sanctions.yaml",
        "retention.yaml",
        "tender-duties.yaml", "eforms.yaml",
    ]

    /// The duties the province's policy and motions put on a tender's documents (tender-duties.yaml).
    public struct TenderDutyRules: Codable, Sendable {
        public struct SROI: Codable, Sendable {
            public var werken: Double
            public var diensten: Double
            public var source: String
        }
        public var sroiFrom: SROI
        /// Contract types of projects on land, where biodiversity is a starting point.
        public var biodiversityTypes: [String]
        public var biodiversitySource: String
        public var isvSource: String
        public var bibobSource: String
        public var solarSource: String
    }

    public struct EvidenceRules: Codable, Sendable {
        public var gvaMaxAgeYears: Int
        public var kvkExtractMaxAgeMonths: Int
        public var taxStatementMaxAgeMonths: Int
        public var equivalentDocumentMaxAgeMonths: Int
        public var mandatoryExclusionYears: Int
        public var optionalExclusionYears: Int
    }

    public struct ThresholdRules: Codable, Sendable {
        public struct EUPeriod: Codable, Sendable {
            public var from: Day
            public var until: Day
            public var source: String
            public var works: Double
            public var suppliesServicesCentral: Double
            public var suppliesServicesSubCentral: Double
            public var socialServices: Double
            public var concessions: Double
            /// Concession thresholds come from their own delegated regulation (Dir. 2014/23/EU art. 9).
            public var concessionsSource: String?
            /// The social and other specific services threshold is fixed in the directive itself
            /// (Dir. 2014/24/EU art. 4(d)); the delegated regulations do not revise it.
            public var socialServicesSource: String?
        }
        public struct Row: Codable, Sendable {
            /// A euro amount, or "eu" for the EU threshold.
            public var from: String
            public var procedure: ProcedureKind

            public init(from decoder: any Decoder) throws {
                let c = try decoder.container(keyedBy: CodingKeys.self)
                if let number = try? c.decode(Double.self, forKey: .from) {
                    guard number >= 0, number <= 1e12, number == number.rounded() else {
                        throw DecodingError.dataCorruptedError(
                            forKey: .from, in: c,
                            debugDescription: "'\(number)' is not a whole amount in euros between 0 and 1,000,000,000,000")
                    }
                    from = String(Int(number))
                } else {
                    from = try c.decode(String.self, forKey: .from)
                }
                procedure = try c.decode(ProcedureKind.self, forKey: .procedure)
            }
        }
        public struct Province: Codable, Sendable {
            public var source: String
            public var leveringen: [Row]
            public var diensten: [Row]
            public var werken: [Row]
            public var concessie: [Row]
            public var socialeDiensten: [Row]
            enum CodingKeys: String, CodingKey {
                case source, leveringen, diensten, werken, concessie
                case socialeDiensten = "sociale-diensten"
            }
        }
        public var euThresholds: [EUPeriod]
        public var province: Province
        public var legalAdviceFrom: Double
    }

    public struct CPVSector: Sendable {
        public var prefix: String
        public var sectors: [String]
        public var line: Int
    }

    public struct MVORules: Codable, Sendable {
        public struct Sector: Codable, Sendable {
            public var name: String
            public var risks: [String]
            public var clauses: [String]
        }
        public var source: String
        public var clauses: [String: String]
        public var sectors: [Sector]
    }

    public struct BibobRules: Codable, Sendable {
        public var recentlyFoundedMonths: Int
        public var valueToTurnoverRatio: Double
        public var directorChangesIn24Months: Int
        public var nameOrSeatChangesIn24Months: Int
        public var registrationsAtAddress: Int
        public var thinCompanyMaxEmployees: Int
        public var thinCompanyMinValue: Double
        public var holdingSBI: [String]
    }

    public struct NameMatchingRules: Codable, Sendable {
        public var personThreshold: Double
        public var companyThreshold: Double
        public var tussenvoegsels: [String]
        public var legalForms: [String]
        /// Legal forms written in full, in any script ("Общество с ограниченной ответственностью",
        /// "Gesellschaft mit beschränkter Haftung"): removed as a whole, like the short forms.
        public var legalFormPhrases: [String]?
        /// Words company names add or drop without naming another company (Trading, International).
        public var genericCompanyWords: [String]?
        /// Words that make a company name another entity of the same group (Beheer, Holding,
        /// Zonen): a name that adds one of them, a country or a place in parentheses names a parent,
        /// subsidiary or branch, reported as a related entity.
        public var relatedEntityWords: [String]?
        /// The Arabic article in its romanisations (al, el, ul): a particle, al = el = ul.
        public var arabicArticles: [String]?
        /// Words that mark a name as Arabic (bin, ibn, abu, abd al-, abdul): vowels then compare as
        /// romanisations write them.
        public var arabicNameMarkers: [String]?
        public init(
            personThreshold: Double, companyThreshold: Double, tussenvoegsels: [String], legalForms: [String],
            genericCompanyWords: [String]? = nil
        ) {
            self.personThreshold = personThreshold
            self.companyThreshold = companyThreshold
            self.tussenvoegsels = tussenvoegsels
            self.legalForms = legalForms
            self.genericCompanyWords = genericCompanyWords
        }
    }

    public struct SolarRules: Codable, Sendable {
        public struct Range: Codable, Sendable {
            public var min: Double
            public var max: Double
        }
        public var cpvPrefixes: [String]
        public var requiredTiers: [String]
        public var polysiliconGramsPerWatt: Range
        public var countTolerance: Double
        /// Certificates that cover traceability or labour conditions (matched case-insensitively as
        /// the start of the certificate's name); others (ISO 9001, IEC 61215) are no cover.
        public var acceptedCertificates: [String]
        /// Cells cut from one wafer (1 full cells, 2 half-cut cells).
        public var cellsPerWafer: [Double]
    }

    public struct RetentionRules: Codable, Sendable {
        /// Years after a tender's award or cancellation that its dossiers are kept (at least 3: Dir. 2014/24/EU art. 84).
        public var yearsAfterAward: Int
        /// Months after the submission deadline after which a tender with neither award nor
        /// cancellation is listed as needing a decision (domain §9b "Retention without award").
        public var monthsToDecide: Int
        /// Months after a tender's award or cancellation after which the non-winners' criminal-law
        /// details (their source files, not their findings) are forgotten: past the standstill and
        /// any review proceedings (domain §9b). nil: not configured, kept until the purge.
        public var monthsToRedact: Int?
    }

    public struct SanctionsRules: Codable, Sendable {
        public var personThreshold: Double
        public var entityThreshold: Double
        /// From this score a hit on the EU asset-freeze list blocks award until a jurist has cleared it.
        public var freezeBlockScore: Double
        public var maxListAgeDays: Int
        public var subcontractorShareLimit: Double
        public var candidates: Int
        /// What a hit on each kind of list means in the Netherlands, by list format (`un`, `ofac`, …):
        /// the finding's legal basis and the sentence that says what to do. Only the EU asset-freeze
        /// list can block; every list here gives attention.
        public var listEffects: [String: ListEffect]

        public struct ListEffect: Codable, Sendable {
            public var basis: String
            public var nl: String
            public var en: String
        }
    }

    public struct ListedEntity: Sendable {
        public var name: String
        public var aliases: [String]
        public var tier: String?
        public var list: String
        public var effective: Day
        public var source: String
        public var line: Int
    }

    public struct ReviewItem: Codable, Sendable {
        public var id: String
        public var basis: String
        public var nl: String
        public var en: String
    }

    /// Loads and validates every file; the first problem is thrown with file and line.
    public static func load(directory: String) throws -> RuleBook {
        func path(_ name: String) -> String { (directory as NSString).appendingPathComponent(name) }
        for name in fileNames where !FileManager.default.fileExists(atPath: path(name)) {
            throw InputError(file: path(name), message: "rule-data file missing (see checklists/README.md)")
        }
        struct ReviewFile: Codable { var items: [ReviewItem] }
        let mvo = try YAMLFile.load(MVORules.self, from: path("mvo-sectors.yaml"))
        let sectorNames = Set(mvo.sectors.map(\.name))
        if mvo.sectors.count != 13 {
            throw InputError(
                file: path("mvo-sectors.yaml"), message: "expected the 13 risk sectors of Inkoopbeleid 2023, found \(mvo.sectors.count)")
        }
        for sector in mvo.sectors {
            for clause in sector.clauses where mvo.clauses[clause] == nil {
                throw InputError(file: path("mvo-sectors.yaml"), message: "sector '\(sector.name)' names unknown clause '\(clause)'")
            }
        }
        let cpvText = try TextFile.read(path("cpv-sectors.csv"))
        var cpv: [CPVSector] = []
        for row in try CSV.parse(cpvText, path: path("cpv-sectors.csv")).rows {
            guard let prefix = row["cpv_prefix"], prefix.allSatisfy(\.isNumber) else {
                throw InputError(file: path("cpv-sectors.csv"), line: row.line, message: "cpv_prefix must be digits")
            }
            let sectors = (row["sectors"] ?? "").split(separator: ";").map { $0.trimmingBlanks() }
            for sector in sectors where !sectorNames.contains(sector) {
                throw InputError(
                    file: path("cpv-sectors.csv"), line: row.line, message: "unknown sector '\(sector)' (not in mvo-sectors.yaml)")
            }
            cpv.append(CPVSector(prefix: prefix, sectors: sectors, line: row.line))
        }
        var sbi: [String: String] = [:]
        for row in try CSV.parse(try TextFile.read(path("sbi-sectors.csv")), path: path("sbi-sectors.csv")).rows {
            guard let division = row["sbi_division"], let sector = row["sector"], sectorNames.contains(sector) else {
                throw InputError(
                    file: path("sbi-sectors.csv"), line: row.line, message: "needs sbi_division and a sector from mvo-sectors.yaml")
            }
            sbi[division] = sector
        }
        var entities: [ListedEntity] = []
        for row in try CSV.parse(try TextFile.read(path("forced-labour-entities.csv")), path: path("forced-labour-entities.csv")).rows {
            guard let name = row["name"], let list = row["list"], let effective = row["effective"].flatMap(Day.init) else {
                throw InputError(
                    file: path("forced-labour-entities.csv"), line: row.line, message: "needs name, list and effective (YYYY-MM-DD)")
            }
            let aliases = (row["aliases"] ?? "").split(separator: ";").map { $0.trimmingBlanks() }.filter { !$0.isEmpty }
            entities.append(
                ListedEntity(
                    name: name, aliases: aliases, tier: row["tier"], list: list, effective: effective, source: row["source"] ?? "",
                    line: row.line))
        }
        // One place per line; text after ";" is a note, and a note starting "ambiguous" limits the place.
        var places: [String] = []
        var ambiguousPlaces: Set<String> = []
        var misspeltPlaces: Set<String> = []
        var notMisspellings: Set<String> = []
        for line in try TextFile.read(path("xinjiang-places.txt")).split(separator: "\n") {
            let parts = line.split(separator: ";", maxSplits: 1).map { $0.trimmingBlanks() }
            guard let name = parts.first, !name.isEmpty, !name.hasPrefix("#") else { continue }
            if name.hasPrefix("!") {
                notMisspellings.insert(String(name.dropFirst()).trimmingBlanks())
                continue
            }
            places.append(name)
            if parts.count > 1, parts[1].lowercased().hasPrefix("ambiguous") { ambiguousPlaces.insert(name) }
            if parts.count > 1, parts[1].lowercased().hasPrefix("misspellings") { misspeltPlaces.insert(name) }
        }
        let thresholds = try YAMLFile.load(ThresholdRules.self, from: path("thresholds.yaml"))
        for table in [
            thresholds.province.leveringen, thresholds.province.diensten, thresholds.province.werken, thresholds.province.concessie,
            thresholds.province.socialeDiensten,
        ] {
            for row in table where row.from != "eu" && Double(row.from) == nil {
                throw InputError(
                    file: path("thresholds.yaml"), message: "procedure row 'from' must be an amount or 'eu', found '\(row.from)'")
            }
        }
        var files: [String: String] = [:]
        var combined = ""
        for name in fileNames {
            guard let data = FileManager.default.contents(atPath: path(name)) else {
                throw InputError(file: path(name), message: "rule-data file missing (see checklists/README.md)")
            }
            files[name] = SHA256.hex(data)
            combined += name + ":" + files[name]! + "\n"
        }
        return RuleBook(
            directory: directory, version: SHA256.hex(combined), files: files,
            evidence: try YAMLFile.load(EvidenceRules.self, from: path("evidence.yaml")),
            thresholds: thresholds, cpvSectors: cpv, sbiSectors: sbi, mvo: mvo,
            bibob: try YAMLFile.load(BibobRules.self, from: path("bibob-red-flags.yaml")),
            names: try YAMLFile.load(NameMatchingRules.self, from: path("name-matching.yaml")),
            solar: try YAMLFile.load(SolarRules.self, from: path("solar.yaml")),
            xinjiangPlaces: places, xinjiangAmbiguousPlaces: ambiguousPlaces, xinjiangMisspeltPlaces: misspeltPlaces,
            xinjiangNotMisspellings: notMisspellings,
            listedEntities: entities,
            review: try YAMLFile.load(ReviewFile.self, from: path("review-checklist.yaml")).items,
            sanctions: try YAMLFile.load(SanctionsRules.self, from: path("sanctions.yaml")),
            retention: try retentionRules(path("retention.yaml")),
            tenderDuties: try YAMLFile.load(TenderDutyRules.self, from: path("tender-duties.yaml")),
            eforms: try eformsDictionary(path("eforms.yaml")))
    }

    /// The eForms dictionary, refused when its parts do not fit together.
    static func eformsDictionary(_ path: String) throws -> NoticeDictionary {
        let dictionary = try YAMLFile.load(NoticeDictionary.self, from: path)
        try dictionary.validate(path: path)
        return dictionary
    }

    /// The retention file, refused when it keeps dossiers shorter than the law requires.
    static func retentionRules(_ path: String) throws -> RetentionRules {
        let rules = try YAMLFile.load(RetentionRules.self, from: path)
        guard rules.yearsAfterAward >= 3, rules.yearsAfterAward <= 100 else {
            throw InputError(
                file: path, line: YAMLFile.topLevelKeyLines(path)["yearsAfterAward"],
                message:
                    "yearsAfterAward: \(rules.yearsAfterAward) is not allowed; dossiers are kept at least 3 years after the award (Dir. 2014/24/EU art. 84), at most 100"
            )
        }
        guard (1...120).contains(rules.monthsToDecide) else {
            throw InputError(
                file: path, line: YAMLFile.topLevelKeyLines(path)["monthsToDecide"],
                message: "monthsToDecide: \(rules.monthsToDecide) is not allowed; a whole number of months from 1 to 120")
        }
        if let months = rules.monthsToRedact, !(2...36).contains(months) {
            throw InputError(
                file: path, line: YAMLFile.topLevelKeyLines(path)["monthsToRedact"],
                message:
                    "monthsToRedact: \(months) is not allowed; a whole number of months from 2 (past the standstill and the time to start review proceedings) to 36"
            )
        }
        return rules
    }

    /// Finds `checklists/` for a default run (`InstalledData`).
    public static func defaultDirectory(executablePath: String = InstalledData.executablePath) -> String? {
        InstalledData.directory("checklists", marker: "evidence.yaml", executablePath: executablePath)
    }

    /// How dossiers name a rule-data file: `checklists/<name>`, the same on every machine
    /// (the rule-data version says which content it had).
    public func displayPath(_ name: String) -> String { "checklists/" + name }

    /// The MVO sectors for CPV codes: the union over every matching prefix.
    public func sectors(forCPV codes: [String]) -> [String] {
        var result: [String] = []
        for code in codes {
            let digits = code.prefix { $0.isNumber }
            for entry in cpvSectors where digits.hasPrefix(entry.prefix) {
                for sector in entry.sectors where !result.contains(sector) { result.append(sector) }
            }
        }
        return mvo.sectors.map(\.name).filter(result.contains)
    }

    /// The EU thresholds in force on `day` (the latest period when none covers it).
    /// The EU thresholds in force on `day`; nil when no period of thresholds.yaml covers it (the
    /// checks then say so and name the file, rather than use another period's amounts).
    public func euThresholds(on day: Day) -> ThresholdRules.EUPeriod? {
        thresholds.euThresholds.first { $0.from <= day && day <= $0.until }
    }
}
