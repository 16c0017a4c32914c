import DossierModel
import Foundation
import RuleData
import TestSupport
import Testing

@testable import Names

/// The test's own reading of a CSV file (whole text, character by character), independent of the
/// product's streaming reader: the counts the product must reach.
private func records(_ path: String) throws -> [[String]] {
    let text = String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self)
    var rows: [[String]] = []
    var row: [String] = []
    var field = ""
    var quoted = false
    var previous: Character = " "
    for character in text {
        if quoted {
            if character == "\"" { quoted = false } else { field.append(character) }
        } else if character == "\"" {
            if previous == "\"" { field.append("\"") }
            quoted = true
        } else if character == "," {
            row.append(field)
            field = ""
        } else if character == "\n" || character == "\r\n" {
            row.append(field)
            if !(row.count == 1 && row[0].trimmingCharacters(in: .whitespaces).isEmpty) { rows.append(row) }
            row = []
            field = ""
        } else if character != "\u{1A}" && character != "\r" {
            field.append(character)
        }
        previous = character
    }
    if !field.isEmpty || !row.isEmpty { rows.append(row + [field]) }
    return rows
}

private func corpus(_ relative: String) -> String { Paths.watchlists.appendingPathComponent(relative).path }

private func index(_ lists: [Watchlist]) -> SanctionsIndex { SanctionsIndex(lists: lists, rules: Fixtures.rules) }

@Suite("Every published list format, read from the corpus", .enabled(if: Paths.hasWatchlists, Paths.watchlistsMissing))
struct WatchlistFormatTests {
    @Test("Formats are told apart by content, never by file name; a companion or a stray file is refused with its line")
    func detection() throws {
        #expect(try WatchlistParser.detect(path: corpus("watchman-testdata/UN_consolidated.xml")) == .list(.un))
        #expect(try WatchlistParser.detect(path: corpus("watchman-testdata/sdn.csv")) == .list(.ofac))
        #expect(try WatchlistParser.detect(path: corpus("watchman-testdata/cons_prim.csv")) == .list(.ofac))
        #expect(try WatchlistParser.detect(path: corpus("watchman-testdata/csl.csv")) == .list(.usCSL))
        #expect(try WatchlistParser.detect(path: corpus("yente-ftm/zala/entities.ftm.json")) == .list(.ftm))
        #expect(try WatchlistParser.detect(path: corpus("yente-ftm/t2/delta.json")) == .ftmDeltas)
        #expect(try WatchlistParser.detect(path: Paths.repositoryFile("samples/lists/eu-fsf-sample.xml")) == .list(.euFSF))
        // The UN list copied under a .csv name is still the UN list.
        let directory = try Paths.temporaryDirectory()
        let renamed = directory.appendingPathComponent("list.csv").path
        try FileManager.default.copyItem(atPath: corpus("watchman-testdata/UN_consolidated.xml"), toPath: renamed)
        #expect(try WatchlistParser.detect(path: renamed) == .list(.un))
        for (file, message) in [
            ("watchman-testdata/alt.csv", "an OFAC companion file"), ("yente-ftm/t2/20240528074703-npf/entities.delta.json", "delta file"),
            ("yente-ftm/t1/index.json", "neither FollowTheMoney entities nor a delta index"),
        ] {
            let error = try #require(throws: InputError.self) { try WatchlistParser.detect(path: corpus(file)) }
            #expect(error.line == 1 && error.message.contains(message), "\(error)")
        }
        let xml = directory.appendingPathComponent("other.xml").path
        try "<?xml version=\"1.0\"?>\n\n<sanctions/>\n".write(toFile: xml, atomically: true, encoding: .utf8)
        let error = try #require(throws: InputError.self) { try WatchlistParser.detect(path: xml) }
        #expect(error.message.hasPrefix("an XML file whose root element is sanctions;"))
    }

