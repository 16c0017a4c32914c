import Basics
import DossierModel
import ESPD
import Foundation
import Names
import RuleData

/// Screens many bidders with a bounded number of workers. Each worker loads one submission,
/// screens it, hands the dossier on and drops the document, so memory does not grow with the
/// batch. Results are delivered in input order as soon as every earlier one is done, so the
/// output streams and is still the same from run to run.
public final class BatchScreening: @unchecked Sendable {
    public enum Outcome: Sendable {
        case screened(Dossier)
        case refused(location: String, reason: String)
    }

    let job: ScreeningJob
    /// The rule data and the sanctions index, built on their own thread while the first
    /// submissions are read: reading and parsing a bid does not need them, only screening does.
    let setup: Prepared<(RuleBook, SanctionsIndex)>
    let screener = Screener()
    // Guarded by `lock`.
    private let lock = NSLock()
    private var next = 0
    private var delivered = 0
    private var ready: [Int: Outcome] = [:]
    /// Fewer bidders than cores: each bid is hashed on a thread of its own while it is parsed.
    private let spareCores: Bool
    /// Who each bidder is (KvK number, name), by input index, for `espd.duplicate-bidder`.
    private let identities = BidderIdentities()

    /// Starts `setup` at once on a thread of its own; `run` throws its error, if any, before
    /// delivering anything.
    /// Validates every ESPD against its release's schemas when given (`espd.schema-invalid`).
    let validator: ESPDSchemas.Validator?

    public init(
        job: ScreeningJob, validator: ESPDSchemas.Validator? = nil, setup: @escaping @Sendable () throws -> (RuleBook, SanctionsIndex)
    ) {
        self.validator = validator
        self.job = job
        self.setup = Prepared(setup)
        spareCores = job.bidderLocations.count < ProcessInfo.processInfo.activeProcessorCount
    }

    /// The tender's own dossier, when the job has a tender file (waits for the rule data), with
    /// what reading the tender's notice noticed and did not use (the run prints those lines).
    public func tenderDossier(screener: Screener = Screener()) throws -> (dossier: TenderDossier, noticeNotes: [String])? {
        guard job.tenderFilePath != nil else { return nil }
        let (rules, sanctions) = try setup.get()
        let notice = try job.notice(rules: rules)
        let dossier = screener.tenderDossier(
            tender: job.tender, tenderFilePath: job.tenderFilePath, request: job.request, rules: rules, sources: job.extraSources,
            notice: notice, sanctions: sanctions)
        return (dossier, (notice?.notes ?? []).map { "\(job.noticePath ?? "notice"): \($0)" })
    }

    /// Screens `job.bidderLocations` with `workers` threads. `process` runs on the worker for each
    /// dossier (write files there); `deliver` is called in input order, one call at a time.
    /// Throws the setup's error (nothing is delivered then).
    public func run(
        workers: Int, process: @escaping @Sendable (Int, Dossier) throws -> Void,
        deliver: @escaping @Sendable (Int, Outcome) -> Void
    ) throws {
        let count = job.bidderLocations.count
        let finished = Locked(false)
        if let validator, count > 1 { lookAhead(validator: validator, until: finished) }
        DispatchQueue.concurrentPerform(iterations: max(1, min(workers, count))) { _ in
            while let index = claim(count) {
                guard let outcome = screen(index, process: process) else { return }
                complete(index, outcome, deliver: deliver)
            }
        }
        finished.withLock { $0 = true }
        _ = try setup.get()
    }

    /// Starts compiling the schemas of every release the bids declare, on a thread of its own,
    /// from the head of each ESPD in the bidders' folders (regular files only, no links): each
    /// release compiles while the workers read, instead of when the first bid of it is validated
    /// (then both workers could wait for the same compilation). Only a hint: each bid is still
    /// validated against the release it turns out to be.
    private func lookAhead(validator: ESPDSchemas.Validator, until finished: Locked<Bool>) {
        let locations = job.bidderLocations
        Thread {
            for location in locations {
                if finished.withLock({ $0 }) { return }
                var status = stat()
                guard lstat(location, &status) == 0 else { continue }
                switch status.st_mode & S_IFMT {
                case S_IFREG: validator.prepare(headOf: location)
                case S_IFDIR:
                    let names = (try? FileManager.default.contentsOfDirectory(atPath: location)) ?? []
                    for name in names.sorted() where name.lowercased().hasSuffix(".xml") {
                        validator.prepare(headOf: PathText.child(location, name))
                    }
                default: continue
                }
            }
        }.start()
    }

    private func claim(_ count: Int) -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard next < count else { return nil }
        next += 1
        return next - 1
    }

    /// nil when the setup failed: the run stops and `run` throws.
    private func screen(_ index: Int, process: (Int, Dossier) throws -> Void) -> Outcome? {
        let location = job.bidderLocations[index]
        let submission: Submission
        do {
            submission = try Submission.load(
                location, requestDocument: job.requestDocument, hashAlongside: spareCores, validator: validator)
        } catch {
            identities.register(index, location: location, name: "", keys: [])
            // Refusals, too, wait for the setup: a broken rule file is reported before any bidder.
            guard (try? setup.get()) != nil else { return nil }
            return .refused(location: location, reason: error.description)
        }
        let identity = BidderIdentities.keys(submission)
        identities.register(index, location: location, name: submission.displayName, keys: identity)
        guard let (rules, sanctions) = try? setup.get() else { return nil }
        do {
            var context = ScreeningContext(
                submission: submission, tender: job.tender, tenderFilePath: job.tenderFilePath,
                request: job.request, rules: rules, sanctions: sanctions, tenderFileLines: job.tenderFileLines)
            context.sameBidderEarlier = identities.earlier(than: index, keys: identity)
            let dossier = screener.dossier(context, extraSources: job.extraSources)
            try process(index, dossier)
            return .screened(dossier)
        } catch {
            return .refused(location: location, reason: "\(error)")
        }
    }

    private func complete(_ index: Int, _ outcome: Outcome, deliver: (Int, Outcome) -> Void) {
        lock.lock()
        defer { lock.unlock() }
        ready[index] = outcome
        while let next = ready.removeValue(forKey: delivered) {
            deliver(delivered, next)
            delivered += 1
        }
    }
}

