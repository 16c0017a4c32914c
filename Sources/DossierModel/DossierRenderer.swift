import Foundation

/// The languages a report is written in: Dutch (the default) and English.
public enum ReportLanguage: String, Sendable, CaseIterable { case nl, en }

/// The readable forms of a dossier beside its JSON.
public enum ReportFormat: String, Sendable, CaseIterable { case md, html }

/// Turns a dossier into a readable report. The Mustache templates of `templates/` are one
/// implementation (`Reports.ReportRenderer`); the store takes any, to render a bundle's reports
/// at export and again at verify, without depending on how they are made.
public protocol DossierRenderer: Sendable {
    func render(_ dossier: Dossier, format: ReportFormat, language: ReportLanguage) -> String
    /// The files the reports are made from (file name → bytes): a bundle carries them, so that a
    /// later release renders an old bundle's reports with the templates they were made with.
    var templateFiles: [String: Data] { get }
}

/// Makes a renderer from template files as a bundle carries them.
public typealias DossierRendererFactory = @Sendable ([String: Data]) throws -> any DossierRenderer