    @Test("The UN list: every individual and entity, with names, aliases, birth dates, countries and listing dates")
    func unList() throws {
        let path = corpus("watchman-testdata/UN_consolidated.xml")
        let reference = try #require(ReferenceXPath(path: path, namespaces: [:]))
        let people = try #require(reference.count("/CONSOLIDATED_LIST/INDIVIDUALS/INDIVIDUAL"))
        let entities = try #require(reference.count("/CONSOLIDATED_LIST/ENTITIES/ENTITY"))
        let list = try WatchlistParser.load(path: path, name: "un")
        #expect(list.format == .un)
        #expect(list.entries.filter { $0.kind == .person }.count == people)
        #expect(list.entries.filter { $0.kind == .entity }.count == entities)
        #expect(list.counts == ["person": people, "entity": entities])
        #expect(list.listDate == Day(try #require(reference.values("/CONSOLIDATED_LIST/@dateGenerated")?.first)))
        #expect(list.sha256 == SHA256.hex(try Data(contentsOf: URL(fileURLWithPath: path))))
        // A listed name and a good-quality alias of another individual, as libxml2 reads them.
        let badege = try #require(list.entries.first { $0.id == "CDi.001" })
        #expect(badege.names.first == "ERIC BADEGE" && badege.birthDates == ["1971"] && badege.listedOn == "2012-12-31")
        #expect(badege.countries == ["CD", "RW"])
        let alias = try #require(
            reference.values(
                "/CONSOLIDATED_LIST/INDIVIDUALS/INDIVIDUAL[INDIVIDUAL_ALIAS[QUALITY='Good']][1]/INDIVIDUAL_ALIAS[QUALITY='Good'][1]/ALIAS_NAME"
            )?.first)
        let owner = try #require(
            reference.values("/CONSOLIDATED_LIST/INDIVIDUALS/INDIVIDUAL[INDIVIDUAL_ALIAS[QUALITY='Good']][1]/REFERENCE_NUMBER")?.first)
        let found = index([list])
        #expect(found.search("Eric Badege", kind: .person).first?.entryID == "CDi.001")
        #expect(found.search(alias, kind: .person).first?.entryID == owner, "\(alias)")
    }

    @Test(
        "OFAC's SDN and consolidated lists: primary records joined with their aliases, addresses and comments; vessels and aircraft counted, not matched",
        arguments: [
            ("sdn.csv", "alt.csv", "add.csv", "sdn_comments.csv", "SDN"),
            ("cons_prim.csv", "cons_alt.csv", "cons_add.csv", "cons_comments.csv", "CONS"),
        ]
    )
    func ofac(files: (String, String, String, String, String)) throws {
        let (primary, aliases, addresses, comments, prefix) = files
        let rows = try records(corpus("watchman-testdata/" + primary))
        let type = { (row: [String]) in row[2].trimmingCharacters(in: .whitespaces) }
        let people = rows.filter { type($0) == "individual" }.count
        let entities = rows.filter { type($0) == "-0-" }.count
        let list = try WatchlistParser.load(path: corpus("watchman-testdata/" + primary), name: "ofac")
        #expect(list.format == .ofac)
        #expect(list.counts["person"] == people && list.counts["entity"] == entities)
        #expect(list.entries.count == people + entities)
        #expect(list.counts["vessel"] == (rows.filter { type($0) == "vessel" }.count).nonZero)
        #expect(list.sourceFiles.map(\.name) == [primary, aliases, addresses, comments])
        // The list's hash is the sha256sum of its four files.
        let lines = try [primary, aliases, addresses, comments].map {
            "\(SHA256.hex(try Data(contentsOf: URL(fileURLWithPath: corpus("watchman-testdata/" + $0)))))  \($0)\n"
        }.joined()
        #expect(list.sha256 == SHA256.hex(lines))
        // A listed name, and an alias of alt.csv, are found for their ent_num.
        let numbers = Set(rows.map { $0[0].trimmingCharacters(in: .whitespaces) })
        let named = try #require(rows.first { type($0) == "-0-" })
        let alias = try #require(try records(corpus("watchman-testdata/" + aliases)).first { numbers.contains($0[0]) && $0[3].count > 8 })
        let aliasKind = rows.first { $0[0] == alias[0] }.map(type) == "individual" ? WatchlistEntry.Kind.person : .entity
        let found = index([list])
        #expect(found.search(named[1], kind: .entity).first?.entryID == "\(prefix)-\(named[0])")
        #expect(found.search(alias[3], kind: aliasKind).first?.entryID == "\(prefix)-\(alias[0])", "\(alias)")
    }

    @Test("OFAC remarks give birth dates and nationalities")
    func ofacRemarks() {
        var notes = ReadingNotes()
        var entry = WatchlistEntry(
            id: "x", kind: .person, names: ["X"], birthDates: [], countries: [], programme: nil, listedOn: nil, reference: nil)
        OFACReader.read(
            remarks: "DOB 12 Jan 1962; alt. DOB 1964 to 1965; nationality Russia; citizen Iran; POB Moscow", into: &entry, notes: &notes)
        #expect(entry.birthDates == ["1962-01-12"])
        #expect(entry.countries == ["RU", "IR"])
        #expect(OFACReader.birthDates("1964 to 1965") == ["1964", "1965"])
        #expect(OFACReader.birthDates("Feb 1970") == ["1970-02"])
        #expect(OFACReader.birthDates("31 Feb 1970") == [])
    }

    @Test(
        "The US Consolidated Screening List: a row without a type is matched as a person and as an organisation; an ended listing is not matched"
    )
    func usCSL() throws {
        let path = corpus("watchman-testdata/csl.csv")
        let rows = try records(path).dropFirst()
        let count = { (type: String) in rows.filter { $0[2] == type }.count }
        let list = try WatchlistParser.load(path: path, name: "csl")
        #expect(list.format == .usCSL)
        #expect(list.entries.count == count("Individual") + count("Entity") + 2 * count(""))
        #expect(list.counts["vessel"] == count("Vessel"))
        let row = try #require(rows.first { $0[2] == "Entity" && $0[9].isEmpty && !$0[21].isEmpty })
        let alias = try #require(row[21].split(separator: ";").first).trimmingCharacters(in: .whitespaces)
        let found = index([list])
        #expect(found.search(row[4], kind: .entity).first?.listedName == row[4].trimmingCharacters(in: .whitespaces))
        #expect(found.search(alias, kind: .entity).first?.listedName == row[4].trimmingCharacters(in: .whitespaces), "\(alias)")
        // The Denied Persons entry of Adrian Manuel Hernandez ended on 2020-10-13.
        let ended = try #require(rows.first { !$0[9].isEmpty && $0[2].isEmpty })
        #expect(found.search(ended[4], kind: .person, on: Day(year: 2026, month: 12, day: 1)).isEmpty)
        #expect(!found.search(ended[4], kind: .person).isEmpty)
    }

    @Test("FollowTheMoney: targets are matched; a party a target owns or directs is matched with its owners; the rest is counted context")
    func followTheMoney() throws {
        let path = corpus("yente-ftm/zala/entities.ftm.json")
        let entities = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
        let parties: Set<String> = ["Person", "Company", "Organization", "LegalEntity", "PublicBody"]
        let targets = entities.filter { parties.contains($0["schema"] as! String) && $0["target"] as? Bool == true }
        let targetIDs = Set(targets.map { $0["id"] as! String })
        let owned = Set(
            entities.filter { ($0["schema"] as! String) == "Ownership" }.compactMap { edge -> String? in
                let properties = edge["properties"] as! [String: [String]]
                guard let owner = properties["owner"]?.first, let asset = properties["asset"]?.first, targetIDs.contains(owner),
                    !targetIDs.contains(asset)
                else { return nil }
                return asset
            })
        let list = try WatchlistParser.load(path: path, name: "zala")
        #expect(list.format == .ftm)
        #expect(list.entries.count == targets.count + owned.count)
        #expect(list.entries.filter { $0.ownedBy != nil }.count == owned.count)
        #expect(list.stateSHA256?.count == 64)
        let found = index([list])
        let hit = try #require(found.search("ОБЩЕСТВО С ОГРАНИЧЕННОЙ ОТВЕТСТВЕННОСТЬЮ \"ИЖТЕЛЕКОМ\"", kind: .entity).first)
        #expect(hit.ownedBy == ["Alexander Vyacheslavovich ZAKHAROV (owner)"])
        #expect(found.search("Alexander Vyacheslavovich Zakharov", kind: .person, birthDate: nil).first?.ownedBy == nil)
        // An alias of a listed organisation.
        #expect(found.search("Limited Liability Company Unmanned Systems", kind: .entity).first?.entryID == "NK-cWSvGMvufNH5KwEV88FwTA")
    }

    @Test("The UK Sanctions List CSV (FCDO format): rows of one Unique ID are one entry, primary name first; ships counted")
    func ukList() throws {
        let path = try Paths.temporaryDirectory().appendingPathComponent("UK-Sanctions-List.csv").path
        try """
        Report Date: 01/12/2026
        Last Updated,Unique ID,OFSI Group ID,UN Reference Number,Name 6,Name 1,Name 2,Name 3,Name 4,Name 5,Name type,Alias strength,Title,Name non-latin script,Non-latin script type,Non-latin script language,Regime Name,Designation Type,Designation source,Sanctions Imposed,Other Information,UK Statement of Reasons,Address Line 1,Address Country,Date Designated,D.O.B,Nationality(/ies)
        01/12/2026,RUS0001,15000,,VOLKOV,Aleksandr,Petrovich,,,,Alias,,,,,,Russia,Individual,UK,Asset freeze,,,,,15/03/2022,02/03/1968,Russia
        01/12/2026,RUS0001,15000,,VOLKOV,Alexander,Petrovich,,,,Primary name,,,Александр Петрович Волков,Cyrillic,Russian,Russia,Individual,UK,Asset freeze,,,,,15/03/2022,02/03/1968,Russia
        01/12/2026,RUS0002,15001,,SIBIRSKY KREMNY LLC,,,,,,Primary name,,,,,,Russia,Entity,UK,Asset freeze,,,,Russia,20/04/2023,,
        01/12/2026,RUS0003,15002,,ANNA,,,,,,Primary name,,,,,,Russia,Ship,UK,Specification,,,,,20/04/2023,,

        """.write(toFile: path, atomically: true, encoding: .utf8)
        #expect(try WatchlistParser.detect(path: path) == .list(.uk))
        let list = try WatchlistParser.load(path: path, name: "uk")
        #expect(list.listDate == Day(year: 2026, month: 12, day: 1))
        #expect(list.counts == ["person": 1, "entity": 1, "ship": 1])
        let volkov = try #require(list.entries.first)
        #expect(volkov.names == ["Alexander Petrovich VOLKOV", "Александр Петрович Волков", "Aleksandr Petrovich VOLKOV"])
        #expect(volkov.birthDates == ["1968-03-02"] && volkov.countries == ["RU"] && volkov.listedOn == "2022-03-15")
        #expect(index([list]).search("Aleksandr Volkov", kind: .person).first?.entryID == "RUS0001")
        // A CSV without the columns that make it the UK list is refused with its line.
        try "Report Date: 01/12/2026\nUnique ID,Name\nX,Y\n".write(toFile: path, atomically: true, encoding: .utf8)
        let error = try #require(throws: InputError.self) { try WatchlistParser.load(path: path, format: .uk) }
        #expect(error.line == 2 && error.message.contains("'Name 6'"))
    }
}

