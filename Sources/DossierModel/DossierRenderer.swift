/// The languages a report is written in: Dutch (the default) and English.
public enum ReportLanguage: String, Sendable, CaseIterable { case nl, en }

/// The readable forms of a dossier beside its JSON.
public enum ReportFormat: String, Sendable, CaseIterable { case md, html }

/// Turns a dossier into a readable report. The Mustache templates of `templates/` are one
/// implementation (`Reports.ReportRenderer`); the store takes any, to render a bundle's reports
/// at export and again at verify, without depending on how they are made.
public protocol DossierRenderer: Sendable {
    func render(_ dossier: Dossier, format: ReportFormat, language: ReportLanguage) -> String
}
