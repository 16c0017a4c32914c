import DossierModel
import ESPD

/// Dutch and English wording of the reader's answer conflicts, for findings.
extension AnswerConflict {
    private var dutchReadings: String {
        guard let values, values.count == lines.count else { return "" }
        let said = zip(lines, values).map { line, value in
            "regel \(line): \(value == "true" ? "ja" : value == "false" ? "nee" : "onleesbaar")"
        }
        return " (" + said.joined(separator: "; ") + ")"
    }

    /// One sentence in Dutch. `question` names the question ("‘Uw antwoord’", or "een vraag").
    var dutch: String {
        let lineText = (lines.count == 1 ? "regel " : "regels ") + Dutch.lines(lines)
        switch kind {
        case .multipleResponses: return "Dezelfde vraag wordt meer dan eens beantwoord, op \(lineText)\(dutchReadings)."
        case .multipleValues: return "Eén antwoord bevat meer dan één waarde, op \(lineText)\(dutchReadings)."
        case .multipleInstances:
            return "‘Uw antwoord’ mag één keer worden gegeven, maar staat in meerdere herhalingen, op \(lineText)\(dutchReadings)."
        case .disagreeingValues: return "Dezelfde vraag wordt tegenstrijdig beantwoord\(dutchReadings)."
        case .unreadableValue: return "Het antwoord op \(lineText) is geen geldige ja/nee-waarde (toegestaan zijn true, false, 1 en 0)."
        case .extraQuestion:
            return
                "Naast ‘Uw antwoord’ staat een extra ja/nee-vraag die de aanbestedende dienst niet stelt (\(lineText)); de antwoorden erop worden gelezen als antwoord op ‘Uw antwoord’."
        case .changedType:
            return
                "Een vraag is anders getypeerd dan de aanbestedende dienst haar stelt (\(lineText)); de antwoorden erop worden toch gelezen."
        case .renamedQuestion:
            return "‘Uw antwoord’ staat niet waar de aanbestedende dienst de vraag stelt (\(lineText)); antwoorden op beide worden gelezen."
        case .unlinkedReading:
            return
                "Het ja/nee-antwoord op \(lineText) verwijst naar een vraag die niet bestaat; het wordt gelezen als antwoord op ‘Uw antwoord’."
        case .codeMismatch:
            return "De typecode van het criterium (\(lineText)) hoort bij een andere uitsluitingsgrond dan het id; het id is gevolgd."
        case .changedGate:
            return
                "Een groep vragen staat achter een andere ja/nee-voorwaarde dan de aanbestedende dienst haar stelt (\(lineText)); de antwoorden zijn gelezen zoals de aanbestedende dienst (het UEA-verzoek, of anders het officiële UEA-model van deze versie) de vraag stelt."
        case .changedText:
            return
                "De tekst van de vraag in dit UEA (\(lineText)) geeft ‘Uw antwoord’ een andere betekenis dan de aanbestedende dienst of de UEA-versie; het antwoord is gelezen zoals de aanbestedende dienst de vraag stelt, of als onduidelijk."
        case .changedQuestion:
            return
                "Een vraag is in dit UEA anders geformuleerd dan de aanbestedende dienst haar stelt (\(lineText)); het antwoord is gelezen als antwoord op de vraag zoals die officieel luidt."
        case .unknownStructure:
            return
                "Dit UEA bevat vragen die het UEA-verzoek en het officiële UEA-model van deze versie niet kennen (\(lineText)); de antwoorden erop zijn gelezen, maar hun betekenis is niet vastgesteld. Een jurist beoordeelt ze."
        }
    }

    /// Conflicts about "Your answer" itself: they decide whether the ground applies.
    var concernsYourAnswer: Bool {
        switch kind {
        case .disagreeingValues, .multipleInstances, .multipleResponses, .multipleValues, .unreadableValue:
            return message.hasPrefix("\"Your answer\"")
        case .changedType: return message.contains("\"Your answer\"")
        case .extraQuestion, .renamedQuestion, .unlinkedReading, .changedText: return true
        case .codeMismatch, .changedGate, .changedQuestion, .unknownStructure: return false
        }
    }
}
