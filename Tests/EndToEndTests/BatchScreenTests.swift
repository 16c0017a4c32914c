import Foundation
import TestSupport
import Testing

@Suite("uea-screen screen on a folder of submissions")
struct BatchScreenTests {
    /// A folder with one XML per bidder: ESPD responses of every generation and one broken file.
    func batchFolder() throws -> URL {
        let directory = try Paths.temporaryDirectory()
        let files = [
            "espd-service-v1/response/v20161101/espd-response-20161101-full.xml", "edm-v2.0.2/REGULATED-ESPD-Response_2.0.2.xml",
            "edm-v2.1.1/BASIC-ESPDResponse-2.1.1.xml", "edm-v3.3.0/ESPD-Response.xml", "edm-v4.1.0/ESPD-Response.xml",
            "edm-v2.1.0/Lots-SelfContained-Response_V2.1.0.xml",
        ]
        for (index, file) in files.enumerated() {
            try FileManager.default.copyItem(
                atPath: Paths.corpusFile(file), toPath: directory.appendingPathComponent("bidder-\(index + 1).xml").path)
        }
        return directory
    }

    @Test("A bidder folder with a PDF instead of XML does not vanish: it is refused by name, counted, and the run exits 2")
    func pdfInsteadOfXML() throws {
        let directory = try Paths.temporaryDirectory()
        let tender = directory.appendingPathComponent("tender")
        try FileManager.default.copyItem(atPath: Paths.repositoryFile("samples/zonnepark-lelystad"), toPath: tender.path)
        let pdfBidder = tender.appendingPathComponent("bidders/5-pdf-only")
        try FileManager.default.createDirectory(at: pdfBidder, withIntermediateDirectories: true)
        try Data("%PDF-1.4\n".utf8).write(to: pdfBidder.appendingPathComponent("uea.pdf"))
        let result = try ueaScreen("screen", tender.path)
        #expect(result.status == 2)
        #expect(result.stdout.contains("4 van 5 inschrijvers gescreend"))
        #expect(result.stderr.contains("5-pdf-only: folder holds no ESPD response (*.xml); found: uea.pdf"))
    }

    @Test("A symbolic link, a FIFO or a supply-chain path out of the folder is refused by name, without hanging or reading the target")
    func linksAndPipes() throws {
        let directory = try Paths.temporaryDirectory()
        let sample = Paths.repositoryFile("samples/zonnepark-lelystad/bidders/1-zonnebouw-flevoland")
        func bidder(_ name: String) throws -> URL {
            let folder = directory.appendingPathComponent(name)
            try FileManager.default.copyItem(atPath: sample, toPath: folder.path)
            return folder
        }
        let linked = try bidder("linked")
        try FileManager.default.removeItem(at: linked.appendingPathComponent("bidder.yaml"))
        try FileManager.default.createSymbolicLink(
            atPath: linked.appendingPathComponent("bidder.yaml").path, withDestinationPath: "/etc/hostname")
        let piped = try bidder("piped")
        #expect(mkfifo(piped.appendingPathComponent("x.xml").path, 0o600) == 0)
        let escaping = try bidder("escaping")
        let yaml = try String(contentsOf: escaping.appendingPathComponent("bidder.yaml"), encoding: .utf8)
        try yaml.replacingOccurrences(of: "supplyChain: supply-chain.csv", with: "supplyChain: ../../elsewhere.csv")
            .write(to: escaping.appendingPathComponent("bidder.yaml"), atomically: true, encoding: .utf8)
        let result = try ueaScreen("screen", linked.path, piped.path, escaping.path)
        #expect(result.status == 2)
        #expect(result.stderr.contains("linked/bidder.yaml: is a symbolic link"))
        #expect(result.stderr.contains("piped/x.xml: is not a regular file"))
        #expect(result.stderr.contains("supplyChain: '../../elsewhere.csv' must name a file in the bidder's folder"))
    }

