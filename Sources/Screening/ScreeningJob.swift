import DossierModel
import EForms
import ESPD
import Foundation
import RuleData
import SafeXML

/// What `uea-screen screen` works on: the tender, its request and the bidders to screen.
public struct ScreeningJob: Sendable {
    public var tender: TenderContext
    public var tenderFilePath: String?
    public var request: ESPDDocument?
    /// The request's file, and the request parsed once for every bidder (its questions are compared
    /// with each response's, and read for responses that carry answers but no criteria).
    public var requestPath: String?
    public var requestDocument: XMLDocument?
    /// The tender's eForms notice (`notice:` in the tender file), parsed once; read with the rule
    /// data's eforms.yaml when the tender dossier is made.
    public var noticePath: String?
    public var noticeDocument: XMLDocument?
    public var extraSources: [SourceFile]
    /// Line of each top-level key of the tender file, from the bytes that were screened.
    public var tenderFileLines: [String: Int] = [:]
    public var bidderLocations: [String]
    /// What the plan decided on its own that the user should know (one line each, for stderr).
    public var notices: [String] = []

    /// Expands the paths given on the command line. A folder with `tender.yaml` and `bidders/`
    /// is a whole tender; other folders are walked (see `walk`); a file is one bidder.
    public static func plan(paths: [String], tenderFile: String?, eachFile: Bool = false) throws -> ScreeningJob {
        var (tenderPath, bidders) = try findBidders(paths, tenderFile: tenderFile, eachFile: eachFile)
        var notices: [String] = []
        // A bidder folder or an ESPD inside a tender folder is screened with that tender: the
        // nearest tender.yaml above it (as git finds .git); without it the reference date would
        // become today and the tender's grounds unknown.
        if tenderPath == nil, let (candidate, path) = try tenderFileAbove(paths) {
            tenderPath = candidate
            notices.append("using the tender file \(candidate), found above \(path) (pass --tender to choose another)")
        }
        guard let tenderPath else {
            notices.append(
                "no tender file found (none given with --tender, none above the bidder): the reference date is today and the tender's own checks are off"
            )
            return ScreeningJob(
                tender: TenderContext(), tenderFilePath: nil, request: nil, requestPath: nil, requestDocument: nil, noticePath: nil,
                noticeDocument: nil, extraSources: [], tenderFileLines: [:], bidderLocations: bidders, notices: notices)
        }
        let files = try readTenderFiles(tenderPath)
        return ScreeningJob(
            tender: files.tender, tenderFilePath: tenderPath, request: files.request, requestPath: files.requestPath,
            requestDocument: files.requestDocument, noticePath: files.noticePath, noticeDocument: files.noticeDocument,
            extraSources: files.sources, tenderFileLines: files.lines, bidderLocations: bidders, notices: notices)
    }

    /// Phase 1: the bidders under each path (a tender folder's `bidders/`), and the first tender
    /// folder's tender.yaml unless one was given.
    static func findBidders(_ paths: [String], tenderFile: String?, eachFile: Bool) throws -> (tenderPath: String?, bidders: [String]) {
        var tenderPath = tenderFile
        var bidders: [String] = []
        var budget = WalkBudget()
        for path in paths {
            if let tenderCandidate = try TenderFile.inFolder(path) {
                if tenderPath == nil { tenderPath = tenderCandidate }
                bidders += try walk(PathText.child(path, "bidders"), eachFile: eachFile, budget: &budget)
            } else {
                bidders += try walk(path, eachFile: eachFile, budget: &budget)
            }
        }
        return (tenderPath, bidders)
    }

    /// Phase 2: the nearest tender.yaml above one of the paths (up to 8 levels), with the path it was
    /// found above. Relative paths stay relative: dossiers name files as the user did.
    static func tenderFileAbove(_ paths: [String]) throws -> (tenderFile: String, above: String)? {
        for path in paths {
            var folder = PathText.normalised(path)
            for _ in 0..<8 {
                guard let parent = PathText.parent(folder) else { break }
                if let candidate = try TenderFile.inFolder(parent) { return (candidate, path) }
                folder = parent
            }
        }
        return nil
    }

    /// What the tender file and the files it names give.
    struct TenderFiles {
        var tender = TenderContext()
        var lines: [String: Int] = [:]
        var sources: [SourceFile] = []
        var request: ESPDDocument? = nil
        var requestPath: String? = nil
        var requestDocument: XMLDocument? = nil
        var noticePath: String? = nil
        var noticeDocument: XMLDocument? = nil
    }