extension Int {
    fileprivate var nonZero: Int? { self == 0 ? nil : self }
}

@Suite("Importing the published lists into the watchlist store", .enabled(if: Paths.hasWatchlists, Paths.watchlistsMissing))
struct WatchlistImportTests {
    /// The parties after applying the delta files of `index` in version order to `base`, as the test computes it.
    func expectedParties(base: [String: [String: Any]], index: String) throws -> Set<String> {
        var set = base
        let folder = (index as NSString).deletingLastPathComponent
        let versions = try #require(
            (try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: index))) as? [String: Any])?["versions"]
                as? [String: Any])
        for version in versions.keys.sorted() {
            let text = try String(contentsOfFile: folder + "/" + version + "/entities.delta.json", encoding: .utf8)
            for line in text.split(separator: "\n") {
                let change = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
                let entity = change["entity"] as! [String: Any]
                if change["op"] as? String == "DEL" { set[entity["id"] as! String] = nil } else { set[entity["id"] as! String] = entity }
            }
        }
        return Set(set.filter { ["Person", "Company", "Organization"].contains($0.value["schema"] as? String ?? "") }.keys)
    }

    @Test("FtM deltas apply in version order from an empty start; a second import changes nothing; the notes say both")
    func deltasFromEmpty() throws {
        let store = WatchlistStore(directory: try Paths.temporaryDirectory().appendingPathComponent("watchlists").path)
        let index = corpus("yente-ftm/t2/delta.json")
        let record = try store.importList(path: index, format: nil, name: "opensanctions", listDate: nil, rules: Fixtures.rules)
        #expect(record.format == .ftm)
        #expect(record.deltaVersions.count == 5)
        #expect(record.notes?.first == "there was no list named opensanctions: the deltas were applied to an empty set")
        let list = try #require(try store.loadAll().first)
        #expect(Set(list.entries.map(\.id)) == (try expectedParties(base: [:], index: index)))
        #expect(!list.entries.contains { $0.id == "NK-500Poltergeist" })  // added, then deleted
        let again = try store.importList(path: index, format: nil, name: "opensanctions", listDate: nil)
        #expect(again.notes?.first == "every version of the index was applied before; nothing changed")
        #expect(again.sha256 == record.sha256 && again.stateSHA256 == record.stateSHA256)
    }

    @Test("FtM deltas onto a full export; an older version is refused; a rebuild that differs from the recorded set is refused")
    func deltasOntoBase() throws {
        let directory = try Paths.temporaryDirectory()
        let store = WatchlistStore(directory: directory.appendingPathComponent("watchlists").path)
        try store.importList(path: corpus("yente-ftm/t1/entities.ftm.json"), format: nil, name: "os", listDate: nil)
        let record = try store.importList(path: corpus("yente-ftm/t2/delta.json"), format: nil, name: "os", listDate: nil)
        var base: [String: [String: Any]] = [:]
        for line in try String(contentsOfFile: corpus("yente-ftm/t1/entities.ftm.json"), encoding: .utf8).split(separator: "\n") {
            let entity = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            base[entity["id"] as! String] = entity
        }
        #expect(record.entries == (try expectedParties(base: base, index: corpus("yente-ftm/t2/delta.json"))).count)
        #expect(record.files?.first?.name == "entities.ftm.json")
        // An index that lists a version older than the last applied one.
        let folder = directory.appendingPathComponent("late")
        try FileManager.default.createDirectory(
            at: folder.appendingPathComponent("20240101000000-old"), withIntermediateDirectories: true)
        try "".write(to: folder.appendingPathComponent("20240101000000-old/entities.delta.json"), atomically: true, encoding: .utf8)
        try #"{"versions": {"20240101000000-old": "x"}}"#.write(
            to: folder.appendingPathComponent("delta.json"), atomically: true, encoding: .utf8)
        let older = try #require(throws: InputError.self) {
            try store.importList(path: folder.appendingPathComponent("delta.json").path, format: nil, name: "os", listDate: nil)
        }
        #expect(older.message.contains("is older than 20240528134729-3iv"))
        // A delta that deletes what is not there is refused at its line.
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("20250101000000-del"), withIntermediateDirectories: true)
        try
            "{\"op\":\"ADD\",\"entity\":{\"id\":\"new\",\"schema\":\"Person\",\"properties\":{\"name\":[\"Jan Nieuw\"]}}}\n{\"op\":\"DEL\",\"entity\":{\"id\":\"absent\"}}\n"
            .write(
                to: folder.appendingPathComponent("20250101000000-del/entities.delta.json"), atomically: true, encoding: .utf8)
        try #"{"versions": {"20250101000000-del": "x"}}"#.write(
            to: folder.appendingPathComponent("delta.json"), atomically: true, encoding: .utf8)
        let missing = try #require(throws: InputError.self) {
            try store.importList(path: folder.appendingPathComponent("delta.json").path, format: nil, name: "os", listDate: nil)
        }
        #expect(missing.line == 2 && missing.message.hasPrefix("DEL of absent, which is not in the list"))
        #expect(try store.records().first?.deltaVersions.last == "20240528134729-3iv")  // nothing half-applied
        // The manifest's entity-set hash must be what a rebuild from the files gives.
        let manifest = directory.appendingPathComponent("watchlists/manifest.json")
        let text = try String(contentsOf: manifest, encoding: .utf8)
        try text.replacingOccurrences(of: try #require(record.stateSHA256), with: String(repeating: "0", count: 64)).write(
            to: manifest, atomically: true, encoding: .utf8)
        let rebuilt = try #require(throws: InputError.self) { try store.loadAll() }
        #expect(rebuilt.message.contains("rebuilt from its files, the entity set differs"))
    }

    @Test("OFAC is stored with its companions; the recorded hash is the sha256sum of the stored files; a changed companion is found")
    func ofacStored() throws {
        let directory = try Paths.temporaryDirectory().appendingPathComponent("watchlists").path
        let store = WatchlistStore(directory: directory)
        let record = try store.importList(
            path: corpus("watchman-testdata/sdn.csv"), format: nil, name: "ofac-sdn", listDate: nil, rules: Fixtures.rules)
        #expect(record.file == "ofac-sdn/sdn.csv")
        #expect(record.files?.map(\.name) == ["sdn.csv", "alt.csv", "add.csv", "sdn_comments.csv"])
        let lines = record.files!.map { "\($0.sha256)  \($0.name)\n" }.joined()
        #expect(record.sha256 == SHA256.hex(lines))
        #expect(try store.sanctionsIndex(rules: Fixtures.rules, extra: []).notice == nil)
        let alt = directory + "/ofac-sdn/alt.csv"
        try FileManager.default.removeItem(atPath: alt)
        try "36,12,\"aka\",\"SOMETHING ELSE\",-0- \n".write(toFile: alt, atomically: true, encoding: .utf8)
        let error = try #require(throws: InputError.self) { try store.sanctionsIndex(rules: Fixtures.rules, extra: []) }
        #expect(error.message.contains("changed since it was imported"))
    }
}