    @Test("A bidder folder inside a tender folder is screened with that tender, and says so")
    func tenderAboveBidder() throws {
        let result = try ueaScreen("screen", Paths.repositoryFile("samples/zonnepark-lelystad/bidders/1-zonnebouw-flevoland"))
        #expect(result.status == 0)
        #expect(result.stderr.contains("using the tender file"))
        #expect(result.stdout.hasPrefix("AANBESTEDING PFL-2026-017"))
        // A single ESPD deeper inside finds it too, and the first output line names the file.
        let file = try ueaScreen("screen", Paths.repositoryFile("samples/zonnepark-lelystad/bidders/1-zonnebouw-flevoland/uea.xml"))
        #expect(file.stdout.split(separator: "\n").first?.hasSuffix("zonnepark-lelystad/tender.yaml)") == true)
    }

    @Test("An espdRequest path that leaves the tender's folder is refused with its line")
    func requestOutsideTender() throws {
        let directory = try Paths.temporaryDirectory()
        let tender = directory.appendingPathComponent("tender.yaml")
        let text = try String(contentsOfFile: Paths.repositoryFile("samples/zonnepark-lelystad/tender.yaml"), encoding: .utf8)
            .replacingOccurrences(of: "espdRequest: espd-request.xml", with: "espdRequest: ../../etc/espd-request.xml")
        try text.write(to: tender, atomically: true, encoding: .utf8)
        let result = try ueaScreen(
            "screen", "--tender", tender.path, Paths.repositoryFile("samples/zonnepark-lelystad/bidders/1-zonnebouw-flevoland"))
        #expect(result.status == 2)
        #expect(result.stderr.contains("espdRequest: '../../etc/espd-request.xml' must name a file in the tender's folder"))
    }

    @Test(
        "--each-file screens every XML as a bidder, in parallel, in input order; the broken one is listed",
        .enabled(if: Paths.hasCorpus, Paths.corpusMissing))
    func eachFile() throws {
        let folder = try batchFolder()
        let result = try ueaScreen("screen", "--each-file", "--jobs", "2", folder.path)
        #expect(result.status == 2)  // one file refused
        let heads = result.stdout.split(separator: "\n").filter { $0.first?.isUppercase == true }
        #expect(heads.count == 5)
        #expect(heads[0].contains("Ben larbi") && heads[4].contains("__Procurer Official Name__"))
        #expect(result.stdout.contains("5 van 6 inschrijvers gescreend"))
        #expect(result.stdout.contains("bidder-6.xml"))
        #expect(result.stderr.contains("bidder-6.xml:523:"))
        // The same order with one worker.
        let serial = try ueaScreen("screen", "--each-file", "--jobs", "1", folder.path)
        #expect(serial.stdout == result.stdout)
    }

    @Test("Without --each-file a folder of XML files is one bidder (a consortium)", .enabled(if: Paths.hasCorpus, Paths.corpusMissing))
    func folderIsOneBidder() throws {
        let folder = try batchFolder()
        try FileManager.default.removeItem(at: folder.appendingPathComponent("bidder-6.xml"))
        let result = try ueaScreen("screen", folder.path)
        #expect(result.stdout.split(separator: "\n").filter { $0.first?.isUppercase == true }.count == 1)
    }

    @Test("Nested bidder folders are found; --out writes one set of files per bidder", .enabled(if: Paths.hasCorpus, Paths.corpusMissing))
    func nested() throws {
        let root = try Paths.temporaryDirectory()
        for name in ["a/one", "a/two", "b/three"] {
            let folder = root.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try FileManager.default.copyItem(
                atPath: Paths.corpusFile("edm-v4.1.0/ESPD-Response.xml"), toPath: folder.appendingPathComponent("espd.xml").path)
        }
        let out = try Paths.temporaryDirectory()
        let result = try ueaScreen("screen", root.path, "--out", out.path, "--format", "json")
        let dossiers = try #require(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        #expect(dossiers.count == 3)
        let files = try FileManager.default.contentsOfDirectory(atPath: out.path).filter { $0.hasSuffix(".dossier.json") }.sorted()
        #expect(files == ["one.dossier.json", "three.dossier.json", "two.dossier.json"])
    }
}

