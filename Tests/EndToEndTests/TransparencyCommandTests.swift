import Foundation
import TestSupport
import Testing

/// The store's signed checkpoints and a bundle's proofs, through the command line, checked by a
/// verifier written in Python from the C2SP and RFC 9162 texts alone (not uea-screen's code).
@Suite("Transparency log through the command line")
struct TransparencyCommandTests {
    static let sample = Paths.repositoryFile("samples/zonnepark-lelystad")
    static let independent = Paths.repositoryFile("Tests/EndToEndTests/Independent/verify_tlog_proof.py")
    static let pythonReady: Bool = {
        guard let python = which("python3") else { return false }
        return (try? run(python, ["-c", "import cryptography"]))?.status == 0
    }()
    static let pythonMissing = Comment(
        rawValue: "python3 with the 'cryptography' package is not installed: the independent verifier did not run")

    /// A store with the sample screened into it, and its bundle of the tender.
    func exported() throws -> (folder: URL, store: String, bundle: String, vkey: String) {
        let folder = try Paths.temporaryDirectory()
        let store = folder.appendingPathComponent("store.sqlite").path
        _ = try expectCommand(["screen", Self.sample, "--store", store], exits: 1)
        let vkey = try expectCommand(["dossier", "key", "--store", store], exits: 0).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let bundle = folder.appendingPathComponent("bundle.tar").path
        _ = try expectCommand(["dossier", "export", "--store", store, "--tender", "PFL-2026-017", "--out", bundle, "--plain"], exits: 0)
        return (folder, store, bundle, vkey)
    }

    @Test("The store's key, a checkpoint kept outside, and verify against both; a foreign key is not the store's")
    func storeCheckpoints() throws {
        let (folder, store, _, vkey) = try exported()
        #expect(vkey.hasPrefix("uea-screen.local/store/"))
        let checkpoint = try expectCommand(["dossier", "checkpoint", "--store", store], exits: 0).stdout
        let kept = folder.appendingPathComponent("head.checkpoint")
        try Data(checkpoint.utf8).write(to: kept)
        let verified = try expectCommand(
            ["dossier", "verify", "--store", store, "--vkey", vkey, "--expect-checkpoint", kept.path], exits: 0)
        #expect(verified.stdout.contains("(the key given with --vkey)"))
        #expect(verified.stdout.contains("the kept checkpoint"))
        // The key of another store: refused as the verifier of this one (exit 1, said why).
        let other = folder.appendingPathComponent("other.sqlite").path
        _ = try expectCommand(["screen", Self.sample, "--store", other], exits: 1)
        let otherKey = try expectCommand(["dossier", "key", "--store", other], exits: 0).stdout.trimmingCharacters(
            in: .whitespacesAndNewlines)
        let foreign = try expectCommand(["dossier", "verify", "--store", store, "--vkey", otherKey], exits: 1)
        #expect(foreign.stdout.contains("--vkey"))
        _ = try expectCommand(["dossier", "verify", "--store", store, "--vkey", "not-a-key"], exits: 64)
        // The key file is private to its owner.
        let keys = TemporaryConfig.keys
        let files = try FileManager.default.contentsOfDirectory(atPath: keys)
        #expect(!files.isEmpty)
        for file in files {
            let mode = try FileManager.default.attributesOfItem(atPath: keys + "/" + file)[.posixPermissions] as? Int
            #expect(mode == 0o600)
        }
    }

    @Test("A bundle's proofs verify with uea-screen and with an independent verifier; a changed proof fails both")
    func bundleProofs() throws {
        let (folder, _, bundle, vkey) = try exported()
        let verified = try expectCommand(["dossier", "verify", "--bundle", bundle, "--vkey", vkey], exits: 0)
        #expect(verified.stdout.contains("(the key given with --vkey)"))
        #expect(!verified.stdout.contains("checked against the key the bundle itself carries"))
        let (unpacked, manifest, entries) = try unpack(bundle, into: folder)
        #expect(entries.count == 5)  // four bidders and the tender
        for (id, _) in entries {
            #expect(FileManager.default.fileExists(atPath: unpacked.appendingPathComponent("proofs/\(id).tlog-proof").path))
        }
        // One bit of one proof hash flipped.
        let (id, _) = entries[0]
        let proofURL = unpacked.appendingPathComponent("proofs/\(id).tlog-proof")
        try Data(try Self.flipped(String(contentsOf: proofURL, encoding: .utf8)).utf8).write(to: proofURL)
        // Repacked with its manifest hash updated, so only the proof itself is wrong.
        var edited = manifest
        var files = edited["files"] as! [String: String]
        files["proofs/\(id).tlog-proof"] = try sha256(try Data(contentsOf: proofURL))
        edited["files"] = files
        try JSONSerialization.data(withJSONObject: edited, options: [.sortedKeys]).write(
            to: unpacked.appendingPathComponent("manifest.json"))
        let repacked = folder.appendingPathComponent("tampered.tar").path
        let members = try FileManager.default.contentsOfDirectory(atPath: unpacked.path)
        #expect(try run(which("tar")!, ["-cf", repacked, "-C", unpacked.path] + members).status == 0)
        let result = try expectCommand(["dossier", "verify", "--bundle", repacked, "--vkey", vkey], exits: 1)
        #expect(result.stdout.contains("proofs/\(id).tlog-proof"))
    }

