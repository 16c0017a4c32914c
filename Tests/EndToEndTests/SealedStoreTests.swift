import Foundation
import TestSupport
import Testing

/// Criminal-law data at rest (issue 29, domain §9b): the bidders' source files are kept sealed in
/// the store, under a data key that is never in the database.
@Suite("Source files sealed at rest")
struct SealedStoreTests {
    let sample = "samples/zonnepark-lelystad"
    /// The conviction texts of the sample's second bidder (its ESPD, Part III A).
    static let convictionTexts = ["voormalig bestuurder", "compliance-officer aangesteld"]

    /// Whether any of the conviction texts is in the file at `path`.
    func holdsConvictionText(_ path: String) throws -> Bool {
        guard let bytes = FileManager.default.contents(atPath: path) else { return false }
        return Self.convictionTexts.contains { bytes.range(of: Data($0.utf8)) != nil }
    }

    @Test(
        "The store file, its WAL, clear-text bundles and --out hold no conviction text unless --personal-data; verify and export need the data key, a wrong one is refused by its id",
        arguments: TestStores.backends)
    func sealedAtRest(backend: String) throws {
        // The sample's ESPD does hold the texts: the test would find them if they were stored in clear.
        #expect(try holdsConvictionText(sample + "/bidders/2-polder-energie-combinatie/uea-penvoerder.xml"))
        let store = try TestStores.fresh(backend)
        defer { TestStores.drop(store) }
        #expect(try ueaScreen("screen", sample, "--store", store).status == 1)
        if backend == "sqlite" {
            // Before and after a checkpoint: the WAL and the main file.
            for suffix in ["", "-wal", "-shm"] { #expect(try !holdsConvictionText(store + suffix), "\(store + suffix)") }
            #expect(try ueaScreen("dossier", "verify", "--store", store).status == 0)
            for suffix in ["", "-wal"] { #expect(try !holdsConvictionText(store + suffix), "\(store + suffix)") }
        }
        let verified = try ueaScreen("dossier", "verify", "--store", store)
        #expect(verified.status == 0)
        #expect(!verified.stdout.contains("encrypted and were not compared"), "\(verified.stdout)")
        // Every bundle form: a clear-text bundle and its --html folder leave the files of the
        // dossier with criminal-law data out (listed as withheld, verify says so); only
        // --personal-data puts them in, and the access log records which form was written.
        let directory = try Paths.temporaryDirectory()
        let bundle = directory.appendingPathComponent("b.tar").path
        let html = directory.appendingPathComponent("html").path
        let export = try ueaScreen(
            "dossier", "export", "--tender", "PFL-2026-017", "--out", bundle, "--html", html, "--plain", "--store", store)
        #expect(export.status == 0, "\(export.stderr)")
        #expect(export.stderr.contains("files of dossiers with criminal-law data are listed as withheld"), "\(export.stderr)")
        #expect(try !holdsConvictionText(bundle))
        for file in try FileManager.default.subpathsOfDirectory(atPath: html) {
            #expect(try !holdsConvictionText(html + "/" + file), "\(file)")
        }
        let withheld = try ueaScreen("dossier", "verify", "--bundle", bundle)
        #expect(withheld.status == 0, "\(withheld.stdout)")
        #expect(withheld.stdout.contains("files of dossiers with criminal-law data were left out of this clear-text bundle"))
        let full = directory.appendingPathComponent("full.tar").path
        #expect(
            try ueaScreen(
                "dossier", "export", "--tender", "PFL-2026-017", "--out", full, "--plain", "--personal-data", "--store", store
            ).status == 0)
        // The first writer's key opens the sources: the bundle carries them as screened.
        let tar = try #require(FileManager.default.contents(atPath: full))
        let original = try #require(
            FileManager.default.contents(atPath: sample + "/bidders/2-polder-energie-combinatie/uea-penvoerder.xml"))
        #expect(tar.range(of: original) != nil)
        #expect(try ueaScreen("dossier", "verify", "--bundle", full).status == 0)
        let log = try ueaScreen("dossier", "access-log", "--store", store).stdout
        #expect(log.contains("export (plain)  "))
        #expect(log.contains("export (plain, personal data)"))
        // Screening's own output (--out: dossier JSON, Markdown and HTML reports) copies no conviction text.
        let out = directory.appendingPathComponent("out").path
        #expect(try ueaScreen("screen", sample, "--out", out).status == 1)
        for file in try FileManager.default.subpathsOfDirectory(atPath: out) {
            #expect(try !holdsConvictionText(out + "/" + file), "\(file)")
        }

        // Another machine without the key: the chain verifies, with a note; the files cannot be exported.
        let elsewhere = directory.appendingPathComponent("elsewhere").path
        let environment: [String: String?] = ["XDG_CONFIG_HOME": elsewhere]
        let keyless = try run(
            ueaScreenBinary(), ["dossier", "verify", "--store", store], currentDirectory: Paths.repository, environment: environment)
        #expect(keyless.status == 0)
        #expect(keyless.stdout.contains("stored files are encrypted and were not compared with their SHA-256"), "\(keyless.stdout)")
        #expect(keyless.stdout.contains("data key is not on this machine"))
        let refused = try run(
            ueaScreenBinary(), ["dossier", "export", "--tender", "PFL-2026-017", "--out", bundle + "2", "--plain", "--store", store],
            currentDirectory: Paths.repository, environment: environment)
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("data key is not on this machine"), "\(refused.stderr)")
        #expect(!FileManager.default.fileExists(atPath: bundle + "2"))
        // A key of the right form for this store that is not its key: refused by id, nothing read.
        let vkey = try ueaScreen("dossier", "key", "--store", store).stdout
        let origin = String(vkey.prefix { $0 != "+" })
        let wrong = "UEA-DATA-KEY+\(origin)+" + Data((0..<32).map { _ in UInt8.random(in: 0...255) }).base64EncodedString()
        let wrongKey = try run(
            ueaScreenBinary(), ["dossier", "export", "--tender", "PFL-2026-017", "--out", bundle + "3", "--plain", "--store", store],
            currentDirectory: Paths.repository, environment: ["UEA_SCREEN_DATA_KEY": wrong])
        #expect(wrongKey.status == 2)
        #expect(wrongKey.stderr.contains("UEA_SCREEN_DATA_KEY holds data key"), "\(wrongKey.stderr)")
        #expect(!wrongKey.stderr.contains(wrong.suffix(44)), "the key itself is never printed")
        // A screening with a file the store does not hold yet, on the keyless machine, is refused
        // whole: nothing is stored in clear. (A file the store holds is not stored again.)
        let copy = directory.appendingPathComponent("1-zonnebouw-flevoland")
        try FileManager.default.copyItem(
            at: Paths.repository.appendingPathComponent(sample + "/bidders/1-zonnebouw-flevoland"), to: copy)
        let yaml = copy.appendingPathComponent("bidder.yaml")
        try (String(contentsOf: yaml, encoding: .utf8) + "\n# tweede aanlevering\n").write(to: yaml, atomically: true, encoding: .utf8)
        let screen = try run(
            ueaScreenBinary(), ["screen", copy.path, "--tender", sample + "/tender.yaml", "--store", store],
            currentDirectory: Paths.repository, environment: environment)
        #expect(screen.status == 2)
        #expect(screen.stderr.contains("data key is not on this machine"), "\(screen.stderr)")
    }

    @Test(
        "The chain covers each sealed file as stored: one changed byte of a ciphertext or of a wrapped key is found by verify on a machine without the data key, and the entry named"
    )
    func ciphertextInChain() throws {
        let directory = try Paths.temporaryDirectory()
        let store = directory.appendingPathComponent("store.sqlite").path
        #expect(try ueaScreen("screen", sample, "--store", store).status == 1)
        // The smallest sealed file's bytes and wrapped key, read with Python's sqlite3 (the WAL checkpointed into the file first).
        let read = try run(
            try #require(which("python3")),
            [
                "-c",
                """
                import sqlite3, sys
                c = sqlite3.connect(sys.argv[1]); c.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                b, k = c.execute("SELECT bytes, wrapped_key FROM blobs WHERE wrapped_key IS NOT NULL ORDER BY length(bytes) LIMIT 1").fetchone()
                print(bytes(b[20:52]).hex()); print(k[10:40]); c.close()
                """,
                store,
            ])
        let lines = read.stdout.split(separator: "\n").map(String.init)
        try #require(read.status == 0 && lines.count == 2, "\(read.stdout)")
        let ciphertext = Data(
            stride(from: 0, to: lines[0].count, by: 2).compactMap { offset in
                UInt8(lines[0].dropFirst(offset).prefix(2), radix: 16)
            })
        let wrappedKey = Data(lines[1].utf8)
        let keyless: [String: String?] = ["XDG_CONFIG_HOME": directory.appendingPathComponent("elsewhere").path]
        let clean = try run(
            ueaScreenBinary(), ["dossier", "verify", "--store", store], currentDirectory: Paths.repository, environment: keyless)
        #expect(clean.status == 0, "\(clean.stdout)")
        for (name, target) in [("ciphertext", ciphertext), ("wrapped key", wrappedKey)] {
            let copy = directory.appendingPathComponent("\(name.filter(\.isLetter)).sqlite").path
            var bytes = try Data(contentsOf: URL(fileURLWithPath: store))
            let range = try #require(bytes.range(of: target), "\(name)")
            // A letter for a letter (the wrapped key stays base64 text), a byte flipped in the ciphertext.
            bytes[range.lowerBound + 3] = bytes[range.lowerBound + 3] == UInt8(ascii: "A") ? UInt8(ascii: "B") : UInt8(ascii: "A")
            try bytes.write(to: URL(fileURLWithPath: copy))
            let verified = try run(
                ueaScreenBinary(), ["dossier", "verify", "--store", copy], currentDirectory: Paths.repository, environment: keyless)
            #expect(verified.status == 1, "\(name): \(verified.stdout)")
            #expect(
                verified.stdout.contains("as stored (ciphertext or wrapped key) differ from what the entry recorded"),
                "\(name): \(verified.stdout)")
            #expect(verified.stdout.contains("data key is not on this machine"), "\(name): the files were not opened")
        }
    }
}