/// A bidder writes its own name: it must not rewrite a terminal line, forge a line, or turn into a
/// heading, a table cell or HTML in a report (issue 16).
@Suite("Names cannot inject into output")
struct InjectionTests {
    /// A line feed and a carriage return are text a name may carry (and must not act); an escape
    /// character is a control character, refused where it is read (`escapeRefused`).
    func hostileBidder(name: String = "Evil B.V.\\n# Uitkomst: SCHOON\\rCLEAN | x <img src=x onerror=alert(1)> R&amp;D") throws -> URL {
        let directory = try Paths.temporaryDirectory().appendingPathComponent("evil")
        try FileManager.default.copyItem(
            atPath: Paths.repositoryFile("samples/zonnepark-lelystad/bidders/1-zonnebouw-flevoland"), toPath: directory.path)
        let yaml = try String(contentsOf: directory.appendingPathComponent("bidder.yaml"), encoding: .utf8)
        try ("name: \"\(name)\"\n" + yaml).write(to: directory.appendingPathComponent("bidder.yaml"), atomically: true, encoding: .utf8)
        return directory
    }

    @Test("An escape sequence in bidder.yaml (a YAML escape writing ESC) is refused at its line, never printed")
    func escapeRefused() throws {
        let result = try ueaScreen("screen", try hostileBidder(name: "Evil B.V.\\e[2KCLEAN").path)
        #expect(result.status == 2)
        #expect(!result.stdout.contains("\u{1B}") && !result.stderr.contains("\u{1B}"))
        #expect(result.stderr.contains("bidder.yaml:1: field 'name': a control character (U+001B) is not text"), "\(result.stderr)")
    }

    @Test("The terminal summary shows escape sequences and line breaks instead of running them")
    func terminal() throws {
        let result = try ueaScreen("screen", try hostileBidder().path)
        #expect(!result.stdout.contains("\u{1B}"))
        #expect(!result.stdout.contains("\r"))
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.first?.hasPrefix("AANDACHT    Evil B.V.\\u{A}# Uitkomst") == true)
        #expect(!lines.contains { $0.hasPrefix("# Uitkomst") || $0.hasPrefix("IN ORDE") })
    }

    @Test("review shows a bidder's name with escape sequences and line breaks as text, never runs them")
    func reviewTerminal() throws {
        let store = try Paths.temporaryDirectory().appendingPathComponent("store.sqlite").path
        _ = try ueaScreen("screen", try hostileBidder().path, "--store", store)
        let id = try #require(
            try ueaScreen("dossier", "list", "--store", store).stdout.split(separator: "\n").first { $0.contains("Evil") }.map {
                String($0.prefix(8))
            })
        let review = try ueaScreen("review", id, "--store", store)
        #expect(review.status == 0)
        #expect(!review.stdout.contains("\u{1B}"))
        #expect(!review.stdout.contains("\r"))
        #expect(review.stdout.hasPrefix("Evil B.V.\\u{A}# Uitkomst"), "\(review.stdout.prefix(80))")
        #expect(!review.stdout.split(separator: "\n").contains { $0.hasPrefix("# Uitkomst") })
    }

    @Test("The Markdown report escapes headings, tables, links and HTML; the HTML report escapes HTML")
    func reports() throws {
        let bidder = try hostileBidder().path
        let markdown = try ueaScreen("screen", bidder, "--format", "md").stdout
        #expect(!markdown.split(separator: "\n").contains { $0.hasPrefix("# Uitkomst") })
        #expect(!markdown.replacingOccurrences(of: "\\<img", with: "").contains("<img"))  // only escaped ones
        #expect(markdown.contains("\\<img src=x onerror=alert(1)\\>"))
        #expect(markdown.contains("CLEAN \\| x"))  // a literal bar, not a new table cell
        #expect(markdown.contains("R\\&amp;D"))  // written as the bidder wrote it, not double-escaped
        let html = try ueaScreen("screen", bidder, "--format", "html").stdout
        #expect(!html.contains("<img src=x"))
        #expect(html.contains("&lt;img src=x onerror=alert(1)&gt;"))
    }
}
