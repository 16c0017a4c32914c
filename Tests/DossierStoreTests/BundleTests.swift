import DossierModel
import Foundation
import Reports
import TestSupport
import Testing

@testable import DossierStore
@testable import Screening

@Suite("Export bundles")
struct BundleTests {
    static let renderer = try! ReportRenderer(directory: Paths.repositoryFile("templates"))

    func storeWithSample(_ backend: String = "sqlite") throws -> (any DossierStore, String) {
        let location = try TestStores.fresh(backend)
        let store = try StoreLocation.open(location, create: true)
        let tests = StoreTests()
        for dossier in try tests.dossiers() {
            _ = try store.append(dossier, json: try tests.json(dossier), by: "a", reason: nil, now: Date())
        }
        return (store, location)
    }

    func archive(_ files: [String: Data]) -> Data { Tar.archive(files.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }) }

    func encode(_ manifest: DossierBundle.Manifest) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return try encoder.encode(manifest)
    }

    @Test("A bundle carries its templates: a later release with other templates verifies its reports with the bundle's own")
    func bundledTemplates() throws {
        let (store, _) = try storeWithSample()
        let id = try #require(try store.entries(StoreFilter(bidder: "Sunrise PV Trading")).first?.id)
        let bundle = try DossierBundle.export(store: store, ids: [id], renderer: Self.renderer, language: .nl)
        let files = try Tar.extract(bundle)
        for name in ReportRenderer.fileNames { #expect(files["templates/" + name] == Self.renderer.templateFiles[name], "\(name)") }
        // The installed templates of a later release: another heading.
        var changed = Self.renderer.templateFiles
        changed["report.html.mustache"] = Data(
            String(decoding: changed["report.html.mustache"]!, as: UTF8.self)
                .replacingOccurrences(of: "<h1", with: "<h1 class=\"later\"").utf8)
        let later = try ReportRenderer(files: changed)
        let withOwn = try DossierBundle.verify(bundle, renderer: later, makeRenderer: ReportRenderer.factory)
        #expect(withOwn.ok, "\(withOwn.broken)")
        #expect(withOwn.notes?.contains { $0.contains("rendered by") } != true)
        // Checked against the later templates instead (what verify did before), every report would be "broken".
        let against = try DossierBundle.verify(bundle, renderer: later)
        #expect(against.broken.count == 1)
        #expect(against.broken.first?.reason.contains("is not the report of the dossier") == true)
        // A template changed inside the bundle is found by its hash.
        var tampered = files
        tampered["templates/labels.yaml"] = Data((String(decoding: files["templates/labels.yaml"]!, as: UTF8.self) + "\n# x\n").utf8)
        let report = try DossierBundle.verify(archive(tampered), renderer: later, makeRenderer: ReportRenderer.factory)
        #expect(report.broken.contains { $0.reason == "templates/labels.yaml does not match its SHA-256" }, "\(report.broken)")
    }

    @Test("The index page is written by the templates in the bundle's language: Dutch labels, dates and outcomes, links to the reports")
    func indexPage() throws {
        let (store, location) = try storeWithSample()
        defer { TestStores.drop(location) }
        let ids = try store.entries(StoreFilter()).map(\.id)
        let files = try Tar.extract(try DossierBundle.export(store: store, ids: ids, renderer: Self.renderer, language: .nl))
        let page = String(decoding: try #require(files["index.html"]), as: UTF8.self)
        #expect(page.contains("<html lang=\"nl\">"))
        #expect(page.contains("Keten van het dossierregister bij de export gecontroleerd: "))
        #expect(page.range(of: #"<td>\d{1,2} [a-z]+ \d{4}</td>"#, options: .regularExpression) != nil)
        #expect(page.range(of: #"\d{4}-\d{2}-\d{2}"#, options: .regularExpression) == nil)
        #expect(page.contains("<a href=\"reports/\(ids[0]).html\">"))
        #expect(!page.contains("purged") && !page.contains("chain verified"))
        #expect(files["templates/index.html.mustache"] != nil)
        let english = try Tar.extract(try DossierBundle.export(store: store, ids: ids, renderer: Self.renderer, language: .en))
        #expect(String(decoding: try #require(english["index.html"]), as: UTF8.self).contains("Store chain verified at export: "))
        // The tender's own dossier, a purged entry and a broken chain, as the page says them.
        let other = Self.renderer.bundleIndex(
            BundleIndex(
                rows: [
                    .init(bidder: nil, tender: "T-1", screenedOn: "2026-03-01", outcome: .clean, purged: false, report: nil, hash: "f"),
                    .init(bidder: "C", tender: "T-1", screenedOn: "2020-01-02", outcome: .attention, purged: true, report: nil, hash: "a"),
                ], language: .nl, chainLength: 1, headHash: "h", problems: ["entry 2: hash differs"], earlierForm: false))
        #expect(other.contains("<td>Dossier van de aanbesteding</td><td>T-1</td><td>1 maart 2026</td><td>geen bevindingen</td>"))
        #expect(other.contains("<td>C</td><td>T-1</td><td>2 januari 2020</td><td>verwijderd (bewaartermijn verstreken)</td>"))
        #expect(other.contains("<p class=\"broken\">KETEN GEBROKEN bij de export: entry 2: hash differs</p>"))
    }

    @Test("A bundle whose templates have no index template carries the earlier page, and verifies with it byte for byte")
    func earlierIndexPage() throws {
        let (store, location) = try storeWithSample()
        defer { TestStores.drop(location) }
        let ids = try store.entries(StoreFilter()).map(\.id)
        var files = try Tar.extract(try DossierBundle.export(store: store, ids: ids, renderer: Self.renderer, language: .nl))
        var manifest = try JSONDecoder().decode(DossierBundle.Manifest.self, from: files["manifest.json"]!)
        // As a release before the index template exported it.
        files["templates/index.html.mustache"] = nil
        manifest.files["templates/index.html.mustache"] = nil
        manifest.templates = manifest.templates?.filter { $0 != "index.html.mustache" }
        let earlier = Data(Self.renderer.bundleIndex(DossierBundle.indexData(manifest)).utf8)
        #expect(String(decoding: earlier, as: UTF8.self).contains("Keten bij export gecontroleerd / chain verified at export: "))
        files["index.html"] = earlier
        manifest.files["index.html"] = SHA256.hex(earlier)
        files["manifest.json"] = try encode(manifest)
        let report = try DossierBundle.verify(archive(files), renderer: Self.renderer, makeRenderer: ReportRenderer.factory)
        #expect(report.ok, "\(report.broken)")
        // The current page in its place is not the page that bundle gives.
        files["index.html"] = try Tar.extract(try DossierBundle.export(store: store, ids: ids, renderer: Self.renderer, language: .nl))[
            "index.html"]
        manifest.files["index.html"] = SHA256.hex(files["index.html"]!)
        files["manifest.json"] = try encode(manifest)
        let swapped = try DossierBundle.verify(archive(files), renderer: Self.renderer, makeRenderer: ReportRenderer.factory)
        #expect(swapped.broken.map(\.reason) == ["index.html is not the page these dossiers give"])
    }

    @Test("The earlier index page is the one releases before the template wrote, byte for byte (golden)")
    func earlierIndexGolden() {
        let index = BundleIndex(
            rows: [
                .init(
                    bidder: "A & B <B.V.>", tender: "T-1", screenedOn: "2026-03-01", outcome: .blocker, purged: false,
                    report: "reports/ab.html", hash: "0123456789abcdef"),
                .init(
                    bidder: nil, tender: "T-1", screenedOn: "2026-03-01", outcome: .clean, purged: false, report: nil,
                    hash: "fedcba9876543210"),
                .init(
                    bidder: "C", tender: "T-1", screenedOn: "2020-01-02", outcome: .attention, purged: true, report: nil,
                    hash: "00000000000000aa"),
            ], language: .en, chainLength: 7, headHash: "h", problems: [], earlierForm: true)
        let expected = """
            <!DOCTYPE html><html lang="nl"><head><meta charset="utf-8"><title>Dossiers</title>
            <style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto}td,th{padding:.2rem .8rem;text-align:left}</style></head>
            <body><h1>Screeningsdossiers / screening dossiers</h1><p>Keten bij export gecontroleerd / chain verified at export: 7 entries, head h</p>
            <p>Controleer deze bundel met <code>uea-screen dossier verify --bundle FILE --expect-head HASH</code>, met de kop uit het dossier van de aanbesteding.</p>
            <table><tr><th>Inschrijver</th><th>Aanbesteding</th><th>Datum</th><th>Uitkomst</th><th>Hash</th></tr>\
            <tr><td><a href="reports/ab.html">A &amp; B &lt;B.V.&gt;</a></td><td>T-1</td><td>2026-03-01</td><td>blocker</td><td><code>0123456789abcdef</code></td></tr>\
            <tr><td>Aanbesteding / tender</td><td>T-1</td><td>2026-03-01</td><td>clean</td><td><code>fedcba9876543210</code></td></tr>\
            <tr><td>C</td><td>T-1</td><td>2020-01-02</td><td>verwijderd / purged</td><td><code>00000000000000aa</code></td></tr>\
            </table></body></html>
            """
        #expect(Self.renderer.bundleIndex(index) == expected)
    }

    @Test("Without report templates a bundle has no readable pages: no index, no reports, and it verifies")
    func withoutTemplates() throws {
        let (store, location) = try storeWithSample()
        defer { TestStores.drop(location) }
        let ids = try store.entries(StoreFilter()).map(\.id)
        let bundle = try DossierBundle.export(store: store, ids: ids, renderer: nil, language: .nl)
        let files = try Tar.extract(bundle)
        #expect(files["index.html"] == nil)
        #expect(!files.keys.contains { $0.hasPrefix("reports/") || $0.hasPrefix("templates/") })
        let report = try DossierBundle.verify(bundle, renderer: nil)
        #expect(report.ok, "\(report.broken)")
    }

    @Test(
        "The manifest written piece by piece is the same JSON as the synthesized encoding, every field present (a field added to the manifest and not to its writer fails here)"
    )
    func manifestPieceByPiece() throws {
        let (store, location) = try storeWithSample()
        defer { TestStores.drop(location) }
        let ids = try store.entries(StoreFilter()).map(\.id)
        let bundle = try DossierBundle.export(store: store, ids: ids, renderer: Self.renderer, language: .nl)
        var manifest = try JSONDecoder().decode(DossierBundle.Manifest.self, from: try #require(try Tar.extract(bundle)["manifest.json"]))
        // Every optional field set, so that none is compared as absent on both sides.
        manifest.templates = manifest.templates ?? ["report.html.mustache"]
        manifest.renderedBy = manifest.renderedBy ?? "0.0.0"
        manifest.vkey = manifest.vkey ?? "a+b+c"
        manifest.checkpoint = manifest.checkpoint ?? "checkpoint"
        manifest.coverage = manifest.coverage ?? []
        manifest.people = manifest.people ?? []
        manifest.awards = manifest.awards ?? []
        manifest.decisions = manifest.decisions ?? []
        manifest.storeProblems = ["entry 1: \"quoted\" and \\ and é"]
        let mirror = Mirror(reflecting: manifest)
        #expect(mirror.children.allSatisfy { child in (child.value as Any?).map { "\($0)" != "nil" } ?? false })
        let piecewise = try JSONSerialization.jsonObject(with: try manifest.encoded()) as? NSDictionary
        let whole = try JSONSerialization.jsonObject(with: try encode(manifest)) as? NSDictionary
        #expect(piecewise != nil)
        #expect(piecewise == whole)
        #expect(piecewise?.count == mirror.children.count)
    }

    @Test("A bundle verifies without the store and is a tar the system tar reads", arguments: TestStores.backends)
    func roundTrip(backend: String) throws {
        let (store, location) = try storeWithSample(backend)
        defer { TestStores.drop(location) }
        let id = try #require(try store.entries(StoreFilter(bidder: "Sunrise PV Trading")).first?.id)
        let bundle = try DossierBundle.export(store: store, ids: [id], renderer: Self.renderer, language: .en)
        let report = try DossierBundle.verify(bundle, renderer: Self.renderer)
        #expect(report.ok, "\(report.broken)")
        #expect(report.entries == 4)
        #expect(report.headHash == (try store.verify().headHash))
        // Without the templates the reports cannot be checked: that is said, not passed over.
        #expect(
            try DossierBundle.verify(bundle, renderer: nil).broken.map(\.reason) == [
                "the reports cannot be checked: report templates not found (pass --templates)"
            ])
        let files = try Tar.extract(bundle)
        #expect(files["index.html"].map { String(decoding: $0, as: UTF8.self) }?.contains("Sunrise PV Trading GmbH") == true)
        #expect(files.keys.contains { $0.hasPrefix("sources/") && $0.hasSuffix("espd.xml") })
        // Only the exported dossier's data is in the bundle: other bidders appear as hashes in the chain.
        #expect(!files.values.contains { String(decoding: $0, as: UTF8.self).contains("Bouwgroep De Vries") })
        let path = try Paths.temporaryDirectory().appendingPathComponent("bundle.tar").path
        try bundle.write(to: URL(fileURLWithPath: path))
        let listing = try run(which("tar")!, ["-tf", path])
        #expect(listing.stdout.contains("manifest.json"))
        #expect(listing.stdout.contains("reports/\(id).html"))
    }

    @Test(
        "One changed byte in a bundled dossier or source file is found, also when the manifest's file hash is rewritten",
        arguments: ["dossiers/", "sources/"])
    func tamper(prefix: String) throws {
        let (store, location) = try storeWithSample()
        defer { TestStores.drop(location) }
        let ids = try store.entries(StoreFilter()).map(\.id)
        var files = try Tar.extract(try DossierBundle.export(store: store, ids: ids, renderer: nil, language: .nl))
        let name = try #require(files.keys.sorted().first { $0.hasPrefix(prefix) })
        var data = try #require(files[name])
        data[data.count / 2] ^= 0x20
        files[name] = data
        #expect(try DossierBundle.verify(archive(files)).broken.contains { $0.reason.contains(name) })
        var manifest = try JSONDecoder().decode(DossierBundle.Manifest.self, from: files["manifest.json"]!)
        manifest.files[name] = SHA256.hex(data)
        files["manifest.json"] = try encode(manifest)
        let rewritten = try DossierBundle.verify(archive(files))
        #expect(rewritten.broken.contains { $0.reason.contains("SHA-256") || $0.reason.contains("changed") })
    }

    /// The attack of the issue: a blocker dossier turned clean, its hashes, the chain after it,
    /// the index, its report and the manifest all recomputed. The bundle is then consistent, so
    /// it verifies on its own, but its head is not the store's: the recorded head catches it.
    @Test("A blocker dossier rewritten as clean, with every hash recomputed, fails against the recorded head")
    func forgedOutcome() throws {
        let (store, location) = try storeWithSample()
        defer { TestStores.drop(location) }
        let realHead = try store.verify().headHash
        let ids = try store.entries(StoreFilter()).map(\.id)
        var files = try Tar.extract(try DossierBundle.export(store: store, ids: ids, renderer: Self.renderer, language: .nl))
        var manifest = try JSONDecoder().decode(DossierBundle.Manifest.self, from: files["manifest.json"]!)
        let index = try #require(manifest.entries.firstIndex { $0.outcome == .blocker })
        var entry = manifest.entries[index]
        let name = "dossiers/\(entry.id).json"
        var dossier = try JSONDecoder().decode(Dossier.self, from: files[name]!)
        dossier.findings.removeAll { $0.severity == .blocker }
        dossier.summary.outcome = .clean
        dossier.summary.blocker = 0
        let forged = try StoreTests().json(dossier)
        files[name] = forged
        entry.outcome = .clean
        entry.blocker = 0
        entry.contentSHA256 = SHA256.hex(forged)
        entry.entryHash = entry.computedHash
        manifest.entries[index] = entry
        var previous = ChainedDossierStore.zeroHash
        for (position, link) in manifest.chain.enumerated() {
            var link = link
            if link.seq == entry.seq { link.fieldsHash = entry.fieldsHash }
            link.entryHash = StoredEntry.chainHash(prev: previous, fieldsHash: link.fieldsHash)
            manifest.chain[position] = link
            if let exported = manifest.entries.firstIndex(where: { $0.seq == link.seq }) {
                manifest.entries[exported].prevHash = previous
                manifest.entries[exported].entryHash = link.entryHash
            }
            previous = link.entryHash
        }
        manifest.storeHeadHash = previous
        files["reports/\(entry.id).html"] = try DossierBundle.report(forged, renderer: Self.renderer, language: .nl)
        files["index.html"] = Data(Self.renderer.bundleIndex(DossierBundle.indexData(manifest)).utf8)
        for (file, data) in files where file != "manifest.json" { manifest.files[file] = SHA256.hex(data) }
        files["manifest.json"] = try encode(manifest)
        let alone = try DossierBundle.verify(archive(files), renderer: Self.renderer)
        #expect(alone.ok)  // consistent in itself …
        #expect(alone.headHash != realHead)  // … but not the store's chain
        let against = try DossierBundle.verify(archive(files), renderer: Self.renderer, expectHead: realHead)
        #expect(against.broken.map(\.reason).contains { $0.contains("expected head") })
    }

    @Test("A replaced report or index page, or a file the manifest does not list, fails verify", arguments: ["report", "index", "extra"])
    func replacedPages(what: String) throws {
        let (store, location) = try storeWithSample()
        defer { TestStores.drop(location) }
        let ids = try store.entries(StoreFilter()).map(\.id)
        var files = try Tar.extract(try DossierBundle.export(store: store, ids: ids, renderer: Self.renderer, language: .nl))
        var manifest = try JSONDecoder().decode(DossierBundle.Manifest.self, from: files["manifest.json"]!)
        let page = Data("<html><body>Alle inschrijvers zijn schoon.</body></html>".utf8)
        let name = what == "report" ? "reports/\(ids[0]).html" : what == "index" ? "index.html" : "reports/extra.html"
        files[name] = page
        if what != "extra" { manifest.files[name] = SHA256.hex(page) }
        files["manifest.json"] = try encode(manifest)
        let report = try DossierBundle.verify(archive(files), renderer: Self.renderer)
        #expect(report.broken.count == 1)
        #expect(
            report.broken.first?.reason.contains(
                what == "report" ? "is not the report" : what == "index" ? "is not the page" : "not in its manifest") == true)
    }

    /// A header as the writer makes it, with the type byte, name or size field replaced.
    func craftedMember(name: String, type: UInt8, size: String? = nil, body: Data = Data()) -> Data {
        var data = Tar.archive([(name, body)])
        data.removeLast(1024)  // the end marker
        data[156] = type
        if let size {
            let field = Array(size.utf8) + [UInt8](repeating: 0, count: 12 - size.utf8.count)
            data.replaceSubrange(124..<136, with: field)
        }
        data.replaceSubrange(148..<156, with: [UInt8](repeating: 0x20, count: 8))
        let sum = data.prefix(512).reduce(0) { $0 + Int($1) }
        data.replaceSubrange(148..<156, with: Array(String(sum, radix: 8).leftPadded(to: 6).utf8) + [0, 0x20])
        return data
    }

    @Test(
        "Crafted archives are refused with a clear error, never a trap or a loop",
        arguments: [
            "link", "hardlink", "contiguous", "negative", "negative-dir", "huge", "duplicate", "outside", "absolute",
        ])
    func craftedArchives(kind: String) throws {
        let (store, location) = try storeWithSample()
        defer { TestStores.drop(location) }
        let honest = try DossierBundle.export(
            store: store, ids: [try store.entries(StoreFilter()).first!.id], renderer: Self.renderer, language: .nl)
        var bundle = honest
        bundle.removeLast(1024)
        switch kind {
        case "link": bundle += craftedMember(name: "index.html", type: UInt8(ascii: "2"))
        case "hardlink": bundle += craftedMember(name: "index.html", type: UInt8(ascii: "1"))
        case "contiguous": bundle += craftedMember(name: "index.html", type: UInt8(ascii: "7"), body: Data("<h1>schoon</h1>".utf8))
        case "negative": bundle += craftedMember(name: "x.html", type: UInt8(ascii: "0"), size: "-1")
        case "negative-dir": bundle += craftedMember(name: "x/", type: UInt8(ascii: "5"), size: "-1000")
        case "huge": bundle += craftedMember(name: "x.html", type: UInt8(ascii: "0"), size: "77777777777")
        case "duplicate": bundle += craftedMember(name: "index.html", type: UInt8(ascii: "0"), body: Data("<h1>schoon</h1>".utf8))
        case "outside": bundle += craftedMember(name: "../index.html", type: UInt8(ascii: "0"))
        default: bundle += craftedMember(name: "/tmp/index.html", type: UInt8(ascii: "0"))
        }
        bundle += Data(count: 1024)
        #expect(throws: Tar.FormatError.self) { try DossierBundle.verify(bundle) }
        // The command says so on one line and exits 2.
        let path = try Paths.temporaryDirectory().appendingPathComponent("crafted.tar").path
        try bundle.write(to: URL(fileURLWithPath: path))
        let result = try run(ueaScreenBinary(), ["dossier", "verify", "--bundle", path])
        #expect(result.status == 2)
        #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
    }

    @Test("A source with a long non-ASCII file name is exported whole (pax) and the bundle verifies")
    func longNames() throws {
        let directory = try Paths.temporaryDirectory()
        let bidder = directory.appendingPathComponent("bidder")
        try FileManager.default.createDirectory(at: bidder, withIntermediateDirectories: true)
        let espd = try #require(
            try FileManager.default.contentsOfDirectory(atPath: StoreTests.sample + "/bidders/3-sunrise-pv-trading").first {
                $0.hasSuffix(".xml")
            })
        let longName = String(repeating: "Uniform-Europees-Aanbestedingsdocument-inschrijver-ü", count: 3) + ".xml"
        try FileManager.default.copyItem(
            atPath: StoreTests.sample + "/bidders/3-sunrise-pv-trading/" + espd, toPath: bidder.appendingPathComponent(longName).path)
        let context = ScreeningContext(
            submission: try Submission.load(bidder.path), tender: TenderContext(), tenderFilePath: nil, request: nil,
            rules: StoreTests.rules)
        let dossier = Screener().dossier(context, extraSources: [])
        let store = try StoreLocation.open(try TestStores.fresh("sqlite"), create: true)
        let entry = try store.append(dossier, json: try StoreTests().json(dossier), by: "a", reason: nil, now: Date())
        let bundle = try DossierBundle.export(store: store, ids: [entry.id], renderer: Self.renderer, language: .nl)
        let report = try DossierBundle.verify(bundle, renderer: Self.renderer)
        #expect(report.ok, "\(report.broken)")
        let path = directory.appendingPathComponent("long.tar").path
        try bundle.write(to: URL(fileURLWithPath: path))
        let listing = try run(which("tar")!, ["-tf", path])
        #expect(listing.stdout.contains(String(longName.prefix(60))), "\(listing.stdout)")
    }
}
