import Foundation
import Testing

@testable import SafeXML

/// `XMLDocument.parseRecords`: a long list read one record at a time, as strictly as `parse`.
@Suite("Reading a document record by record")
struct RecordParsingTests {
    static func list(_ count: Int, tail: String = "</list>") -> [UInt8] {
        var text = "<?xml version=\"1.0\"?>\n<list date=\"2026-10-12\" xmlns=\"urn:example:list\">\n  <header><n>h</n></header>\n"
        for index in 0..<count {
            text +=
                "  <entry id=\"e\(index)\" kind=\"\(index % 2 == 0 ? "person" : "entity")\">"
                + "<name>Name &amp; \(index)</name><alias>Alias \(index)</alias><alias>Other \(index)</alias></entry>\n"
        }
        return Array((text + tail + "\n").utf8)
    }

    @Test("Each record is handed over whole, in order, with its lines; what remains is the root and the elements above the record depth")
    func records() throws {
        var seen: [(id: String, name: String, aliases: [String], line: Int, path: String)] = []
        let rest = try XMLDocument.parseRecords(bytes: Self.list(500), sourceName: "list.xml", depth: 1) { element in
            guard element.localName == "entry" else { return }
            seen.append(
                (
                    element.attribute("id") ?? "", element.child(named: "name")?.text ?? "", element.children(named: "alias").map(\.text),
                    element.line, element.path
                ))
            // The root's attributes are readable while the records are handed over.
            #expect(element.document.root.attribute("date") == "2026-10-12")
        }
        #expect(seen.count == 500)
        #expect(seen.map(\.id) == (0..<500).map { "e\($0)" })
        #expect(seen[499].name == "Name & 499")
        #expect(seen[499].aliases == ["Alias 499", "Other 499"])
        #expect(seen[0].line == 4)
        #expect(seen[499].line == 503)
        #expect(seen[0].path == seen[499].path)
        // Every element at the record depth was a record (the header too) and is gone from what
        // remains: the root with its attributes.
        #expect(rest.root.attribute("date") == "2026-10-12")
        #expect(rest.root.children.map(\.localName) == [])
    }

    @Test("The same strictness: a broken end, a DOCTYPE and an error the body throws each stop the parse with one error")
    func strict() throws {
        var handed = 0
        #expect(throws: XMLParseError.self) {
            try XMLDocument.parseRecords(bytes: Self.list(20, tail: "</lst>"), sourceName: "list.xml", depth: 1) { _ in handed += 1 }
        }
        let doctype = Array("<?xml version=\"1.0\"?><!DOCTYPE list [<!ENTITY x \"y\">]><list><entry/></list>".utf8)
        do {
            _ = try XMLDocument.parseRecords(bytes: doctype, sourceName: "d.xml", depth: 1) { _ in }
            Issue.record("a DOCTYPE was accepted")
        } catch let error as XMLParseError {
            #expect(error.kind == .doctypeForbidden)
        }
        struct Stop: Error {}
        var count = 0
        #expect(throws: Stop.self) {
            try XMLDocument.parseRecords(bytes: Self.list(100), sourceName: "list.xml", depth: 1) { element in
                count += 1
                if element.attribute("id") == "e9" { throw Stop() }
            }
        }
        #expect(count == 11)  // the header, then e0 … e9: nothing after the error
    }

    @Test("Records deeper down (a list grouped in wrappers) name their parent")
    func wrapped() throws {
        let text = "<l><A><x n=\"1\"/><x n=\"2\"/></A><B><x n=\"3\"/></B></l>"
        var seen: [String] = []
        let rest = try XMLDocument.parseRecords(bytes: Array(text.utf8), sourceName: "l.xml", depth: 2) { element in
            seen.append("\(element.parent?.localName ?? "-")\(element.attribute("n") ?? "")")
        }
        #expect(seen == ["A1", "A2", "B3"])
        #expect(rest.root.children.map(\.localName) == ["A", "B"])
        #expect(rest.root.child(named: "A")?.children.map(\.localName) == [])
    }
}
