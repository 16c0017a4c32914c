import Foundation
import SafeXML
import TestSupport
import Testing

@testable import ESPD

/// `validate` against the oracle: libxml2's own `xmllint --schema` with the same schema files.
@Suite("Schema validation")
struct SchemaValidationTests {
    static let directory = Paths.repositoryFile("schemas/espd")
    static let validator = ESPDSchemas.Validator(directory: directory)

    /// xmllint's validity errors as (line, message).
    func oracle(_ schema: String, _ file: String) throws -> (valid: Bool, problems: [XMLSchema.Problem]) {
        let result = try run(which("xmllint")!, ["--noout", "--nonet", "--schema", schema, file])
        var problems: [XMLSchema.Problem] = []
        for line in result.stderr.split(separator: "\n") where line.contains(" Schemas validity error : ") {
            let afterFile = line.dropFirst(file.count + 1)
            let number = Int(afterFile.prefix { $0.isNumber }) ?? -1
            let message = line.components(separatedBy: " Schemas validity error : ").dropFirst().joined(
                separator: " Schemas validity error : ")
            problems.append(XMLSchema.Problem(line: number, message: message.trimmingCharacters(in: .whitespaces)))
        }
        return (result.status == 0 && result.stderr.contains("validates"), problems)
    }

    @Test(
        "validate agrees with xmllint --schema (the same schema files) on every corpus file it can read",
        .enabled(if: Paths.hasCorpus, Paths.corpusMissing), .enabled(if: which("xmllint") != nil, "xmllint is not installed"))
    func corpusAgreesWithXmllint() throws {
        var compared = 0
        var invalid: [String] = []
        var notRead: [String] = []
        for entry in try ManifestEntry.load() where entry.localPath.hasSuffix(".xml") {
            let file = Paths.corpusFile(entry.localPath)
            let bytes: [UInt8]
            let document: ESPDDocument
            do {
                bytes = try XMLDocument.readBounded(path: file, name: file, limit: ParseLimits.defaultMaxBytes)
                document = try ESPDParser.read(bytes: bytes, sourceName: file, requestDocument: nil, validator: Self.validator)
            } catch {
                notRead.append(entry.localPath)
                continue
            }
            let release = try #require(ESPDSchemas.release(for: document), "\(entry.localPath): no release")
            // The tree SafeXML built, validated without a second parse; and libxml2's own tree of the bytes.
            let ours = try #require(document.schemaValidation)
            let reparsed = try Self.validator.schema(release).validate(bytes: bytes, name: file)
            let schema = "\(Self.directory)/\(release.set)/\(release.file)"
            let theirs = try oracle(schema, file)
            #expect(ours.valid == theirs.valid, "\(entry.localPath)")
            #expect(ours.problems == theirs.problems, "\(entry.localPath)")
            #expect(ours.total == theirs.problems.count, "\(entry.localPath)")
            #expect(reparsed.problems == theirs.problems, "\(entry.localPath)")
            if !ours.valid { invalid.append("\(entry.localPath) (\(ours.total))") }
            compared += 1
        }
        // Every well-formed ESPD of the corpus is compared; only the files that are not ESPDs or not well-formed are not.
        #expect(compared >= 110, "compared \(compared); not read: \(notRead)")
        print(
            "schema validation: \(compared) corpus files agree with xmllint; invalid: \(invalid.joined(separator: ", ")); not read: \(notRead.joined(separator: ", "))"
        )
    }

