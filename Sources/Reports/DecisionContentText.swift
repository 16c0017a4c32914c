import DossierModel

/// The statements of a decision (`DecisionContent`) as the terminal and the pages print them, one
/// line each, in the reader's language.
public enum DecisionContentText {
    public static func lines(_ content: DecisionContent, _ language: ReportLanguage) -> [String] {
        let nl = language == .nl
        func day(_ value: Day) -> String { nl ? value.dutch : value.description }
        var lines: [String] = []
        if let s = content.selfCleaning {
            lines += [
                (nl ? "schade vergoed of vergoeding toegezegd" : "damage compensated or compensation undertaken") + ": \(s.compensation)",
                (nl ? "feiten opgehelderd met de onderzoeksautoriteiten" : "facts clarified with the investigating authorities")
                    + ": \(s.cooperation)",
                (nl ? "technische, organisatorische en personele maatregelen" : "technical, organisational and personnel measures")
                    + ": \(s.measures)",
            ]
        }
        if let e = content.exclusion {
            lines.append((nl ? "evenredigheid" : "proportionality") + ": \(e.proportionality)")
            if let heard = e.heard { lines.append((nl ? "inschrijver gehoord op" : "bidder heard on") + " \(day(heard))") }
        }
        if let i = content.identity {
            let names: [String: (nl: String, en: String)] = [
                "birthDate": ("geboortedatum", "date of birth"), "registration": ("registratienummer", "registration number"),
                "nationality": ("nationaliteit of land van vestiging", "nationality or country of establishment"),
                "address": ("adres", "address"),
            ]
            for (name, text) in i.evidence {
                lines.append("\((nl ? names[name]?.nl : names[name]?.en) ?? name): \(text)")
            }
            if let list = i.list {
                let date = i.listDate.flatMap(Day.init).map(day) ?? i.listDate
                let version = [date.map { (nl ? "versie van " : "version of ") + $0 }, i.listSHA256.map { "SHA-256 \($0.prefix(16))…" }]
                    .compactMap { $0 }.joined(separator: ", ")
                lines.append(
                    (nl ? "lijst" : "list") + ": \(list)" + (i.entry.map { nl ? ", vermelding \($0)" : ", entry \($0)" } ?? "")
                        + (version.isEmpty ? "" : " (\(version))"))
            }
        }
        if let letter = content.letter {
            lines.append((nl ? "brief aan de inschrijver van" : "letter to the bidder of") + " \(day(letter))")
        }
        return lines
    }

    /// The line for a content this reader may not open.
    public static func withheld(_ language: ReportLanguage) -> String {
        language == .nl
            ? "inhoud van de beslissing versleuteld opgeslagen: leesbaar voor jurist, secretaris of auditor met de gegevenssleutel"
            : "the decision's content is stored encrypted: readable by a jurist, secretaris or auditor holding the data key"
    }
}
