import AgeEncryption
import ArgumentParser
import Basics
import DossierModel
import DossierStore
import ESPD
import Foundation
import Reports
import Screening
import Transparency

struct DossierVerify: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Re-hash every entry, file and access-log record, check the chain and the append-only triggers, print the head hash.",
        discussion: """
            A chain that is consistent verifies whatever its length: entries cut off at the end, or a chain \
            rewritten from the start, are found only against a head recorded elsewhere (the case file, an \
            earlier bundle): pass it with --expect-head. Every broken entry is listed, not only the first.

            With --consistency PROOF (from `uea-screen dossier checkpoint --since`), --expect-checkpoint \
            and --vkey, no store is read: the proof must show that the checkpoint it carries, signed by \
            the key, extends the kept one (nothing the kept checkpoint covers was changed or removed).

            With --tsr RESPONSE and --tsa-chain CHAIN.pem, the RFC 3161 time stamp of the checkpoint given \
            with --expect-checkpoint is checked offline: granted, over that checkpoint's SHA-256, signed by \
            a certificate that chains to CHAIN.pem as it was valid at the stamp's own time.

            Examples:
              uea-screen dossier verify --vkey "$(cat store.vkey)" --expect-checkpoint PFL-2026-017.checkpoint
              uea-screen dossier verify --bundle PFL-2026-017.tar --vkey "$(cat store.vkey)"
              uea-screen dossier verify --bundle PFL-2026-017.tar --vkey "$(cat store.vkey)" --expect-checkpoint PFL-2026-017.checkpoint --tsr PFL-2026-017.tsr --tsa-chain tsa-chain.pem
              uea-screen dossier verify --consistency PFL-2026-017.consistency --expect-checkpoint PFL-2026-017.checkpoint --vkey "$(cat store.vkey)"

            Exit codes: 0 the store (or bundle, or proof) verifies, 1 an entry is broken, the expected head is not in the chain \
            or the proof does not hold, 2 unreadable.
            """)
    @OptionGroup var options: StoreOptions
    @Option(help: "Verify an export bundle instead of a store (no store needed).") var bundle: String?
    @Option(help: "A head hash recorded earlier; it must be one of the chain's entries.") var expectHead: String?
    @Option(
        help: ArgumentHelp(
            "The store's verifier key as recorded when it was set up (`uea-screen dossier key`): checkpoints must be signed by it.",
            valueName: "vkey"))
    var vkey: String?
    @Option(help: ArgumentHelp("A signed checkpoint kept outside the store (`uea-screen dossier checkpoint`).", valueName: "file"))
    var expectCheckpoint: String?
    @Option(
        help: ArgumentHelp(
            "A consistency proof (`uea-screen dossier checkpoint --since`) to check against --expect-checkpoint with --vkey.",
            valueName: "file"))
    var consistency: String?
    @Option(
        help: ArgumentHelp(
            "The RFC 3161 time-stamp response for the --expect-checkpoint file (`dossier checkpoint --tsq`).", valueName: "file"))
    var tsr: String?
    @Option(help: ArgumentHelp("The time-stamp authority's certificate chain (PEM) to check --tsr with.", valueName: "file"))
    var tsaChain: String?
    @Option(help: ArgumentHelp("The age identity file (`age-keygen` output) an encrypted bundle was made for.", valueName: "file"))
    var identity: String?
    @Option(help: "Report templates folder, to check a bundle's reports (default: the installed templates).") var templates: String?
    @Option(help: "Output format: text or json.") var format: Inspect.Format = .text

    func validate() throws {
        if (tsr == nil) != (tsaChain == nil) || (tsr != nil && expectCheckpoint == nil) {
            throw ValidationError("--tsr needs --tsa-chain and --expect-checkpoint (the checkpoint the time stamp is for)")
        }
        if let expectHead, expectHead.count != 64 || !expectHead.lowercased().allSatisfy(\.isHexDigit) {
            throw ValidationError("--expect-head must be a SHA-256 in hex (64 characters), as verify prints it")
        }
    }

    func run() throws {
        try runCommand {
            let report: VerifyReport
            let pinned: NoteVerifier?
            do { pinned = try vkey.map { try NoteVerifier(vkey: $0) } } catch {
                throw CommandFailure.usage("--vkey: \(error); give the line `uea-screen dossier key` printed")
            }
            var kept: String? = nil
            if let expectCheckpoint {
                guard let text = try? String(contentsOfFile: expectCheckpoint, encoding: .utf8) else {
                    throw CommandFailure.refused("\(expectCheckpoint): cannot be read; give the file `uea-screen dossier checkpoint` wrote")
                }
                kept = text
            }
            // The kept checkpoint's time stamp first: a broken one is reported with the rest and fails the run.
            let stampHolds = try checkTimeStamp(kept: kept)
            if let consistency {
                try checkConsistency(consistency, kept: kept, verifier: pinned)
                if !stampHolds { throw CommandFailure.findings }
                return
            }
            let trust = CheckpointTrust(vkey: pinned, checkpoint: kept)
            var identities: [Age.Identity] = []
            if let identity {
                guard let text = try? String(contentsOfFile: identity, encoding: .utf8) else {
                    throw CommandFailure.refused("\(identity): cannot be read; give the age identity file the bundle was encrypted to")
                }
                do { identities = [try Age.Identity(file: text)] } catch { throw CommandFailure.refused("\(identity): \(error)") }
            }
            if let bundle {
                // A bundle carries the templates its reports were made with; the installed ones (or
                // --templates) are used only for a bundle that does not. Templates that exist but
                // cannot be read are an error, not "reports not checked".
                let renderer = try (templates ?? ReportRenderer.defaultDirectory()).map { try ReportRenderer(directory: $0) }
                do {
                    report = try DossierBundle.verify(
                        path: bundle, renderer: renderer, makeRenderer: templates == nil ? ReportRenderer.factory : nil,
                        expectHead: expectHead, trust: trust, identities: identities)
                } catch {
                    throw CommandFailure.refused("\(bundle): not a dossier bundle (\(error))")
                }
            } else {
                let store = try options.open(create: false)
                report = try store.verify(expectHead: expectHead, trust: trust)
                StoreOptions.log(store, "verify", nil)
            }
            switch format {
            case .json: print(try JSONOutput.string(report))
            case .text:
                if let log = report.log {
                    let covered = log.signedEntries.map { "the latest covers \($0) entries" } ?? "none covers the entries"
                    print(
                        DisplayText.oneLine(
                            "checkpoints: \(log.checkpoints) signed by \(log.vkey ?? "-") (\(log.keyGiven ? "the key given with --vkey" : "the key the store holds")); \(covered)"
                                + (log.expectedCheckpointEntries.map { "; the kept checkpoint (\($0) entries) matches" } ?? "")))
                }
                for note in report.notes ?? [] { print(DisplayText.oneLine("NOTE: \(note)")) }
                for broken in report.broken {
                    print(DisplayText.oneLine("BROKEN at entry \(broken.seq) (\(broken.id ?? "-")): \(broken.reason)"))
                }
                if report.ok {
                    let head =
                        report.expectedHeadAt.map {
                            "; the expected head is entry \($0)" + ($0 < report.entries ? ", \(report.entries - $0) appended since" : "")
                        } ?? ""
                    print("ok: \(report.entries) entries, head \(report.headHash)\(head)")
                } else {
                    print("\(report.broken.count) problems; \(report.entries) entries, head \(report.headHash)")
                }
            }
            if !report.ok || !stampHolds { throw CommandFailure.findings }
        }
    }

    /// `--tsr`: the time stamp of the kept checkpoint's bytes, checked against `--tsa-chain`; prints
    /// one line either way and returns whether it holds (true when none was given).
    func checkTimeStamp(kept: String?) throws -> Bool {
        guard let tsr, let tsaChain, let kept else { return true }
        guard let response = FileManager.default.contents(atPath: tsr) else {
            throw CommandFailure.refused("\(tsr): cannot be read; give the time-stamp authority's response to the --tsq request")
        }
        guard let chain = FileManager.default.contents(atPath: tsaChain) else {
            throw CommandFailure.refused("\(tsaChain): cannot be read; give the authority's certificate chain in PEM")
        }
        do {
            let stamp = try TimeStamp.verify(response: response, for: Data(kept.utf8), chain: chain)
            let formatter = ISO8601DateFormatter()
            formatter.formatOptions = [.withFullDate, .withFullTime, .withSpaceBetweenDateAndTime]
            say(
                DisplayText.oneLine(
                    "time stamp: the kept checkpoint existed at \(formatter.string(from: stamp.time)) (RFC 3161, genTime \(stamp.generalizedTime)"
                        + (stamp.authority.map { ", by \($0)" } ?? "")
                        + "; the authority's certificate chain was valid at that time)"))
            return true
        } catch {
            say(DisplayText.oneLine("BROKEN: the time stamp \(tsr) does not prove the kept checkpoint's time: \(error)"))
            return false
        }
    }

    /// A line about the time stamp or the consistency proof: on standard output with the text
    /// report, on standard error when standard output carries the JSON report.
    func say(_ line: String) {
        if format == .json { FileHandle.standardError.write(Data((line + "\n").utf8)) } else { print(line) }
    }

    /// `--consistency`: the proof file against the kept checkpoint and the given key, no store read.
    func checkConsistency(_ path: String, kept: String?, verifier: NoteVerifier?) throws {
        guard let kept, let verifier, bundle == nil else {
            throw CommandFailure.usage("--consistency needs --expect-checkpoint and --vkey, and no --bundle")
        }
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw CommandFailure.refused("\(path): cannot be read; give the file `uea-screen dossier checkpoint --since` wrote")
        }
        let old: Checkpoint
        do { old = try Checkpoint.open(kept, verifier: verifier) } catch {
            throw CommandFailure.refused(
                "\(expectCheckpoint ?? "--expect-checkpoint"): not a checkpoint signed by the key given (\(error))")
        }
        let proof: ConsistencyProof
        do { proof = try ConsistencyProof(text: text) } catch {
            throw CommandFailure.refused("\(path): not a consistency proof (\(error))")
        }
        do {
            let new = try proof.verify(from: old, verifier: verifier)
            say(
                "ok: the checkpoint of \(new.size) entries, signed by \(verifier.vkey), extends the kept checkpoint of \(old.size) entries (RFC 9162 consistency proof)"
            )
        } catch {
            say(DisplayText.oneLine("BROKEN: \(error)"))
            throw CommandFailure.findings
        }
    }
}