@Suite("What a hit on each list means", .enabled(if: Paths.hasWatchlists, Paths.watchlistsMissing))
struct ListEffectTests {
    /// The findings of sanctions.listed-party for the clean sample bidder with `subcontractor`, screened against `list` only.
    func findings(_ list: Watchlist, subcontractor: String) throws -> [Finding] {
        var context = try Fixtures.cleanContext()
        context.sanctions = SanctionsIndex(lists: [list], rules: Fixtures.rules)
        context.submission.bidder.subcontractors = [.init(name: subcontractor, country: nil, share: 5, reliedUpon: false)]
        return Fixtures.findings(context, "sanctions.listed-party")
    }

    @Test("A UN, OFAC or OpenSanctions hit is attention with its own basis, never the EU asset-freeze regulation")
    func effects() throws {
        let un = try findings(
            try WatchlistParser.load(path: corpus("watchman-testdata/UN_consolidated.xml"), name: "un"), subcontractor: "BUTEMBO AIRLINES")
        #expect(un.map(\.severity) == [.attention])
        #expect(un.first?.legalBasis.hasPrefix("UN Charter art. 25 and 41") == true)
        #expect(un.first?.message.nl.contains("De VN-Veiligheidsraad heeft deze partij op zijn sanctielijst geplaatst.") == true)
        let ofac = try findings(
            try WatchlistParser.load(path: corpus("watchman-testdata/sdn.csv"), name: "ofac-sdn"), subcontractor: "Aerocaribbean Airlines")
        #expect(ofac.map(\.severity) == [.attention])
        #expect(ofac.first?.legalBasis.contains("no legal effect in the Netherlands") == true)
        let owned = try findings(
            try WatchlistParser.load(path: corpus("yente-ftm/zala/entities.ftm.json"), name: "opensanctions"),
            subcontractor: "ОБЩЕСТВО С ОГРАНИЧЕННОЙ ОТВЕТСТВЕННОСТЬЮ \"ИЖТЕЛЕКОМ\"")
        #expect(owned.map(\.severity) == [.attention])
        #expect(owned.first?.details?["ownedBy"] == "Alexander Vyacheslavovich ZAKHAROV (owner)")
        #expect(owned.first?.message.nl.contains("staat niet zelf op de lijst; volgens de gegevens is het eigendom van") == true)
    }

