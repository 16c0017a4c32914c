import Foundation
import TestSupport
import Testing

/// The modules show the architecture, one way: XML → ESPD model → dossier model → rule data →
/// names and lists, eForms notices → checks → reports and store → command line. A module imports only what is below it; the store knows
/// dossiers, not how they are screened or rendered.
@Suite("Architecture")
struct ArchitectureTests {
    /// What each library module may import (besides Foundation and the C libraries it wraps).
    static let allowed: [String: Set<String>] = [
        "Basics": [],
        "SafeXML": ["CXMLTree", "CLibXML2"],
        "ESPD": ["Basics", "SafeXML"],
        // The dossier model and the store link no XML parser.
        "DossierModel": ["Basics", "Crypto"],
        "RuleData": ["Basics", "ESPD", "DossierModel", "Yams"],
        "Names": ["Basics", "ESPD", "SafeXML", "DossierModel", "RuleData"],
        // eForms notices: read through SafeXML with the rule data's field table; nothing of the checks.
        "EForms": ["Basics", "SafeXML", "ESPD", "DossierModel", "RuleData"],
        "Screening": ["Basics", "ESPD", "SafeXML", "DossierModel", "RuleData", "Names", "EForms"],
        "Reports": ["Basics", "DossierModel", "RuleData", "Screening", "ESPD", "Mustache"],
        // Merkle trees, signed notes and proofs: the cryptography and nothing of the domain.
        "Transparency": ["Crypto", "CTimestamp"],
        "AgeEncryption": ["Crypto"],
        "DossierStore": ["Basics", "DossierModel", "Transparency", "AgeEncryption", "CSQLite", "CLibPQ", "Crypto"],
    ]
    static let system: Set<String> = ["Foundation", "Glibc", "Darwin", "Dispatch", "Synchronization"]

    @Test("Each module imports only the modules below it", arguments: ArchitectureTests.allowed.keys.sorted())
    func imports(module: String) throws {
        let folder = Paths.repositoryFile("Sources/\(module)")
        let files = try FileManager.default.subpathsOfDirectory(atPath: folder).filter { $0.hasSuffix(".swift") }
        #expect(!files.isEmpty)
        for file in files {
            let text = try String(contentsOfFile: folder + "/" + file, encoding: .utf8)
            for line in text.split(separator: "\n")
            where line.hasPrefix("import ") || line.hasPrefix("@testable import ") || line.hasPrefix("@_exported import ") {
                let imported = String(line.split(separator: " ").last!)
                #expect(Self.allowed[module]!.contains(imported) || Self.system.contains(imported), "\(module)/\(file) imports \(imported)")
                #expect(!line.hasPrefix("@_exported"), "\(module)/\(file): re-exports hide the graph")
            }
        }
    }

    @Test("One failure path: no command throws an exit code or exits itself; CommandFailure (Output.swift) carries every code")
    func oneFailurePath() throws {
        let folder = Paths.repositoryFile("Sources/uea-screen")
        for file in try FileManager.default.contentsOfDirectory(atPath: folder) where file.hasSuffix(".swift") && file != "Output.swift" {
            let text = try String(contentsOfFile: folder + "/" + file, encoding: .utf8)
            for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let code = line.split(separator: "//").first.map(String.init) ?? ""
                #expect(!code.contains("ExitCode("), "\(file):\(number + 1): throws ExitCode; throw a CommandFailure")
                #expect(!code.contains("exit("), "\(file):\(number + 1): exits itself; throw a CommandFailure")
            }
        }
    }

    @Test("Package.swift declares the same dependencies the sources use")
    func manifest() throws {
        let manifest = try String(contentsOfFile: Paths.repositoryFile("Package.swift"), encoding: .utf8)
        // Compared with whitespace runs as one space: the formatter decides the line breaks.
        let flat = manifest.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(
            flat.contains(
                #".target( name: "DossierStore", dependencies: [ "Basics", "DossierModel", "Transparency", "AgeEncryption", "CSQLite", "CLibPQ", .product(name: "Crypto", package: "swift-crypto"), ] )"#
            ))
        #expect(
            manifest.contains(
                #".target(name: "DossierModel", dependencies: ["Basics", .product(name: "Crypto", package: "swift-crypto")])"#))
    }
}