/// How much of a folder tree one run may walk: a tender has a few levels and at most thousands of
/// bidders; `/` or a home folder given by mistake is refused quickly instead of walked for minutes.
public struct WalkBudget: Sendable {
    public static let maxFolders = 20_000
    public static let maxDepth = 6
    public var folders = 0
    public init() {}
}

extension ScreeningJob {
    /// Walks a folder of submissions: a folder that directly holds *.xml files is one bidder
    /// (its other responses are members, relied-upon entities or subcontractors); any other folder
    /// is walked into. With `eachFile`, every *.xml file is a bidder of its own. A tree deeper than
    /// `WalkBudget.maxDepth` below `path` or with more than `WalkBudget.maxFolders` folders is refused.
    public static func walk(_ path: String, eachFile: Bool, budget: inout WalkBudget) throws -> [String] {
        try walk(path, root: path, depth: 0, eachFile: eachFile, budget: &budget)
    }

    private static func walk(_ path: String, root: String, depth: Int, eachFile: Bool, budget: inout WalkBudget) throws -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else { return [path] }
        budget.folders += 1
        guard depth <= WalkBudget.maxDepth, budget.folders <= WalkBudget.maxFolders else {
            throw InputError(
                file: root,
                message: "is not a tender, bidder or submissions folder: it holds more than \(WalkBudget.maxDepth) levels or "
                    + "\(WalkBudget.maxFolders) folders; give the tender folder (tender.yaml and bidders/) or a bidder's folder")
        }
        // An unreadable folder is a bidder all the same: loading it refuses it with a line
        // ("folder cannot be read"), so it cannot vanish from the run as zero bidders.
        guard let listing = try? FileManager.default.contentsOfDirectory(atPath: path) else { return [path] }
        let names = listing.filter { !$0.hasPrefix(".") }.sorted()
        let xml = names.filter { $0.lowercased().hasSuffix(".xml") }.map { PathText.child(path, $0) }
        // A folder with an ESPD or a bidder.yaml is one bidder; its subfolders are part of its bid.
        if (!xml.isEmpty || names.contains("bidder.yaml")) && !eachFile { return [path] }
        var result = xml
        var hasFiles = false
        for name in names {
            let child = PathText.child(path, name)
            var status = stat()
            if lstat(child, &status) == 0, (status.st_mode & S_IFMT) == S_IFLNK {
                // A linked bidder folder would read files from outside the submissions: it is a
                // bidder all the same, refused by name when it is loaded.
                result.append(child)
            } else if (status.st_mode & S_IFMT) == S_IFDIR {
                result += try walk(child, root: root, depth: depth + 1, eachFile: eachFile, budget: &budget)
            } else {
                hasFiles = true
            }
        }
        // A folder with files but no ESPD anywhere (a PDF or ZIP handed in instead of XML) is a
        // bidder all the same: loading it refuses it with a line, so it cannot vanish from the run.
        if result.isEmpty && hasFiles { return [path] }
        return result
    }
}

/// Who each bidder of a run is, registered by input index as soon as its submission is read. A
/// bidder waits for the identities of the bidders before it in input order (each is at most one
/// read away: workers take indices in order), so the bidder that carries `espd.duplicate-bidder` is
/// the later one in input order, whatever the timing: the output stays the same from run to run.
final class BidderIdentities: @unchecked Sendable {
    private let condition = NSCondition()
    // Guarded by `condition`.
    private var entries: [Int: (location: String, name: String, keys: [String])] = [:]
    private var registeredPrefix = 0

    /// `kvk <number>` and `name <letters and digits of the name>`.
    static func keys(_ submission: Submission) -> [String] {
        var keys: [String] = []
        if let kvk = submission.kvk.map(PartyIdentity.reduced), !kvk.isEmpty { keys.append("kvk " + kvk) }
        let name = PartyIdentity.reduced(submission.displayName)
        if !name.isEmpty { keys.append("name " + name) }
        return keys
    }

    func register(_ index: Int, location: String, name: String, keys: [String]) {
        condition.lock()
        entries[index] = (location, name, keys)
        while entries[registeredPrefix] != nil { registeredPrefix += 1 }
        condition.broadcast()
        condition.unlock()
    }

    /// The earlier bidders sharing a key with `keys` (one per earlier bidder, the first shared key).
    func earlier(than index: Int, keys: [String]) -> [DuplicateBidder] {
        condition.lock()
        defer { condition.unlock() }
        while registeredPrefix < index { condition.wait() }
        guard !keys.isEmpty else { return [] }
        return (0..<index).compactMap { other in
            guard let entry = entries[other], let shared = keys.first(where: entry.keys.contains) else { return nil }
            return DuplicateBidder(location: entry.location, name: entry.name, sharedKey: shared)
        }
    }
}
