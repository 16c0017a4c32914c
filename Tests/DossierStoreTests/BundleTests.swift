import Foundation
import Testing
import TestSupport
@testable import DossierStore
@testable import Screening

@Suite("Export bundles")
struct BundleTests {
    func storeWithSample(_ backend: String = "sqlite") throws -> any DossierStore {
        let store = try StoreLocation.open(try TestStores.fresh(backend), create: true)
        let tests = StoreTests()
        for dossier in try tests.dossiers() { _ = try store.append(dossier, json: try tests.json(dossier), by: "a", reason: nil, now: Date()) }
        return store
    }

    @Test("A bundle verifies without the store and is a tar the system tar reads", arguments: TestStores.backends)
    func roundTrip(backend: String) throws {
        let store = try storeWithSample(backend)
        let id = try #require(try store.entries(StoreFilter(bidder: "Sunrise PV Trading")).first?.id)
        let bundle = try DossierBundle.export(store: store, ids: [id], renderer: try ReportRenderer(directory: Paths.repositoryFile("templates")), language: .en)
        let report = try DossierBundle.verify(bundle)
        #expect(report.ok)
        #expect(report.entries == 4)
        #expect(report.headHash == (try store.verify().headHash))
        let files = try Tar.extract(bundle)
        #expect(files["index.html"].map { String(decoding: $0, as: UTF8.self) }?.contains("Sunrise PV Trading GmbH") == true)
        #expect(files.keys.contains { $0.hasPrefix("sources/\(id)/") && $0.hasSuffix("espd.xml") })
        // Only the exported dossier's data is in the bundle: other bidders appear as hashes in the chain.
        #expect(!files.values.contains { String(decoding: $0, as: UTF8.self).contains("Bouwgroep De Vries") })
        let path = try Paths.temporaryDirectory().appendingPathComponent("bundle.tar").path
        try bundle.write(to: URL(fileURLWithPath: path))
        let listing = try run(which("tar")!, ["-tf", path])
        #expect(listing.stdout.contains("manifest.json"))
        #expect(listing.stdout.contains("reports/\(id).html"))
    }

    @Test("One changed byte in a bundled dossier or source file is found", arguments: ["dossiers/", "sources/"])
    func tamper(prefix: String) throws {
        let store = try storeWithSample()
        let ids = try store.entries(StoreFilter()).map(\.id)
        var files = try Tar.extract(try DossierBundle.export(store: store, ids: ids, renderer: nil, language: .nl))
        let name = try #require(files.keys.sorted().first { $0.hasPrefix(prefix) })
        var data = try #require(files[name])
        data[data.count / 2] ^= 0x20
        files[name] = data
        let tampered = Tar.archive(files.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })
        let report = try DossierBundle.verify(tampered)
        #expect(report.firstBroken?.reason.contains(name) == true)
        // Also rewriting the manifest's file hash does not help: the entry hash chain still disagrees.
        var manifest = try JSONDecoder().decode(DossierBundle.Manifest.self, from: files["manifest.json"]!)
        manifest.files[name] = SHA256.hex(data)
        files["manifest.json"] = try JSONEncoder().encode(manifest)
        let rewritten = try DossierBundle.verify(Tar.archive(files.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }))
        #expect(rewritten.firstBroken?.reason.contains("SHA-256") == true || rewritten.firstBroken?.reason.contains("changed") == true)
        #expect(rewritten.firstBroken != nil)
    }
}