    @Test(
        "An independent verifier (Python, from the specifications) accepts every proof of a bundle and refuses a changed one",
        .enabled(if: pythonReady, pythonMissing))
    func independentVerifier() throws {
        let (folder, _, bundle, vkey) = try exported()
        let (unpacked, manifest, entries) = try unpack(bundle, into: folder)
        #expect(entries.count == 5)
        for (id, hash) in entries {
            let proof = unpacked.appendingPathComponent("proofs/\(id).tlog-proof").path
            let result = try run(which("python3")!, [Self.independent, vkey, proof, hash])
            #expect(result.status == 0 && result.stdout.hasPrefix("ok "), "\(id): \(result.stdout)\(result.stderr)")
            // Another entry's hash with this proof: refused.
            let other = entries.first { $0.0 != id }!.1
            #expect(try run(which("python3")!, [Self.independent, vkey, proof, other]).status == 1)
        }
        let proofURL = unpacked.appendingPathComponent("proofs/\(entries[0].0).tlog-proof")
        try Data(try Self.flipped(String(contentsOf: proofURL, encoding: .utf8)).utf8).write(to: proofURL)
        let refused = try run(which("python3")!, [Self.independent, vkey, proofURL.path, entries[0].1])
        #expect(refused.status == 1 && refused.stdout.hasPrefix("invalid"))
    }

    @Test(
        "A consistency proof from a kept checkpoint to a later one: verify and an independent verifier (Python, from RFC 9162) accept it; a changed hash, another start or a store whose covered entry was changed are refused"
    )
    func consistencyProofs() throws {
        let (folder, store, _, vkey) = try exported()
        let kept = folder.appendingPathComponent("kept.checkpoint").path
        try Data(try expectCommand(["dossier", "checkpoint", "--store", store], exits: 0).stdout.utf8).write(
            to: URL(fileURLWithPath: kept))
        // More entries after the kept checkpoint: the tender screened again.
        _ = try expectCommand(["screen", Self.sample, "--store", store, "--reason", "tweede ronde"], exits: 1)
        let proofText = try expectCommand(["dossier", "checkpoint", "--store", store, "--since", kept], exits: 0).stdout
        #expect(proofText.hasPrefix("old "), "\(proofText)")
        let proof = folder.appendingPathComponent("proof.txt").path
        try Data(proofText.utf8).write(to: URL(fileURLWithPath: proof))
        let verified = try expectCommand(
            ["dossier", "verify", "--consistency", proof, "--expect-checkpoint", kept, "--vkey", vkey], exits: 0)
        #expect(verified.stdout.contains("extends the kept checkpoint of"), "\(verified.stdout)")
        if Self.pythonReady {
            let independent = try run(which("python3")!, [Self.independent, "consistency", vkey, kept, proof])
            #expect(independent.status == 0 && independent.stdout.hasPrefix("ok "), "\(independent.stdout)\(independent.stderr)")
        }
        // One bit of a proof hash, or another starting size: refused by both.
        var lines = proofText.components(separatedBy: "\n")
        var hash = try #require(Data(base64Encoded: lines[1]))
        hash[5] ^= 0x01
        lines[1] = hash.base64EncodedString()
        let changed = folder.appendingPathComponent("changed.txt").path
        try Data(lines.joined(separator: "\n").utf8).write(to: URL(fileURLWithPath: changed))
        let oldSize = try #require(Int(proofText.prefix { $0 != "\n" }.dropFirst(4)))
        let shifted = folder.appendingPathComponent("shifted.txt").path
        try Data(proofText.replacingOccurrences(of: "old \(oldSize)\n", with: "old \(oldSize - 1)\n").utf8).write(
            to: URL(fileURLWithPath: shifted))
        for bad in [changed, shifted] {
            let refused = try expectCommand(
                ["dossier", "verify", "--consistency", bad, "--expect-checkpoint", kept, "--vkey", vkey], exits: 1)
            #expect(refused.stdout.hasPrefix("BROKEN: "), "\(refused.stdout)")
            if Self.pythonReady {
                #expect(try run(which("python3")!, [Self.independent, "consistency", vkey, kept, bad]).status == 1)
            }
        }
        // Without the kept checkpoint or the key: a usage error, nothing checked.
        _ = try expectCommand(["dossier", "verify", "--consistency", proof, "--vkey", vkey], exits: 64)
        // A store in which an entry the kept checkpoint covers was changed, by someone who holds the
        // signing key (rows rewritten around the triggers, checkpoints deleted and signed again),
        // gives no proof: the store says why.
        let copy = folder.appendingPathComponent("changed.sqlite").path
        try FileManager.default.copyItem(atPath: store, toPath: copy)
        let python = try #require(which("python3"))
        let rewrite = try run(
            python,
            [
                "-c",
                """
                import sqlite3, sys
                c = sqlite3.connect(sys.argv[1])
                for (name,) in c.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'").fetchall():
                    c.execute("DROP TRIGGER " + name)
                c.execute("UPDATE entries SET entry_hash = '00' || substr(entry_hash, 3) WHERE seq = 1")
                c.execute("DELETE FROM checkpoints")
                c.commit()
                """,
                copy,
            ])
        #expect(rewrite.status == 0, "\(rewrite.stderr)")
        let forked = try expectCommand(["dossier", "checkpoint", "--store", copy, "--since", kept], exits: 2)
        #expect(forked.stderr.contains("does not match this store's first"), "\(forked.stderr)")
    }

