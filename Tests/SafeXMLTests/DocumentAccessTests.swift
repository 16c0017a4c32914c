import Testing
import TestSupport
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

    @Test("A real 1.1 MB v4.1.0 response parses with line numbers")
    func realFile() throws {
        let document = try XMLDocument.parse(contentsOf: Paths.corpusFile("edm-v4.1.0/ESPD-Response.xml"))
        #expect(document.root.localName == "QualificationApplicationResponse")
        #expect(document.root.children(named: "TenderingCriterion").count == 62)
        #expect(document.root.children(named: "TenderingCriterion").first?.line == 83)
    }
}

@Suite("White-space collapsing")
struct CollapseTests {
    @Test("The byte fast path gives the same result as the scalar walk", arguments: [
        "", " ", "a", "a b", " a", "a ", "  a  b  ", "a\nb", "\n   EXCLUSION.CRIMINAL_CONVICTIONS\n  ", "a\t\tb", "Ünïcödé  naam", "x\r\ny", "a  b",
    ])
    func sameAsScalarWalk(value: String) {
        #expect(XMLElement.collapse(value) == XMLElement.collapseScalars(value))
    }
}
