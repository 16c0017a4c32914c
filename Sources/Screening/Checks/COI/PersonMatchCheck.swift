import DossierModel

/// Bidder-side people (representatives in the ESPD, directors, UBOs and key staff in the
/// declaration and company facts) against the people who prepare or evaluate the tender and
/// their declared relatives. A hit is for review, never a decision (AVG art. 22).
struct PersonMatchCheck: Check {
    let id = "coi.person-match"
    let severity = Severity.attention
    let legalBasis = "Dir. 2014/24/EU art. 24, 57(4)(e); Aw 2012 art. 1.10b, 2.87(1)(e)"
    let summary = "A director, UBO, representative or key staff member matches someone involved in the tender"
    let nationalLegalBasis: String? =
        "Aw 2012 art. 1.10b (conflict of interest, in every procedure); " + LegalRegime.kader
        + " (belangenscheiding after RWS Scheiding van Belang)"
    let findsByNameMatch = true
    let dataFiles = ["name-matching.yaml"]
    let dutchSummary =
        "Een bestuurder, uiteindelijk belanghebbende (UBO), vertegenwoordiger of sleutelfunctionaris komt overeen met iemand die bij de aanbesteding betrokken is"
    let dutchLegalEffect =
        "mogelijke belangenverstrengeling: de plicht die te voorkomen (Richtlijn 2014/24/EU art. 24; Aw 2012 art. 1.10b), nooit een automatische uitsluiting"
    let legalEffect =
        "possible conflict of interest: the duty to prevent it (Dir. art. 24; Aw 2012 art. 1.10b), never an automatic exclusion"

    struct Person {
        var name: String
        var role: String
        var pointer: EvidencePointer
        var birthDate: String?
    }

    static func bidderPeople(_ context: ScreeningContext) -> [Person] {
        let s = context.submission
        var people: [Person] = []
        for espd in [s.espd] + s.otherESPDs {
            for r in espd.economicOperator?.representatives ?? [] where !r.fullName.isEmpty && !PlaceholderCheck.isPlaceholder(r.familyName)
            {
                people.append(
                    Person(
                        name: r.fullName, role: r.role ?? "representative",
                        pointer: EvidencePointer(file: espd.source, line: r.line, path: r.path), birthDate: r.birthDate))
            }
        }
        for p in s.bidder.declaration?.people ?? [] {
            people.append(
                Person(
                    name: p.name, role: p.role ?? "declared person", pointer: s.bidderPointer("declaration"),
                    birthDate: p.birthDate?.description))
        }
        for p in s.bidder.company?.ubos ?? [] {
            people.append(Person(name: p.name, role: "ubo", pointer: s.bidderPointer("company"), birthDate: p.birthDate?.description))
        }
        return people
    }

    /// The roles this check names itself, in Dutch; roles the bidder wrote are shown as written.
    static func dutchRole(_ role: String) -> String {
        switch role {
        case "ubo": "uiteindelijk belanghebbende"
        case "representative": "vertegenwoordiger"
        case "declared person": "opgegeven persoon"
        case "director": "bestuurder"
        default: role
        }
    }

    /// The people who prepare or evaluate the tender (role and organisation as the tender file
    /// writes them) and their declared relatives, each with a label in Dutch and English.
    static func involvedPeople(_ tender: TenderContext) -> [(name: String, labelNL: String, labelEN: String)] {
        tender.people.flatMap { person in
            let label = [person.role, person.organisation].compactMap { $0 }.joined(separator: ", ")
            return [(person.name, label, label)]
                + (person.relatives ?? []).map { ($0, "familielid van \(person.name)", "relative of \(person.name)") }
        }
    }

    func run(_ context: ScreeningContext) -> [Finding] {
        let involved = Self.involvedPeople(context.tender)
        var findings: [Finding] = []
        var seen = Set<String>()
        for person in Self.bidderPeople(context) {
            for other in involved {
                let match = context.matcher.matchPerson(person.name, other.name, birthDateA: person.birthDate)
                guard match.score >= context.matcher.personThreshold, seen.insert(person.name + "|" + other.name).inserted else { continue }
                findings.append(
                    finding(
                        nl:
                            "\(person.name) (\(Self.dutchRole(person.role)), inschrijver) lijkt op \(other.name) (\(other.labelNL), aanbestedende dienst): score \(Dutch.decimal(match.score)). Onderzoek of er belangenverstrengeling is en leg de maatregelen vast.",
                        en:
                            "\(person.name) (\(person.role), bidder) resembles \(other.name) (\(other.labelEN), contracting authority): score \(match.score). Investigate a possible conflict of interest and record the measures.",
                        evidence: [person.pointer, context.tenderPointer("people", excerpt: other.name)],
                        details: [
                            "score": String(match.score), "why": match.reasons.joined(separator: "; "),
                            "threshold": String(context.matcher.personThreshold),
                        ]))
            }
        }
        return findings
    }

    var examples: CheckExamples {
        CheckExamples(
            triggering: [
                .fires("an assessor whose name is the director's, written with initials", at: "bidder.yaml:15:declaration") {
                    $0.tender.people = [.init(name: "J.W. van den Berg", role: "beoordelaar", organisation: nil, relatives: nil)]
                    $0.submission.bidder.declaration = .init(people: [.init(name: "Jan Willem Berg", role: "director")])
                },
                .fires("a relative of an assessor is the bidder's key staff", at: "bidder.yaml:15:declaration") {
                    $0.tender.people = [.init(name: "Petra Bakker", role: "beoordelaar", organisation: nil, relatives: ["R. Visser"])]
                    $0.submission.bidder.declaration = .init(people: [.init(name: "Ruben Visser", role: "key-staff")])
                },
            ],
            nonTriggering: [
                .quiet("another person") {
                    $0.tender.people = [.init(name: "Petra Bakker", role: "beoordelaar", organisation: nil, relatives: nil)]
                    $0.submission.bidder.declaration = .init(people: [.init(name: "Jan Willem Berg", role: "director")])
                },
                .quiet("the same surname, another given name") {
                    $0.tender.people = [.init(name: "Pieter Berg", role: "beoordelaar", organisation: nil, relatives: nil)]
                    $0.submission.bidder.declaration = .init(people: [.init(name: "Jan Willem Berg", role: "director")])
                },
            ])
    }
}