@Suite("Who may read criminal-law data")
struct CriminalDataReaderTests {
    let sample = "samples/zonnepark-lelystad"

    @Test(
        "Once a team is registered, the files of a dossier with criminal-law data are read by a jurist, secretaris or auditor only; a clear-text bundle without them needs no role",
        arguments: [("beheerder", false), ("inkoopadviseur", false), ("auditor", true), ("jurist", true)])
    func roleGate(role: String, mayRead: Bool) throws {
        let directory = try Paths.temporaryDirectory()
        let store = directory.appendingPathComponent("store.sqlite").path
        #expect(try ueaScreen("screen", sample, "--store", store).status == 1)
        #expect(try ueaScreen("team", "init", "--name", "A. Persoon", "--role", role, "--store", store).status == 0)
        let full = try ueaScreen(
            "dossier", "export", "--tender", "PFL-2026-017", "--out", directory.appendingPathComponent("full.tar").path, "--plain",
            "--personal-data", "--store", store)
        #expect(full.status == (mayRead ? 0 : 2), "\(full.stderr)")
        if !mayRead {
            #expect(full.stderr.contains("hold criminal-law data; reading them needs auditor or jurist or secretaris"), "\(full.stderr)")
            #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("full.tar").path))
        }
        let withheld = try ueaScreen(
            "dossier", "export", "--tender", "PFL-2026-017", "--out", directory.appendingPathComponent("withheld.tar").path, "--plain",
            "--store", store)
        #expect(withheld.status == 0, "\(withheld.stderr)")
    }
}

