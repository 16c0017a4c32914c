import Basics
import DossierModel
import ESPD
import Foundation
import Mustache
import RuleData
import Screening

/// Renders a dossier with the templates in `templates/` (Mustache, editable without code).
/// Dutch by default; labels come from `templates/labels.yaml`.
public struct ReportRenderer: DossierRenderer {
    public typealias Format = ReportFormat
    public typealias Language = ReportLanguage

    let templates: [Format: MustacheTemplate]
    /// The bundle index page's template; nil in template sets from before it existed.
    let indexTemplate: MustacheTemplate?
    let labels: [Language: [String: String]]
    let citations: LegalCitation

    public let templateFiles: [String: Data]

    /// The files a renderer is made of, as they are named in `templates/`.
    public static let fileNames = Format.allCases.map { "report.\($0.rawValue).mustache" } + ["labels.yaml"]
    /// Files a set of templates may lack: a set from an earlier release, or one a lawyer kept.
    public static let optionalFileNames = [BundleIndex.templateName]

    public init(directory: String) throws {
        var files: [String: Data] = [:]
        for name in Self.fileNames {
            let path = PathText.child(directory, name)
            guard let data = FileManager.default.contents(atPath: path) else {
                throw InputError(file: path, message: name == "labels.yaml" ? "labels file missing" : "report template missing")
            }
            files[name] = data
        }
        for name in Self.optionalFileNames {
            files[name] = FileManager.default.contents(atPath: PathText.child(directory, name))
        }
        try self.init(files: files, origin: directory)
    }

    /// A renderer from template files held in memory (a bundle's own); `origin` names them in errors.
    public init(files: [String: Data], origin: String = "templates") throws {
        var templates: [Format: MustacheTemplate] = [:]
        for format in Format.allCases {
            let name = "report.\(format.rawValue).mustache"
            let path = PathText.child(origin, name)
            guard let data = files[name], let text = String(data: data, encoding: .utf8) else {
                throw InputError(file: path, message: "report template missing")
            }
            do { templates[format] = try MustacheTemplate(string: text) } catch {
                throw InputError(file: path, message: "template error: \(error)")
            }
        }
        let labelsPath = PathText.child(origin, "labels.yaml")
        guard let labelsData = files["labels.yaml"], let labelsText = String(data: labelsData, encoding: .utf8) else {
            throw InputError(file: labelsPath, message: "labels file missing")
        }
        var indexTemplate: MustacheTemplate? = nil
        if let data = files[BundleIndex.templateName] {
            let path = PathText.child(origin, BundleIndex.templateName)
            guard let text = String(data: data, encoding: .utf8) else { throw InputError(file: path, message: "template is not UTF-8") }
            do { indexTemplate = try MustacheTemplate(string: text) } catch {
                throw InputError(file: path, message: "template error: \(error)")
            }
        }
        self.templates = templates
        self.indexTemplate = indexTemplate
        self.labels = try Self.labels(text: labelsText, path: labelsPath)
        self.citations = try Self.citations(text: labelsText, path: labelsPath)
        self.templateFiles = files
    }

    /// The labels of `labels.yaml`, one table per language; `required` keys must be in each.
    static func labels(text: String, path: String, required: [String] = []) throws -> [Language: [String: String]] {
        let all = try YAMLFile.decode([String: [String: String]].self, text: text, path: path)
        var labels: [Language: [String: String]] = [:]
        for language in Language.allCases {
            guard let table = all[language.rawValue] else { throw InputError(file: path, message: "no labels for '\(language.rawValue)'") }
            for key in required where table[key] == nil {
                throw InputError(file: path, message: "label '\(key)' missing for '\(language.rawValue)'")
            }
            labels[language] = table
        }
        return labels
    }

    /// How legal bases are cited per language (`citations_nl`, `citations_en` in `labels.yaml`).
    public static func citations(text: String, path: String) throws -> LegalCitation {
        LegalCitation(tables: LegalCitation.tables(try YAMLFile.decode([String: [String: String]].self, text: text, path: path)))
    }

    /// Makes a renderer from a bundle's template files.
    public static let factory: DossierRendererFactory = { try ReportRenderer(files: $0, origin: "templates") }

