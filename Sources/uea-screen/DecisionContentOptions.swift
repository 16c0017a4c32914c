import ArgumentParser
import DossierModel

/// The statements a decision makes besides its reason (`DecisionContent`): the three elements of
/// self-cleaning, the hearing and proportionality of an exclusion, the identity evidence of a name match.
struct DecisionContentOptions: ParsableArguments {
    @Option(help: "measures-accepted: how the damage was compensated or compensation undertaken (art. 2.87a Aw 2012).")
    var compensation: String?
    @Option(help: "measures-accepted: how the facts were clarified with the investigating authorities (art. 2.87a Aw 2012).")
    var cooperation: String?
    @Option(help: "measures-accepted: the concrete technical, organisational and personnel measures (art. 2.87a Aw 2012).")
    var measures: String?
    @Option(help: "ground-confirmed: why exclusion is proportionate (Gids Proportionaliteit §3.5A).") var proportionality: String?
    @Option(help: "ground-confirmed: the day the bidder was heard (YYYY-MM-DD; Aw 2012 art. 2.130).") var heard: String?
    @Option(help: "A name match: what the date of birth showed (screened party against the listed one).") var birthDate: String?
    @Option(help: "A name match: what the registration number showed (KvK, company register).") var registration: String?
    @Option(help: "A name match: what the nationality or country of establishment showed.") var nationality: String?
    @Option(help: "A name match: what the address showed.") var address: String?
    @Option(help: "The date of the letter that told the bidder the decision (YYYY-MM-DD), once sent.") var letter: String?

    var isEmpty: Bool {
        [compensation, cooperation, measures, proportionality, heard, birthDate, registration, nationality, address, letter]
            .allSatisfy { $0 == nil }
    }

    func validate() throws {
        for (name, value) in [("--heard", heard), ("--letter", letter)] {
            if let value, Day(value) == nil { throw ValidationError("\(name) must be a date, YYYY-MM-DD; got '\(value)'") }
        }
    }

    func content() throws -> DecisionContent {
        var content = DecisionContent(letter: letter.flatMap(Day.init))
        if compensation != nil || cooperation != nil || measures != nil {
            content.selfCleaning = .init(compensation: compensation ?? "", cooperation: cooperation ?? "", measures: measures ?? "")
        }
        if proportionality != nil || heard != nil {
            content.exclusion = .init(proportionality: proportionality ?? "", heard: heard.flatMap(Day.init))
        }
        if birthDate != nil || registration != nil || nationality != nil || address != nil {
            content.identity = .init(birthDate: birthDate, registration: registration, nationality: nationality, address: address)
        }
        return content
    }
}