@Suite("Sealed files opened by an independent implementation")
struct SealedFilesIndependentTests {
    static let script = Paths.repositoryFile("Tests/EndToEndTests/Independent/open_sealed_files.py")

    @Test(
        "Python's ChaCha20-Poly1305 ('cryptography') opens every sealed file with the data key, from the README's description; a flipped ciphertext byte does not open",
        .enabled(if: TransparencyCommandTests.pythonReady, TransparencyCommandTests.pythonMissing))
    func independentOpen() throws {
        let directory = try Paths.temporaryDirectory()
        let store = directory.appendingPathComponent("store.sqlite").path
        #expect(try ueaScreen("screen", "samples/zonnepark-lelystad", "--store", store).status == 1)
        // The data key as the first writer made it: <config>/uea-screen/keys/<origin>.data-key.
        let origin = try ueaScreen("dossier", "key", "--store", store).stdout.prefix { $0 != "+" }
        let name = String(origin.map { $0.isLetter || $0.isNumber || $0 == "." || $0 == "-" ? $0 : "_" }) + ".data-key"
        let key = testConfigFolder + "/uea-screen/keys/" + name
        #expect(FileManager.default.fileExists(atPath: key))
        let python = try #require(which("python3"))
        let opened = try run(python, [Self.script, store, key])
        #expect(opened.status == 0, "\(opened.stdout)")
        // Every source file is sealed (the script fails on one kept in clear) and opens.
        #expect(opened.stdout.hasPrefix("opened "), "\(opened.stdout)")
        let tampered = try run(python, [Self.script, store, key, "--tamper", directory.appendingPathComponent("t.sqlite").path])
        #expect(tampered.status == 1)
        #expect(tampered.stdout.contains("does not open"), "\(tampered.stdout)")
    }
}