    static let localTSA = Paths.repositoryFile("Tests/EndToEndTests/Independent/local_tsa.sh")
    static let tsaTools = which("openssl") != nil && which("faketime") != nil
    static let tsaToolsMissing = Comment(rawValue: "openssl or faketime is not installed: the RFC 3161 time stamps were not tested")

    @Test(
        "An RFC 3161 time stamp of a kept checkpoint, from a local TSA made with OpenSSL: verified offline at its own time, also after the TSA certificate expired; a changed token, one for another checkpoint, one made after the certificate expired or a foreign chain are refused",
        .enabled(if: tsaTools, tsaToolsMissing))
    func timeStamps() throws {
        let (folder, store, bundle, vkey) = try exported()
        let kept = folder.appendingPathComponent("kept.checkpoint")
        let request = folder.appendingPathComponent("kept.tsq").path
        try Data(try expectCommand(["dossier", "checkpoint", "--store", store, "--tsq", request], exits: 0).stdout.utf8).write(to: kept)
        let bash = try #require(which("bash"))
        func tsa(_ arguments: [String]) throws { try Self.tsaRun(bash, arguments) }
        let now = folder.appendingPathComponent("tsa-now").path
        let old = folder.appendingPathComponent("tsa-2020").path
        try tsa(["setup", now])
        try tsa(["setup", old, "2020-01-01 00:00:00"])  // its TSA certificate expired on 31 January 2020
        func stamp(_ tsa: String, _ name: String, at time: String? = nil) throws -> String {
            let response = folder.appendingPathComponent(name).path
            try Self.tsaRun(bash, ["stamp", tsa, request, response] + (time.map { [$0] } ?? []))
            return response
        }
        let current = try stamp(now, "now.tsr")
        let inTime = try stamp(old, "2020-01-10.tsr", at: "2020-01-10 12:00:00")
        let late = try stamp(old, "2020-03-01.tsr", at: "2020-03-01 12:00:00")
        func verify(_ response: String, chain: String, checkpoint: String = kept.path, exits status: Int32) throws -> String {
            try expectCommand(
                [
                    "dossier", "verify", "--bundle", bundle, "--vkey", vkey, "--expect-checkpoint", checkpoint, "--tsr", response,
                    "--tsa-chain", chain + "/ca.pem",
                ], exits: status
            ).stdout
        }
        #expect(try verify(current, chain: now, exits: 0).contains("time stamp: the kept checkpoint existed at"))
        // Made while the TSA certificate was valid: still proves its time after the certificate expired.
        let expired = try verify(inTime, chain: old, exits: 0)
        #expect(expired.contains("existed at 2020-01-10 12:00:0"), "\(expired)")
        #expect(expired.contains("genTime 20200110120000Z"), "\(expired)")
        // Made after the TSA certificate expired: refused.
        #expect(try verify(late, chain: old, exits: 1).contains("BROKEN: the time stamp"))
        // Another authority's chain, a changed byte, another checkpoint: refused.
        #expect(try verify(current, chain: old, exits: 1).contains("BROKEN: the time stamp"))
        var token = try Data(contentsOf: URL(fileURLWithPath: current))
        token[token.count - 5] ^= 0x01
        let changed = folder.appendingPathComponent("changed.tsr").path
        try token.write(to: URL(fileURLWithPath: changed))
        #expect(try verify(changed, chain: now, exits: 1).contains("BROKEN: the time stamp"))
        _ = try expectCommand(["screen", Self.sample, "--store", store, "--reason", "tweede ronde"], exits: 1)
        let other = folder.appendingPathComponent("other.checkpoint")
        try Data(try expectCommand(["dossier", "checkpoint", "--store", store], exits: 0).stdout.utf8).write(to: other)
        #expect(try verify(current, chain: now, checkpoint: other.path, exits: 1).contains("BROKEN: the time stamp"))
        // OpenSSL's own verifier, an independent check of the request and token the product made.
        let openssl = try run(
            try #require(which("openssl")), ["ts", "-verify", "-in", current, "-data", kept.path, "-CAfile", now + "/ca.pem"])
        #expect(openssl.stdout.contains("Verification: OK"), "\(openssl.stdout)\(openssl.stderr)")
        // --tsr without its chain or checkpoint: a usage error.
        _ = try expectCommand(["dossier", "verify", "--store", store, "--tsr", current], exits: 64)
    }

    static func tsaRun(_ bash: String, _ arguments: [String]) throws {
        let result = try run(bash, [localTSA] + arguments)
        try #require(result.status == 0, "local_tsa.sh \(arguments): \(result.stderr)")
    }

    /// The bundle unpacked into `folder/unpacked`, its manifest, and its entries' ids and hashes.
    func unpack(_ bundle: String, into folder: URL) throws -> (URL, [String: Any], [(String, String)]) {
        let unpacked = folder.appendingPathComponent("unpacked")
        try FileManager.default.createDirectory(at: unpacked, withIntermediateDirectories: true)
        #expect(try run(which("tar")!, ["-xf", bundle, "-C", unpacked.path]).status == 0)
        let manifest =
            try JSONSerialization.jsonObject(with: Data(contentsOf: unpacked.appendingPathComponent("manifest.json"))) as! [String: Any]
        let entries = (manifest["entries"] as! [[String: Any]]).map { ($0["id"] as! String, $0["entryHash"] as! String) }
        return (unpacked, manifest, entries)
    }

    /// The proof with one bit of its first hash line flipped.
    static func flipped(_ proof: String) throws -> String {
        var lines = proof.components(separatedBy: "\n")
        let line = try #require(lines.indices.first { $0 > 1 && !lines[$0].isEmpty && !lines[$0].hasPrefix("index") })
        var bytes = try #require(Data(base64Encoded: lines[line]))
        bytes[0] ^= 0x01
        lines[line] = bytes.base64EncodedString()
        return lines.joined(separator: "\n")
    }

    @Test("A second archive appended to a bundle is refused, not verified")
    func appendedArchive() throws {
        let (folder, _, bundle, vkey) = try exported()
        var data = try Data(contentsOf: URL(fileURLWithPath: bundle))
        data.append(try Data(contentsOf: URL(fileURLWithPath: bundle)))
        let doubled = folder.appendingPathComponent("doubled.tar").path
        try data.write(to: URL(fileURLWithPath: doubled))
        _ = try expectCommand(
            ["dossier", "verify", "--bundle", doubled, "--vkey", vkey], exits: 2, stderrContains: "a second archive appended")
    }

    func sha256(_ data: Data) throws -> String {
        let file = try Paths.temporaryDirectory().appendingPathComponent("f")
        try data.write(to: file)
        return String(try run(which("sha256sum")!, [file.path]).stdout.prefix(64))
    }
}

/// The config folder `run` gives every command of this test process.
enum TemporaryConfig {
    static var keys: String {
        let probe = try! Paths.temporaryDirectory()
        return probe.deletingLastPathComponent().appendingPathComponent("config/uea-screen/keys").path
    }
}
