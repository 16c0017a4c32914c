import Basics
import DossierModel
import EForms
import RuleData

/// The tender file `init --notice` writes: every value the notice establishes, each with its field
/// and line as a comment; values the user gives with `--set`; the fields a notice cannot give,
/// commented out as in the plain template. Written only when every required key has a value.
extension NoticeTender {
    /// A value given on the command line for a key the notice leaves open (or gets wrong).
    public struct Override: Sendable {
        public var key: String
        public var value: String

        /// The keys `--set` may give, and how each value is checked.
        public static let keys = NoticeTender.requiredKeys + ["name", "authority.name"]

        /// Parses `key=value`; an unknown key or a value of the wrong form is refused with what is allowed.
        public init(parsing argument: String) throws {
            guard let equals = argument.firstIndex(of: "=") else {
                throw InputError(file: "--set", message: "'\(DisplayText.oneLine(argument))' is not KEY=VALUE")
            }
            key = String(argument[..<equals]).trimmingBlanks()
            value = String(argument[argument.index(after: equals)...]).trimmingBlanks()
            guard Self.keys.contains(key) else {
                throw InputError(
                    file: "--set", message: "'\(DisplayText.oneLine(key))' cannot be set; allowed: \(Self.keys.joined(separator: ", "))")
            }
            guard let problem = Self.problem(key: key, value: value) else { return }
            throw InputError(file: "--set", message: "\(key)=\(DisplayText.oneLine(value)): \(problem)")
        }

        static func problem(key: String, value: String) -> String? {
            switch key {
            case "type":
                return TenderContext.ContractType(rawValue: value) == nil
                    ? "allowed: \(TenderContext.ContractType.allCases.map(\.rawValue).joined(separator: ", "))" : nil
            case "procedure":
                return ProcedureKind(rawValue: value) == nil
                    ? "allowed: \(ProcedureKind.allCases.map(\.rawValue).joined(separator: ", "))" : nil
            case "authority.kind":
                return TenderContext.AuthorityKind(rawValue: value) == nil ? "allowed: central, sub-central" : nil
            case "estimatedValue":
                guard let amount = Double(value), amount.isFinite, amount >= 0, amount <= 1e13 else {
                    return "allowed: an amount in euro excl. btw without separators, e.g. 250000"
                }
                return nil
            case "launchDate", "submissionDeadline":
                return Day(value) == nil || value.count != 10 ? "allowed: a date YYYY-MM-DD" : nil
            default:
                return value.isEmpty || value.contains(where: \.isNewline) ? "allowed: one line of text" : nil
            }
        }

        /// As YAML writes the value: text quoted, the rest as given.
        var yaml: String { ["id", "name", "authority.name"].contains(key) ? NoticeTender.quoted(value) : value }
    }

    /// The keys still without a value after `overrides`.
    public func missingKeys(after overrides: [Override]) -> [(key: String, why: String)] {
        missing.filter { entry in !overrides.contains { $0.key == entry.key } }
    }