    /// Finds `templates/` for a default run (`InstalledData`).
    public static func defaultDirectory(executablePath: String = InstalledData.executablePath) -> String? {
        InstalledData.directory("templates", marker: "report.md.mustache", executablePath: executablePath)
    }

    /// A detail value as the report's language writes it: words through labels.yaml (`value_yes`),
    /// dates and decimals in Dutch form for a Dutch report; anything else as stored.
    static func detailValue(_ value: String, labels: [String: String], language: Language) -> String {
        if let label = labels["value_" + value.replacingOccurrences(of: " ", with: "_")] { return label }
        guard language == .nl else { return value }
        if value.count == 10, let day = Day(value) { return day.dutch }
        if value.contains("."), value.allSatisfy({ $0.isNumber || $0 == "." }), value.filter({ $0 == "." }).count == 1 {
            return value.replacingOccurrences(of: ".", with: ",")
        }
        return value
    }

    /// The families of the checks that run on a bidder, in the order `rules` lists them.
    static let bidderFamilies: [String] = {
        var seen: [String] = []
        for check in CheckRegistry.all where check.subject == .bidder && !seen.contains(check.family) { seen.append(check.family) }
        return seen
    }()

    /// The moment of screening as a reader in the province writes it: Amsterdam time with its
    /// offset (`30 november 2026 06:00 (UTC+01:00)`); the dossier itself keeps UTC.
    static func localTime(_ utc: String, language: Language) -> String {
        guard utc.count == 20, utc.hasSuffix("Z"), let day = Day(String(utc.prefix(10))),
            let hours = Int(utc.dropFirst(11).prefix(2)), let minutes = Int(utc.dropFirst(14).prefix(2))
        else { return utc }
        let seconds = day.ordinal * 86_400 + hours * 3_600 + minutes * 60
        let offset =
            TimeZone(identifier: "Europe/Amsterdam")?.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(seconds))) ?? 3_600
        let (local, rest) = Day.split(unixSeconds: seconds + offset)
        let clock = Day.padded(rest / 3_600, 2) + ":" + Day.padded(rest % 3_600 / 60, 2)
        let zone = "UTC+" + Day.padded(offset / 3_600, 2) + ":00"
        return (language == .nl ? local.dutch : local.description) + " " + clock + " (" + zone + ")"
    }

    public func bundleIndex(_ index: BundleIndex) -> String {
        BundleIndexPage.render(index, template: indexTemplate, labels: labels[index.language] ?? [:])
    }

    public func render(_ dossier: Dossier, format: Format, language: Language = .nl) -> String {
        let view = view(dossier, language: language)
        // HTML: the template's {{ }} escapes. Markdown: every value is escaped here for Markdown
        // (a bidder's name must not make a heading, a table cell, a link or raw HTML), and the
        // template inserts it as is.
        return templates[format]!.render(format == .md ? MarkdownText.escapeView(view) as! [String: Any] : view)
    }

    func view(_ d: Dossier, language: Language) -> [String: Any] {
        let labels = self.labels[language] ?? [:]
        let groups: [[String: Any]] = Severity.allCases.compactMap { severity in
            let findings = d.findings.filter { $0.severity == severity }
            guard !findings.isEmpty else { return nil }
            return [
                "title": labels[severity.rawValue] ?? severity.rawValue, "count": findings.count,
                "findings": findings.map { f -> [String: Any] in
                    [
                        "message": language == .nl ? f.message.nl : f.message.en,
                        "check": f.check, "severity": f.severity.rawValue, "legalBasis": citations.cite(f.legalBasis, language),
                        "criminalData": f.criminalData == true,
                        "evidence": f.evidence.map { e in
                            [e.file + (e.line.map { ":\($0)" } ?? ""), e.path, e.excerpt.map { "“\($0)”" }].compactMap { $0 }.joined(
                                separator: " ")
                        },
                        "details": (f.details ?? [:]).sorted { $0.key < $1.key }.map { key, value in
                            "\(labels["detail_" + key] ?? key): \(Self.detailValue(value, labels: labels, language: language))"
                        },
                    ]
                },
            ]
        }
        return [
            "language": language.rawValue,
            "labels": labels,
            "outcomeText": labels["outcome_" + d.summary.outcome.rawValue] ?? d.summary.outcome.rawValue,
            "bidder": (["name": d.bidder.name, "country": d.bidder.country ?? ""] as [String: Any]).merging(
                d.bidder.kvk.map { ["kvk": $0] } ?? [:]
            ) { a, _ in a },
            "tender": [
                "id": d.tender.id ?? "", "name": d.tender.name ?? "",
                "referenceDate": PageRenderer.date(d.tender.referenceDate, language),
                "lots": (d.tender.lots ?? []).joined(separator: ", ") + " (CPV " + d.tender.cpv.joined(separator: ", ") + ")",
            ],
            // The lots the bid was screened for, when the tender is divided into lots and the bid registered.
            "hasLots": d.tender.lots?.isEmpty == false,
            "espd": (["generation": d.espd.generation, "file": d.espd.file] as [String: Any]).merging(
                d.espd.version.map { ["version": $0] } ?? [:]
            ) { a, _ in a },
            "summary": ["blocker": d.summary.blocker, "attention": d.summary.attention, "info": d.summary.info],
            "groups": groups,
            "hasEntities": (d.entities ?? []).count > 1,
            "entities": (d.entities ?? []).count > 1
                ? (d.entities ?? []).map { e -> [String: Any] in
                    [
                        "name": e.name, "role": labels["role_" + e.role] ?? e.role, "file": e.file, "generation": e.generation,
                        "blocker": e.blocker, "attention": e.attention, "info": e.info,
                    ]
                } : [],
            // What was checked without a finding: the check families that ran and found nothing,
            // and the lists screened against, with their dates and hashes.
            "quietFamilies": Self.bidderFamilies.filter { family in !d.findings.contains { $0.family == family } }
                .map { labels["family_" + $0] ?? $0 }.joined(separator: ", "),
            "lists": d.watchlists.map { list -> [String: Any] in
                let date = list.listDate.flatMap(Day.init).map { language == .nl ? $0.dutch : $0.description } ?? "-"
                // "1 vermelding", "4.100 vermeldingen": the count agrees with its noun, in the language's digits.
                let noun = labels[list.entries == 1 ? "listEntry" : "listEntries"] ?? "entries"
                let count = language == .nl ? DisplayText.dutchNumber(list.entries) : String(list.entries)
                return ["name": list.name, "date": date, "sha256": String(list.sha256.prefix(16)), "entries": count + " " + noun]
            },
            "review": d.review.map { ["text": language == .nl ? $0.nl : $0.en, "basis": $0.basis] },
            "sources": d.sources.map { ["path": $0.path, "role": labels["source_" + $0.role] ?? $0.role, "sha256": $0.sha256] },
            "ruleData": ["version": d.ruleData.version],
            "tool": ["name": d.tool.name, "version": d.tool.version],
            "screenedAt": Self.localTime(d.screenedAt, language: language),
        ]
    }
}

/// Values made safe for a Markdown report: one line, Markdown punctuation and HTML escaped with
/// backslashes; inside code spans (files, paths, hashes, evidence) backticks and line breaks removed.
enum MarkdownText {
    /// Keys whose values sit in code spans in the template.
    static let codeKeys: Set<String> = ["file", "path", "check", "sha256", "evidence"]

    static func escapeView(_ value: Any, key: String? = nil) -> Any {
        switch value {
        case let text as String: return codeKeys.contains(key ?? "") ? code(text) : inline(text)
        case let dictionary as [String: Any]:
            return Dictionary(uniqueKeysWithValues: dictionary.map { ($0.key, escapeView($0.value, key: $0.key)) })
        case let array as [Any]: return array.map { escapeView($0, key: key) }
        default: return value
        }
    }

    static func inline(_ text: String) -> String {
        var out = ""
        for character in DisplayText.oneLine(text) {
            if "\\`*_{}[]<>#|~!&".contains(character) { out.append("\\") }
            out.append(character)
        }
        return out
    }

    static func code(_ text: String) -> String {
        DisplayText.oneLine(text).replacingOccurrences(of: "`", with: "'")
    }
}