    /// Mutants of one valid response per schema set, made by fixed rules (every 7th leaf element of
    /// the `cbc` namespace from the 3rd on, one rule per leaf in turn): the leaf dropped, doubled,
    /// followed by an unknown element, its text replaced by `a &amp; b` (wrong for a code, date or
    /// indicator), given an attribute holding an ampersand, or split by a comment, a CDATA section
    /// and text in its parent's element-only content. Each mutant, validated from SafeXML's tree,
    /// must give xmllint's verdict and problems, line for line.
    @Test(
        "Validating the tree agrees with xmllint --schema on rule-made invalid variants of each release",
        .enabled(if: Paths.hasCorpus, Paths.corpusMissing),
        .enabled(if: which("xmllint") != nil, "xmllint is not installed"))
    func mutantsAgreeWithXmllint() throws {
        let files = [
            "espd-service-v1/response/exclusion/payment_of_taxes_import.xml", "edm-v2.0.2/REGULATED-ESPD-Response_2.0.2.xml",
            "edm-v2.1.1/BASIC-ESPDResponse-2.1.1.xml", "edm-v3.3.0/ESPD-Response.xml", "edm-v4.1.0/ESPD-Response.xml",
        ]
        let leaf = try Regex(#"<(cbc:[A-Za-z]+)([^>]*)>([^<]*)</\1>"#)
        let folder = try Paths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        var compared = 0
        var invalidByRule = [Int](repeating: 0, count: 7)
        var valid = 0
        for name in files {
            let text = try String(contentsOfFile: Paths.corpusFile(name), encoding: .utf8)
            let leaves = text.matches(of: leaf)
            for (rule, slot) in stride(from: 2, to: min(leaves.count, 2 + 7 * 8), by: 7).enumerated() {
                let match = leaves[slot]
                let original = String(text[match.range])
                let tag = String(match.output[1].substring!)
                let replacement: String
                switch rule % 7 {
                case 0: replacement = ""
                case 1: replacement = original + original
                case 2: replacement = original + "<cbc:UnknownElement>1</cbc:UnknownElement>"
                case 3: replacement = "<\(tag)>a &amp; b</\(tag)>"
                case 4: replacement = "<\(tag) unexpected=\"x &amp; y &#38;#38;\">\(match.output[3].substring!)</\(tag)>"
                case 5: replacement = "<\(tag)><!-- c --><![CDATA[\(match.output[3].substring!)]]><?pi x?></\(tag)>"
                default: replacement = "stray text" + original + "more"
                }
                let mutant = text.replacingCharacters(in: match.range, with: replacement)
                let file = folder.appendingPathComponent("\(compared)-\(rule).xml").path
                try mutant.write(toFile: file, atomically: true, encoding: .utf8)
                let bytes = Array(mutant.utf8)
                let document = try ESPDParser.read(bytes: bytes, sourceName: file, requestDocument: nil, validator: Self.validator)
                let ours = try #require(document.schemaValidation, "\(name) rule \(rule)")
                let schema = "\(Self.directory)/\(ours.release.set)/\(ours.release.file)"
                let theirs = try oracle(schema, file)
                #expect(ours.valid == theirs.valid, "\(name) rule \(rule): \(replacement)")
                #expect(ours.problems == theirs.problems, "\(name) rule \(rule): \(replacement)")
                compared += 1
                if ours.valid { valid += 1 } else { invalidByRule[rule % 7] += 1 }
            }
        }
        #expect(compared == 40)
        // Both verdicts were compared: every rule but the comment/CDATA one (which leaves the value
        // as it was) made an invalid mutant somewhere, and some mutants are valid.
        #expect(zip(0..., invalidByRule).allSatisfy { $0 == 5 || $1 > 0 }, "invalid mutants per rule: \(invalidByRule)")
        #expect(valid > 0)
    }

    /// A bid's head (its root and first elements, from its first bytes) starts compiling its
    /// release's schemas before the bid is parsed; a head that is not strictly well-formed, has a
    /// DOCTYPE, or is reached through a symbolic link starts nothing.
    @Test("The head of a bid starts its release's compilation", .enabled(if: Paths.hasCorpus, Paths.corpusMissing))
    func headPreparesRelease() throws {
        let file = Paths.corpusFile("edm-v4.1.0/ESPD-Response.xml")
        let bytes = try XMLDocument.readBounded(path: file, name: file, limit: ParseLimits.defaultMaxBytes)
        // The head is the first 64 elements, read from the first 16 kB of a 1.1 MB file.
        let head = try #require(XMLDocument.parseHead(bytes: bytes.prefix(16_384), sourceName: file))
        #expect(head.root.localName == "QualificationApplicationResponse")
        #expect(head.elements(named: "ProfileExecutionID").count == 1)
        #expect(XMLDocument.parseHead(bytes: bytes.prefix(200), sourceName: file) == nil)  // cut before 64 elements

        let validator = ESPDSchemas.Validator(directory: Self.directory)
        let folder = try Paths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let link = folder.appendingPathComponent("link.xml").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: file)
        validator.prepare(headOf: link)
        let doctype = folder.appendingPathComponent("doctype.xml").path
        try ("<!DOCTYPE x [<!ENTITY e \"e\">]>" + String(decoding: bytes.prefix(16_384), as: UTF8.self))
            .write(toFile: doctype, atomically: true, encoding: .utf8)
        validator.prepare(headOf: doctype)
        validator.prepare(headOf: folder.path)
        let empty = folder.appendingPathComponent("empty.xml").path
        #expect(FileManager.default.createFile(atPath: empty, contents: Data()))
        validator.prepare(headOf: empty)
        #expect(XMLDocument.parseHead(bytes: [], sourceName: "empty") == nil)
        #expect(validator.preparing.isEmpty)
        validator.prepare(headOf: file)
        #expect(
            validator.preparing == [ESPDSchemas.Release(set: "edm-4.0.0", file: "maindoc/UBL-QualificationApplicationResponse-2.3.xsd")])
        // The document, read whole, is validated against the release it turns out to be.
        let document = try ESPDParser.read(bytes: bytes, sourceName: file, requestDocument: nil, validator: validator)
        #expect(document.schemaValidation?.release.set == "edm-4.0.0")
    }

    @Test(
        "Each release maps to its own schema set",
        arguments: [
            ("espd-v1", "response", nil, "edm-1.0.2"), ("ubl-pre-award", "request", "2.0.1", "edm-2.0.0"),
            ("ubl-pre-award", "response", "2.0.2", "edm-2.0.2"),
            ("ubl-pre-award", "request", "2.1.0", "edm-2.0.2"), ("ubl-oasis", "response", "2.1.1", "edm-2.1.0"),
            ("ubl-oasis", "request", "3.3.0", "edm-3.0.0"),
            ("ubl-oasis", "response", "4.1.0", "edm-4.0.0"), ("ubl-oasis", "response", nil, nil), ("other", "response", "4.1.0", nil),
            ("ubl-oasis", "response", "5.0.0", nil),
        ] as [(String, String, String?, String?)])
    func releases(namespaces: String, kind: String, version: String?, set: String?) {
        let release = ESPDSchemas.release(
            namespaces: NamespaceFamily(rawValue: namespaces)!, kind: DocumentKind(rawValue: kind)!, version: version)
        #expect(release?.set == set)
    }

    @Test("A schema's imports are read from its own folder only; a document cannot make the validator read a file")
    func noOutsideReads() throws {
        // A schema that imports a file outside its set's folder does not compile.
        let directory = try Paths.temporaryDirectory()
        let set = directory.appendingPathComponent("set/maindoc")
        try FileManager.default.createDirectory(at: set, withIntermediateDirectories: true)
        let outside = directory.appendingPathComponent("outside.xsd").path
        try """
        <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:outside"><xs:element name="x" type="xs:string"/></xs:schema>
        """.write(toFile: outside, atomically: true, encoding: .utf8)
        let main = set.appendingPathComponent("main.xsd").path
        try """
        <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:o="urn:outside" targetNamespace="urn:main">
          <xs:import namespace="urn:outside" schemaLocation="../../outside.xsd"/>
          <xs:element name="root"><xs:complexType><xs:sequence><xs:element ref="o:x"/></xs:sequence></xs:complexType></xs:element>
        </xs:schema>
        """.write(toFile: main, atomically: true, encoding: .utf8)
        #expect(throws: XMLSchema.CompileError.self) { try XMLSchema(path: main) }
        // A document naming a schema location or an XInclude is validated against our schema only.
        let schema = try Self.validator.schema(
            ESPDSchemas.Release(set: "edm-4.0.0", file: "maindoc/UBL-QualificationApplicationResponse-2.3.xsd"))
        let hostile = """
            <QualificationApplicationResponse xmlns="urn:oasis:names:specification:ubl:schema:xsd:QualificationApplicationResponse-2" \
            xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="urn:x file:///etc/passwd"><x:include xmlns:x="http://www.w3.org/2001/XInclude" href="/etc/passwd"/></QualificationApplicationResponse>
            """
        let result = try schema.validate(bytes: Array(hostile.utf8), name: "hostile.xml")
        #expect(!result.valid)
        #expect(!result.problems.contains { $0.message.contains("root:") })
    }
}