    /// The tender file's text; `noticeFile` is the notice's path relative to the tender folder.
    public func tenderFile(noticeFile: String, overrides: [Override]) -> String {
        var lines: [String] = [
            "# De aanbesteding, geschreven door `uea-screen init --notice` uit de aankondiging \(noticeFile)",
            "# (eForms \(notice.sdkVersion.value), \(notice.noticeType.value)). Elke waarde noemt het veld (BT) en de regel van de",
            "# aankondiging waar zij staat; `uea-screen tender check` vergelijkt dit bestand opnieuw met de aankondiging.",
        ]
        func line(_ key: String, _ value: String?, _ origin: String?, indent: String = "") {
            let name = key.split(separator: ".").last.map(String.init) ?? key
            if let given = overrides.first(where: { $0.key == key }) {
                lines.append("\(indent)\(name): \(given.yaml)   # opgegeven met --set")
            } else if let value {
                lines.append("\(indent)\(name): \(value)" + (origin.map { "   # \($0)" } ?? ""))
            }
        }
        func at<V>(_ value: NoticeValue<V>?) -> String? { value.map { "\($0.field), regel \($0.line)" } }
        line("id", id.map { Self.quoted($0.value) }, at(id))
        if !otherReferences.isEmpty {
            lines.append(
                "otherReferences: [\(otherReferences.map { Self.quoted($0.value) }.joined(separator: ", "))]   # \(otherReferences.map { "\($0.field), regel \($0.line)" }.joined(separator: "; "))"
            )
        }
        lines.append("notice: \(Self.quoted(noticeFile))")
        line("name", name.map { Self.quoted(DisplayText.oneLine($0.value)) }, at(name))
        lines.append("authority:")
        line("authority.name", authorityName.map { Self.quoted(DisplayText.oneLine($0.value)) }, at(authorityName), indent: "  ")
        line("authority.kind", authorityKind?.value.rawValue, at(authorityKind), indent: "  ")
        line("type", type?.value.rawValue, at(type))
        line("estimatedValue", estimatedValue.map { Self.amount($0.value) }, at(estimatedValue).map { $0 + ", euro exclusief btw" })
        line("procedure", procedure?.value.rawValue, at(procedure).map { $0 + " (\(notice.legalBasis.value))" })
        line("launchDate", launchDate.map { "\($0.value)" }, at(launchDate).map { $0 + ", de datum van verzending" })
        line("submissionDeadline", submissionDeadline.map { "\($0.value)" }, at(submissionDeadline).map { $0 + ", de peildatum" })
        lines.append("stage: \(stage.rawValue)   # \(stage == .award ? "een gunningsaankondiging" : "een oproep tot mededinging")")
        if !winners.isEmpty {
            let names = Array(Set(winners.map(\.name.value))).sorted()
            lines.append(
                "intendedWinners: [\(names.map(Self.quoted).joined(separator: ", "))]   # \(winners.map { "\($0.name.field), regel \($0.name.line)" }.joined(separator: "; "))"
            )
            for winner in winners where !winner.owners.isEmpty {
                lines.append(
                    "# uiteindelijk belanghebbenden van \(DisplayText.oneLine(winner.name.value)) volgens de aankondiging: \(winner.owners.map { "\(DisplayText.oneLine($0.value)) (\($0.field), regel \($0.line))" }.joined(separator: ", "))"
                )
            }
        }
        if !cpv.isEmpty {
            lines.append(
                "cpv: [\(cpv.map { Self.quoted($0.value) }.joined(separator: ", "))]   # \(Self.origins(cpv)); acht cijfers: een aankondiging geeft geen controlecijfer"
            )
        }
        if notice.lots.count > 1 {
            // A tender divided into lots: each with its own CPV codes, which decide a bid's scope
            // (the lots a bid is for are registered in its bidder.yaml).
            lines.append("lots:   # de percelen (BT-137); registreer per inschrijver in bidder.yaml voor welke percelen zij geldt")
            for lot in notice.lots {
                lines.append("  - id: \(Self.quoted(lot.id.value))   # \(lot.id.field), regel \(lot.id.line)")
                if let title = lot.title {
                    lines.append("    name: \(Self.quoted(DisplayText.oneLine(title.value)))   # \(title.field), regel \(title.line)")
                }
                if !lot.cpv.isEmpty {
                    lines.append("    cpv: [\(lot.cpv.map { Self.quoted($0.value) }.joined(separator: ", "))]   # \(Self.origins(lot.cpv))")
                }
            }
        }
        if let optionalGrounds {
            lines.append(
                "optionalGrounds: [\(optionalGrounds.map(\.value).joined(separator: ", "))]"
                    + (optionalGrounds.isEmpty
                        ? "   # de aankondiging kondigt geen facultatieve gronden aan" : "   # \(Self.origins(optionalGrounds))"))
        } else {
            lines.append("# optionalGrounds: []        # de aankondiging noemt ze niet (BT-806): vul ze in uit de aanbestedingsstukken")
        }
        lines += [
            "# Niet in de aankondiging; vul in wat van toepassing is (README, \"Input files\").",
            "legalDepartmentConsulted: false  # heeft Juridische Zaken geadviseerd",
            "bibob: false                     # is een Bibob-toets aangekondigd",
            "contractConditions: []           # isv, due-diligence, sroi, biodiversity, bibob, supply-chain-transparency",
            "# requested: [gva, kvkExtract, taxStatement, equivalentDocument]",
            "# espdRequest: uea-verzoek.xml   # het UEA-verzoek waarop de inschrijvers antwoordden",
            "people: []                       # [{name, role, organisation, relatives: []}] wie voorbereidt of beoordeelt",
            "advisers: []                     # [{name, kvk, role}] bedrijven die over de aanbesteding adviseerden",
            "# team: [ajurist, jbakker]       # de accounts die over deze aanbesteding beslissen (uea-screen team)",
            "",
        ]
        return lines.joined(separator: "\n")
    }

    static func origins(_ values: [NoticeValue<String>]) -> String {
        var byField: [(String, [Int])] = []
        for value in values {
            if let index = byField.firstIndex(where: { $0.0 == value.field }) {
                byField[index].1.append(value.line)
            } else {
                byField.append((value.field, [value.line]))
            }
        }
        return byField.map { field, lines in "\(field), \(lines.count == 1 ? "regel" : "regels") \(Dutch.lines(lines))" }.joined(
            separator: "; ")
    }

    /// A YAML double-quoted scalar: backslash, quote and control characters escaped.
    static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": result += "\\\\"
            case "\"": result += "\\\""
            case _ where scalar.value < 0x20 || scalar.value == 0x7F || (0x80..<0xA0).contains(scalar.value):
                result += "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count) + String(scalar.value, radix: 16)
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }

    /// An amount without separators: whole euros as an integer, cents with a decimal point.
    static func amount(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }
}
