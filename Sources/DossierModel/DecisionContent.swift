import Foundation

/// What a decision states besides its reason: the elements the law asks of that kind of decision
/// (domain §9b), each a statement of its own so that a reader (the bidder's lawyer, an auditor, a
/// court) sees that each element was assessed.
///
/// - `measures-accepted` (self-cleaning): the three elements of art. 2.87a Aw 2012 / Dir. 2014/24
///   art. 57(6): compensation paid or undertaken, the facts clarified by active collaboration with
///   the investigating authorities, and concrete technical, organisational and personnel measures.
/// - `ground-confirmed` (excluding): the proportionality assessment (Gids Proportionaliteit §3.5A)
///   and the date the bidder was heard (Aw 2012 art. 2.130).
/// - a decision on a name match (`not-the-listed-party`, or excluding on one): the identity evidence
///   used (date of birth, registration number, nationality, address) and the list version the hit
///   was found in (Reg. (EU) 269/2014 art. 2; domain §9b "Sanctions hits").
///
/// The content is kept as a sealed file of the decision entry (`fileName`, role `fileRole`): it
/// may hold criminal-law and identity data, and its SHA-256 is in the entry the decider signs.
public struct DecisionContent: Codable, Sendable, Equatable {
    /// Art. 2.87a Aw 2012; Dir. 2014/24 art. 57(6) second subparagraph.
    public struct SelfCleaning: Codable, Sendable, Equatable {
        /// The damage caused by the offence or misconduct compensated, or an undertaking to do so.
        public var compensation: String
        /// The facts and circumstances clarified comprehensively by active collaboration with the investigating authorities.
        public var cooperation: String
        /// Concrete technical, organisational and personnel measures that prevent further offences or misconduct.
        public var measures: String
        public init(compensation: String, cooperation: String, measures: String) {
            self.compensation = compensation
            self.cooperation = cooperation
            self.measures = measures
        }
    }

    /// Aw 2012 art. 2.87, 2.130; Gids Proportionaliteit §3.5A.
    public struct Exclusion: Codable, Sendable, Equatable {
        /// Why exclusion is proportionate to the ground in this case.
        public var proportionality: String
        /// The day the bidder was heard on the intended exclusion (required; nil only while being checked).
        public var heard: Day?
        public init(proportionality: String, heard: Day?) {
            self.proportionality = proportionality
            self.heard = heard
        }
    }

    /// Reg. (EU) 269/2014 art. 2; domain §9b: each hit on its own, with the identity evidence and the list version.
    public struct Identity: Codable, Sendable, Equatable {
        /// What each piece of evidence showed, for the screened party against the listed one.
        public var birthDate: String?
        public var registration: String?
        public var nationality: String?
        public var address: String?
        /// The list and entry the hit is on, and the version of that list the dossier was screened against.
        public var list: String?
        public var entry: String?
        public var listDate: String?
        public var listSHA256: String?
        public init(
            birthDate: String? = nil, registration: String? = nil, nationality: String? = nil, address: String? = nil, list: String? = nil,
            entry: String? = nil, listDate: String? = nil, listSHA256: String? = nil
        ) {
            self.birthDate = birthDate
            self.registration = registration
            self.nationality = nationality
            self.address = address
            self.list = list
            self.entry = entry
            self.listDate = listDate
            self.listSHA256 = listSHA256
        }

        /// The evidence statements given, by name.
        public var evidence: [(name: String, text: String)] {
            [("birthDate", birthDate), ("registration", registration), ("nationality", nationality), ("address", address)]
                .compactMap { name, text in text.map { (name, $0) } }
        }
    }

    public var selfCleaning: SelfCleaning?
    public var exclusion: Exclusion?
    public var identity: Identity?
    /// The date of the letter that told the bidder the decision, when it was sent (Aw 2012 art. 2.130).
    public var letter: Day?

    public init(selfCleaning: SelfCleaning? = nil, exclusion: Exclusion? = nil, identity: Identity? = nil, letter: Day? = nil) {
        self.selfCleaning = selfCleaning
        self.exclusion = exclusion
        self.identity = identity
        self.letter = letter
    }

    /// The role and name of the decision entry's file that holds the content.
    public static let fileRole = "decision-content"
    public static let fileName = "beslissing.json"

    public var isEmpty: Bool { selfCleaning == nil && exclusion == nil && identity == nil && letter == nil }

    /// What is missing from the content of `decision`, or given but belonging to another kind of
    /// decision, one line each naming the option; empty when the content fits. `nameMatch`: the
    /// finding was found by matching a name against a list or register.
    public func problems(for decision: ReviewDecision, nameMatch: Bool, today: Day) -> [String] {
        var problems: [String] = []
        func blank(_ text: String?) -> Bool { (text ?? "").trimmingBlanks().isEmpty }
        if decision == .measuresAccepted {
            let missing = [
                ("--compensation", selfCleaning?.compensation), ("--cooperation", selfCleaning?.cooperation),
                ("--measures", selfCleaning?.measures),
            ].filter { blank($0.1) }.map(\.0)
            if !missing.isEmpty {
                problems.append(
                    "measures-accepted states each of the three elements of art. 2.87a Aw 2012 (compensation, cooperation with the investigating authorities, concrete measures); missing: \(missing.joined(separator: ", "))"
                )
            }
        } else if selfCleaning != nil {
            problems.append("--compensation, --cooperation and --measures belong to measures-accepted, not \(decision.rawValue)")
        }
        if decision == .groundConfirmed {
            if blank(exclusion?.proportionality) {
                problems.append("ground-confirmed states why exclusion is proportionate (--proportionality; Gids Proportionaliteit §3.5A)")
            }
            if let heard = exclusion?.heard {
                if heard > today {
                    problems.append("--heard \(heard) is after today (\(today)); the bidder is heard before being excluded")
                }
            } else {
                problems.append("ground-confirmed states the day the bidder was heard (--heard YYYY-MM-DD; Aw 2012 art. 2.130)")
            }
        } else if exclusion != nil {
            problems.append("--proportionality and --heard belong to ground-confirmed, not \(decision.rawValue)")
        }
        if nameMatch && (decision == .notTheListedParty || decision.excludes) {
            if identity?.evidence.contains(where: { !blank($0.text) }) != true {
                problems.append(
                    "a decision on a name match states the identity evidence that decides it: at least one of --birth-date, --registration, --nationality, --address (Reg. (EU) 269/2014 art. 2)"
                )
            }
        } else if identity.map({ !$0.evidence.isEmpty }) == true {
            problems.append(
                "--birth-date, --registration, --nationality and --address belong to a decision on a name-match finding (not-the-listed-party, ground-confirmed)"
            )
        }
        if let letter {
            if letter > today { problems.append("--letter \(letter) is after today (\(today)); give the date of a letter that was sent") }
            if let heard = exclusion?.heard, letter < heard {
                problems.append("--letter \(letter) is before --heard \(heard); the decision follows the hearing")
            }
        }
        return problems
    }
}
