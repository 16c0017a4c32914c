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
        .enabled(if: Paths.hasCorpus, Paths.corpusMissing))
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
                document = try ESPDParser.read(bytes: bytes, sourceName: file, requestDocument: nil)
            } catch {
                notRead.append(entry.localPath)
                continue
            }
            let release = try #require(ESPDSchemas.release(for: document), "\(entry.localPath): no release")
            let ours = try #require(try Self.validator.validate(document, bytes: bytes))
            let schema = "\(Self.directory)/\(release.set)/\(release.file)"
            let theirs = try oracle(schema, file)
            #expect(ours.valid == theirs.valid, "\(entry.localPath)")
            #expect(ours.problems == theirs.problems, "\(entry.localPath)")
            #expect(ours.total == theirs.problems.count, "\(entry.localPath)")
            if !ours.valid { invalid.append("\(entry.localPath) (\(ours.total))") }
            compared += 1
        }
        // Every well-formed ESPD of the corpus is compared; only the files that are not ESPDs or not well-formed are not.
        #expect(compared >= 110, "compared \(compared); not read: \(notRead)")
        print(
            "schema validation: \(compared) corpus files agree with xmllint; invalid: \(invalid.joined(separator: ", ")); not read: \(notRead.joined(separator: ", "))"
        )
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
