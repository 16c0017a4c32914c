import Foundation
import TestSupport
import Testing

/// Bundles for a named auditor (issue 29): encrypted in the age format to the auditor's key, opened
/// with the real `age` tool (an independent implementation) and by `dossier verify --identity`.
@Suite("Encrypted bundles")
struct AgeBundleTests {
    static let sample = Paths.repositoryFile("samples/zonnepark-lelystad")
    static let ageReady = which("age") != nil && which("age-keygen") != nil
    static let ageMissing = Comment(
        rawValue: "the age tool (Debian package age) is not installed: encrypted bundles were not opened with it")
    /// Texts of the sample's conviction answer: they must never be readable in an encrypted bundle.
    static let convictionTexts = ["voormalig bestuurder", "Bestuurder ontslagen, compliance-officer aangesteld"]

    func keyPair(_ folder: URL, _ name: String) throws -> (identity: String, recipient: String) {
        let key = folder.appendingPathComponent(name).path
        #expect(try run(which("age-keygen")!, ["-o", key]).status == 0)
        let recipient = try run(which("age-keygen")!, ["-y", key]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        return (key, recipient)
    }

    @Test(
        "An export for an auditor is age-encrypted: age opens it, verify --identity checks it, nothing of a conviction is readable",
        .enabled(if: ageReady, ageMissing))
    func encryptedForAuditor() throws {
        let folder = try Paths.temporaryDirectory()
        let store = folder.appendingPathComponent("store.sqlite").path
        _ = try expectCommand(["screen", Self.sample, "--store", store], exits: 1)
        let auditor = try keyPair(folder, "auditor.key")
        let other = try keyPair(folder, "other.key")
        let bundle = folder.appendingPathComponent("bundle.tar.age").path
        _ = try expectCommand(
            ["dossier", "export", "--store", store, "--tender", "PFL-2026-017", "--out", bundle, "--recipient", auditor.recipient], exits: 0
        )
        let sealed = try Data(contentsOf: URL(fileURLWithPath: bundle))
        #expect(sealed.starts(with: Data("age-encryption.org/v1\n".utf8)))
        for text in Self.convictionTexts { #expect(sealed.range(of: Data(text.utf8)) == nil, "\(text) readable in the bundle") }
        // The real age tool opens it, and it is a bundle with the conviction's source inside.
        let clear = folder.appendingPathComponent("bundle.tar").path
        let opened = try run(which("age")!, ["-d", "-i", auditor.identity, "-o", clear, bundle])
        #expect(opened.status == 0, "\(opened.stderr)")
        let listing = try run(which("tar")!, ["-tf", clear])
        #expect(listing.stdout.contains("manifest.json"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: clear)).range(of: Data(Self.convictionTexts[0].utf8)) != nil)
        #expect(try run(which("age")!, ["-d", "-i", other.identity, "-o", clear + ".x", bundle]).status != 0)
        // uea-screen verifies it with the auditor's identity; without one, or with another, it says why (2).
        let vkey = try expectCommand(["dossier", "key", "--store", store], exits: 0).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let verified = try expectCommand(
            ["dossier", "verify", "--bundle", bundle, "--identity", auditor.identity, "--vkey", vkey], exits: 0)
        #expect(("\n" + verified.stdout).contains("\nok: 5 entries"))
        _ = try expectCommand(["dossier", "verify", "--bundle", bundle], exits: 2, stderrContains: "give --identity")
        _ = try expectCommand(
            ["dossier", "verify", "--bundle", bundle, "--identity", other.identity], exits: 2,
            stderrContains: "not encrypted to this identity")
        // A file the real age tool encrypted to the auditor is read the same way (both directions).
        let byAge = folder.appendingPathComponent("by-age.tar.age").path
        #expect(try run(which("age")!, ["-r", auditor.recipient, "-o", byAge, clear]).status == 0)
        _ = try expectCommand(["dossier", "verify", "--bundle", byAge, "--identity", auditor.identity, "--vkey", vkey], exits: 0)
        // One byte changed in the encrypted payload: refused, not verified.
        var changed = sealed
        changed[changed.count - 100] ^= 0x01
        let tampered = folder.appendingPathComponent("tampered.tar.age").path
        try changed.write(to: URL(fileURLWithPath: tampered))
        _ = try expectCommand(
            ["dossier", "verify", "--bundle", tampered, "--identity", auditor.identity], exits: 2, stderrContains: "changed")
        // The access log says how each export was written.
        let log = try expectCommand(["dossier", "access-log", "--store", store], exits: 0)
        #expect(log.stdout.contains("export (age)"))
    }

    @Test("A bundle in clear text is written only on request (--plain), and a recipient that is not an age key is refused")
    func plainOnlyOnRequest() throws {
        let folder = try Paths.temporaryDirectory()
        let store = folder.appendingPathComponent("store.sqlite").path
        _ = try expectCommand(["screen", Self.sample, "--store", store], exits: 1)
        let bundle = folder.appendingPathComponent("b.tar").path
        _ = try expectCommand(
            ["dossier", "export", "--store", store, "--tender", "PFL-2026-017", "--out", bundle], exits: 64, stderrContains: "--recipient")
        #expect(!FileManager.default.fileExists(atPath: bundle))
        _ = try expectCommand(
            ["dossier", "export", "--store", store, "--tender", "PFL-2026-017", "--out", bundle, "--recipient", "age1nope"], exits: 64,
            stderrContains: "not an age X25519 recipient")
        _ = try expectCommand(
            ["dossier", "export", "--store", store, "--tender", "PFL-2026-017", "--html", bundle + ".d"], exits: 64,
            stderrContains: "--plain")
        _ = try expectCommand(["dossier", "export", "--store", store, "--tender", "PFL-2026-017", "--out", bundle, "--plain"], exits: 0)
        #expect(try expectCommand(["dossier", "access-log", "--store", store], exits: 0).stdout.contains("export (plain)"))
    }
}
