import Foundation
import TestSupport
import Testing

@testable import SafeXML

@Suite("Reading a well-formed document")
struct DocumentAccessTests {
    let sample = """
        <?xml version="1.0" encoding="UTF-8"?>
        <!-- licence header before the root -->
        <r:Root xmlns:r="urn:example:root" xmlns:b="urn:example:basic" xmlns:espd="urn:com:grow:espd:2.1.1">
          <b:ID schemeID="VAT">
             NL 0012
             34567B01
          </b:ID>
          <!-- <b:ID>commented out</b:ID> -->
          <b:Name>Bouwbedrijf Jansen &amp; Zn. B.V.</b:Name>
          <Plain><![CDATA[a < b]]></Plain>
        </r:Root>
        """

    func parse() throws -> XMLDocument { try XMLDocument.parse(bytes: Array(sample.utf8), sourceName: "sample.xml") }

    @Test("Elements are found by local name and carry their namespace and line")
    func namesAndLines() throws {
        let root = try parse().root
        #expect(root.localName == "Root")
        #expect(root.namespaceURI == "urn:example:root")
        #expect(root.line == 3)
        let ids = root.children(named: "ID")
        #expect(ids.count == 1)  // the commented-out one is not an element
        #expect(ids[0].namespaceURI == "urn:example:basic")
        #expect(ids[0].line == 4)
        #expect(root.child(named: "Plain")?.namespaceURI == nil)
    }

    @Test("Text is collapsed, entities and CDATA are decoded, attributes read")
    func textAndAttributes() throws {
        let root = try parse().root
        #expect(root.child(named: "ID")?.text == "NL 0012 34567B01")
        #expect(root.child(named: "ID")?.attribute("schemeID") == "VAT")
        #expect(root.child(named: "ID")?.attribute("missing") == nil)
        #expect(root.child(named: "Name")?.text == "Bouwbedrijf Jansen & Zn. B.V.")
        #expect(root.child(named: "Plain")?.text == "a < b")
    }

    @Test("Children are the child elements in document order; a leaf has none")
    func childrenInOrder() throws {
        let root = try parse().root
        #expect(root.children.map(\.localName) == ["ID", "Name", "Plain"])
        #expect(root.children.count == 3)
        #expect(root.children.first?.localName == "ID")
        let plain = try #require(root.child(named: "Plain"))
        #expect(plain.children.isEmpty)
        #expect(plain.children.startIndex == plain.children.endIndex)
        // The same child through either route is the same element.
        #expect(root.children.first(where: { $0.localName == "Plain" })?.line == plain.line)
    }

    @Test("Text longer in UTF-8 than in the file (Latin-1 widens) and more elements than bytes suggest are kept whole")
    func buffersGrowPastTheirFirstSize() throws {
        let header = Array("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><r><t>".utf8)
        let latin1 = [UInt8](repeating: 0xE9, count: 5_000)  // é: one byte here, two in UTF-8
        let tail = Array(("</t>" + String(repeating: "<e/>", count: 3_000) + "</r>").utf8)
        let document = try XMLDocument.parse(bytes: header + latin1 + tail, sourceName: "latin1.xml")
        #expect(document.root.child(named: "t")?.text == String(repeating: "é", count: 5_000))
        #expect(document.root.children.count == 3_001)
        #expect(document.root.children(named: "e").last?.path == "/r[1]/e[3000]")
    }

    @Test("Paths point into the document and namespace declarations are visible")
    func pathsAndDeclarations() throws {
        let root = try parse().root
        #expect(root.child(named: "Name")?.path == "/r:Root[1]/b:Name[1]")
        #expect(root.namespaceDeclarations().contains { $0.prefix == "espd" && $0.uri == "urn:com:grow:espd:2.1.1" })
    }