    @Test(
        "Every list format a user imports has its effect in checklists/sanctions.yaml, except the EU list, whose effect the check itself states"
    )
    func everyFormatHasAnEffect() {
        for format in Watchlist.Format.importable where format != .euFSF {
            #expect(Fixtures.rules.sanctions.listEffects[format.rawValue] != nil, "\(format.rawValue)")
        }
    }
}

@Suite("The CSV record reader fed in pieces")
struct CSVRecordReaderTests {
    @Test("Fed one byte at a time, it reads what it reads from the whole text: doubled quotes, breaks inside quotes, CRLF")
    func piecewise() throws {
        let text = "36,\"AERO \"\"CARIBBEAN\"\"\",-0- \r\n173,\"ANGLO-CARIBBEAN\nCO., LTD.\",x\n\"\"\"\",\"\"\n"
        var whole: [[String]] = []
        var reader = CSV.RecordReader()
        reader.feed(Array(text.utf8)) { whole.append($1) }
        try reader.finish(strict: true) { whole.append($1) }
        var pieces: [[String]] = []
        var lines: [Int] = []
        var bytewise = CSV.RecordReader()
        for byte in text.utf8 {
            bytewise.feed([byte]) {
                lines.append($0)
                pieces.append($1)
            }
        }
        try bytewise.finish(strict: true) { pieces.append($1) }
        #expect(whole == [["36", "AERO \"CARIBBEAN\"", "-0- "], ["173", "ANGLO-CARIBBEAN\nCO., LTD.", "x"], ["\"", ""]])
        #expect(pieces == whole)
        #expect(lines == [1, 2, 4])
        var open = CSV.RecordReader()
        open.feed(Array("a,\"b\nc\n".utf8)) { _, _ in }
        #expect(throws: CSV.UnterminatedQuote.self) { try open.finish(strict: true) { _, _ in } }
    }
}