    /// Phase 3: tender.yaml, its closed sets of values checked, and the ESPD request and the notice it names.
    static func readTenderFiles(_ tenderPath: String) throws -> TenderFiles {
        var files = TenderFiles()
        let tenderSource = try SourceFile.read(role: "tender", path: tenderPath, limit: YAMLFile.maxBytes)
        let tenderText = try tenderSource.text()
        let tender = try YAMLFile.decode(TenderContext.self, text: tenderText, path: tenderPath)
        try TenderFile.requireIdentity(tender, text: tenderText, path: tenderPath)
        files.tender = tender
        files.sources.append(tenderSource)
        let lines = YAMLFile.topLevelKeyLines(text: tenderText)
        files.lines = lines
        try checkValues(tender, lines: lines, path: tenderPath)
        if let relative = tender.espdRequest {
            let path = try tenderFolderFile(relative, key: "espdRequest", tenderPath: tenderPath, lines: lines)
            let requestSource: SourceFile
            do {
                requestSource = try SourceFile.read(role: "espd-request", path: path, limit: ParseLimits.default.maxBytes)
                let parsed = try XMLDocument.parse(bytes: [UInt8](requestSource.content ?? Data()), sourceName: path)
                files.request = try ESPDParser.read(parsed)
                files.requestDocument = parsed
            } catch let error as XMLParseError {
                throw InputError(file: path, message: error.description)
            } catch let error as ESPDReadError {
                throw InputError(file: path, message: error.description)
            }
            files.requestPath = path
            if files.request?.kind != .request {
                throw InputError(file: path, message: "espdRequest must be an ESPD request, this is a response")
            }
            files.sources.append(requestSource)
        }
        if let relative = tender.notice {
            let path = try tenderFolderFile(relative, key: "notice", tenderPath: tenderPath, lines: lines)
            do {
                let source = try SourceFile.read(role: "notice", path: path, limit: ParseLimits.default.maxBytes)
                files.noticeDocument = try XMLDocument.parse(bytes: [UInt8](source.content ?? Data()), sourceName: path)
                files.sources.append(source)
            } catch let error as XMLParseError {
                throw InputError(file: path, message: error.description)
            }
            files.noticePath = path
        }
        return files
    }

    /// The tender's closed sets (optional grounds, knock-outs, contract conditions, requested
    /// documents): a value outside them is refused at its line.
    static func checkValues(_ tender: TenderContext, lines: [String: Int], path: String) throws {
        for ground in tender.optionalGrounds where ExclusionGrounds.ground(number: ground.uppercased()).map({ !$0.mandatory }) != true {
            throw InputError(
                file: path, line: lines["optionalGrounds"],
                message: "optionalGrounds: '\(ground)' is not an optional exclusion ground (C9–C24)")
        }
        for id in tender.knockOuts where !CheckRegistry.knockOutCandidates.contains(id) {
            throw InputError(
                file: path, line: lines["knockOuts"],
                message:
                    "knockOuts: '\(id)' is not a check that may be made a knock-out; allowed: \(CheckRegistry.knockOutCandidates.sorted().joined(separator: ", "))"
            )
        }
        for kind in tender.contractConditions where !TenderContext.conditionKinds.contains(kind) {
            throw InputError(
                file: path, line: lines["contractConditions"],
                message:
                    "contractConditions: '\(kind)' is not a known condition; allowed: \(TenderContext.conditionKinds.joined(separator: ", "))"
            )
        }
        for kind in tender.requested where !TenderContext.evidenceKinds.contains(kind) {
            throw InputError(
                file: path, line: lines["requested"],
                message:
                    "requested: '\(kind)' is not a kind of supporting document; allowed: \(TenderContext.evidenceKinds.joined(separator: ", "))"
            )
        }
    }

    /// The tender's notice read with the rule data's eforms.yaml; nil without `notice:`.
    public func notice(rules: RuleBook) throws -> NoticeTender? {
        guard let noticePath, let noticeDocument else { return nil }
        let notice = try NoticeReader(dictionary: rules.eforms, dictionaryPath: rules.displayPath("eforms.yaml")).read(
            noticeDocument, source: noticePath)
        return try NoticeTender.read(notice, dictionary: rules.eforms)
    }

    /// A file the tender file names (`espdRequest`, `notice`): it must lie in the tender's own folder.
    static func tenderFolderFile(_ relative: String, key: String, tenderPath: String, lines: [String: Int]) throws -> String {
        guard !relative.hasPrefix("/"), !relative.split(separator: "/").contains("..") else {
            throw InputError(file: tenderPath, line: lines[key], message: "\(key): '\(relative)' must name a file in the tender's folder")
        }
        return PathText.child(PathText.parent(tenderPath) ?? "/", relative)
    }
}