    @Test("Elements keep their document alive after the document variable is gone")
    func elementsOutliveDocumentVariable() throws {
        let name: XMLElement = try { try parse().root.child(named: "Name")! }()
        #expect(name.text.hasPrefix("Bouwbedrijf"))
        #expect(name.parent?.localName == "Root")
    }

    @Test("A real 1.1 MB v4.1.0 response parses with line numbers", .enabled(if: Paths.hasCorpus, Paths.corpusMissing))
    func realFile() throws {
        let document = try XMLDocument.parse(contentsOf: Paths.corpusFile("edm-v4.1.0/ESPD-Response.xml"))
        #expect(document.root.localName == "QualificationApplicationResponse")
        #expect(document.root.children(named: "TenderingCriterion").count == 62)
        #expect(document.root.children(named: "TenderingCriterion").first?.line == 83)
    }
}

@Suite("White-space collapsing")
struct CollapseTests {
    @Test(
        "The byte fast path gives the same result as the scalar walk",
        arguments: [
            "", " ", "a", "a b", " a", "a ", "  a  b  ", "a\nb", "\n   EXCLUSION.CRIMINAL_CONVICTIONS\n  ", "a\t\tb", "Ünïcödé  naam",
            "x\r\ny", "a  b",
        ])
    func sameAsScalarWalk(value: String) {
        #expect(XMLElement.collapse(value) == XMLElement.collapseScalars(value))
    }
}

@Suite("The compact tree against libxml2's own tree")
struct CompactTreeTests {
    @Test(
        "Every corpus XML file gives the same elements, paths, lines, namespaces, attributes and text as libxml2's tree",
        .enabled(if: Paths.hasCorpus, Paths.corpusMissing))
    func corpus() throws {
        var compared = 0
        var elements = 0
        for entry in try ManifestEntry.load() where entry.isWellFormed {
            let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: Paths.corpusFile(entry.localPath))))
            let reference = try #require(ReferenceOutline.libxml2(bytes), "\(entry.localPath)")
            let ours = ReferenceOutline.compact(try XMLDocument.parse(bytes: bytes, sourceName: entry.localPath))
            #expect(ours.count == reference.count, "\(entry.localPath)")
            if let difference = zip(ours, reference).first(where: { $0.0 != $0.1 }) {
                Issue.record("\(entry.localPath): ours \(difference.0.prefix(300)) — libxml2 \(difference.1.prefix(300))")
            }
            compared += 1
            elements += ours.count
        }
        #expect(compared > 60)
        print("compact tree: \(compared) corpus files, \(elements) elements, identical to libxml2's tree")
    }

    @Test("References, CDATA, comments, processing instructions and mixed content read as libxml2 reads them")
    func edges() throws {
        let text = """
            <?xml version="1.0" encoding="ISO-8859-1"?>
            <?pi before?>
            <r xmlns="urn:d" xmlns:p="urn:p" a="x &amp; y &#38;#38; &lt;&#x263A;" p:b="ns" c='&quot;&apos;'>
              head <p:e>one<![CDATA[ <two> ]]>three</p:e> &#233;&amp;<!-- c --> tail<?pi inside?>
              <e/><p:e a="&#9;tab"/><e>
                multi
                line</e>
            </r>
            """
        let bytes = Array(text.utf8)
        let reference = try #require(ReferenceOutline.libxml2(bytes))
        let document = try XMLDocument.parse(bytes: bytes, sourceName: "edges.xml")
        #expect(ReferenceOutline.compact(document) == reference)
        #expect(document.declaredEncoding == "ISO-8859-1")
        #expect(document.root.attribute("a") == "x & y &#38; <☺")
        #expect(document.root.attribute("b") == nil)  // in a namespace
        #expect(document.root.children(named: "e").map(\.path) == ["/r[1]/p:e[1]", "/r[1]/e[1]", "/r[1]/p:e[2]", "/r[1]/e[2]"])
        #expect(document.root.descendants(named: "e").count == 4)
        #expect(document.root.child(named: "nothing") == nil)
    }
}
