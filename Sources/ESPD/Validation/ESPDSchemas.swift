import Basics
import Foundation
import SafeXML

/// Formal validation of ESPD files against the XML Schemas of the EDM release they declare, as the
/// official ESPD validator does. The schemas are the official ones, kept in `schemas/espd/` with
/// their source, tag and SHA-256 (`schemas/espd/MANIFEST.tsv`); they are read from there only.
public enum ESPDSchemas {
    /// Which schema set and main schema a document is validated against.
    public struct Release: Sendable, Equatable, Hashable, Codable {
        /// The folder under `schemas/espd/`, named after the EDM release it comes from (e.g. `edm-2.1.0`).
        public var set: String
        /// The main schema, relative to the set's folder.
        public var file: String
        public init(set: String, file: String) {
            self.set = set
            self.file = file
        }
    }

    /// The schema set for a document, from its root namespace, kind and declared EDM version.
    /// Releases whose schemas are identical share a set: 2.0.0/2.0.1, 2.1.0/2.1.1, 3.0.0–3.3.0,
    /// 4.0.0/4.1.0. A document in the pre-award namespace can only be checked against a pre-award
    /// set (2.0.2 from a declared 2.0.2 up, else 2.0.0). nil: no release can be told.
    public static func release(namespaces: NamespaceFamily, kind: DocumentKind, version: String?) -> Release? {
        let request = kind == .request
        let parsed = version.flatMap { EDMVersion(parsing: $0) }
        switch namespaces {
        case .espdV1:
            return Release(set: "edm-1.0.2", file: request ? "maindoc/ESPDRequest-1.0.xsd" : "maindoc/ESPDResponse-1.0.xsd")
        case .preAward:
            let name =
                request
                ? "maindoc/UBL-QualificationApplicationRequest-2.2-Pre-award.xsd"
                : "maindoc/UBL-QualificationApplicationResponse-2.2-Pre-award.xsd"
            let late = parsed.map { ($0.major, $0.minor, $0.patch) >= (2, 0, 2) } ?? false
            return Release(set: late ? "edm-2.0.2" : "edm-2.0.0", file: name)
        case .oasis:
            guard let parsed else { return nil }
            let ubl = parsed.major == 2 ? "2.2" : "2.3"
            let file = "maindoc/UBL-QualificationApplication\(request ? "Request" : "Response")-\(ubl).xsd"
            switch parsed.major {
            case 2 where parsed.minor >= 1: return Release(set: "edm-2.1.0", file: file)
            case 3: return Release(set: "edm-3.0.0", file: file)
            case 4: return Release(set: "edm-4.0.0", file: file)
            default: return nil
            }
        case .other:
            return nil
        }
    }

    public static func release(for document: ESPDDocument) -> Release? {
        release(namespaces: document.namespaces, kind: document.kind, version: document.version)
    }

    /// Finds `schemas/espd/` for a default run (`InstalledData`).
    public static func defaultDirectory(executablePath: String = InstalledData.executablePath) -> String? {
        InstalledData.directory("schemas/espd", marker: "MANIFEST.tsv", executablePath: executablePath)
    }

    /// The outcome of validating one document.
    public struct Validation: Sendable, Codable, Equatable {
        public var file: String
        public var release: Release
        public var valid: Bool
        /// The first problems (at most `keep`), each with its line.
        public var problems: [XMLSchema.Problem]
        public var total: Int
        public init(file: String, release: Release, valid: Bool, problems: [XMLSchema.Problem], total: Int) {
            self.file = file
            self.release = release
            self.valid = valid
            self.problems = problems
            self.total = total
        }
    }

    /// Compiled schemas, each compiled once per process, on a thread of its own as soon as a
    /// document of its release is met (`prepare`), and then shared by every document and thread.
    public final class Validator: Sendable {
        public let directory: String
        /// The releases this validator has asked for.
        private let asked = Locked<Set<Release>>([])
        /// Every schema compiled in this process, by the path of its main schema file. Kept until
        /// the process ends: libxml2 keeps the schema documents with a compiled schema, and
        /// freeing those of the UBL 2.3 set cost ~20 M instructions (~8 ms) at the end of a run.
        private static let compiled = Locked<[String: Prepared<XMLSchema>]>([:])

        public init(directory: String) { self.directory = directory }

        private func path(_ release: Release) -> String {
            ((directory as NSString).appendingPathComponent(release.set) as NSString).appendingPathComponent(release.file)
        }

        /// Starts compiling `release`'s schemas unless that has begun: compiling the UBL 2.3 set
        /// costs more than reading a megabyte response, so it runs while the response is read.
        public func prepare(_ release: Release) {
            asked.withLock { _ = $0.insert(release) }
            let path = path(release)
            Self.compiled.withLock { table in
                if table[path] == nil { table[path] = Prepared { try XMLSchema(path: path) } }
            }
        }

        /// The releases whose compilation this validator has begun.
        var preparing: Set<Release> { asked.withLock { $0 } }

        /// The compiled schema of `release`, waiting for its compilation.
        public func schema(_ release: Release) throws(XMLSchema.CompileError) -> XMLSchema {
            prepare(release)
            let pending = Self.compiled.withLock { $0[path(release)]! }
            do { return try pending.get() } catch let error as XMLSchema.CompileError { throw error } catch {
                throw XMLSchema.CompileError(path: release.file, message: "\(error)")
            }
        }

        /// Starts compiling the schemas of the release a document's head declares (its root and
        /// header elements, from `bytes`, which may be its beginning only). Only a hint: what the
        /// document is validated against is decided once it is read whole.
        public func prepare(head bytes: ArraySlice<UInt8>, sourceName: String) {
            guard let head = XMLDocument.parseHead(bytes: bytes, sourceName: sourceName),
                let header = try? HeaderReader.read(head.root),
                let release = ESPDSchemas.release(namespaces: header.namespaces, kind: header.kind, version: header.version?.description)
            else { return }
            prepare(release)
        }

        /// The same for the file at `path`, from its first 16 kB: a regular file only, never through
        /// a symbolic link (a batch looks ahead at the bids it will read, before reading them).
        public func prepare(headOf path: String) {
            let descriptor = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
            guard descriptor >= 0 else { return }
            defer { close(descriptor) }
            var status = stat()
            guard fstat(descriptor, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else { return }
            let bytes = [UInt8](unsafeUninitializedCapacity: 16_384) { buffer, count in
                count = max(0, read(descriptor, buffer.baseAddress!, buffer.count))
            }
            prepare(head: bytes[...], sourceName: path)
        }

        /// Validates `document` as read from `tree` (parsed once by SafeXML; the tree is validated,
        /// not parsed again); nil when its release cannot be told. `bytes` are parsed again only
        /// when libxml2's validator fails on the tree internally.
        public func validate(_ document: ESPDDocument, tree: XMLDocument, bytes: [UInt8], keep: Int = 1000) throws -> Validation? {
            guard let release = ESPDSchemas.release(for: document) else { return nil }
            let schema = try schema(release)
            let result = try schema.validate(tree, keep: keep) ?? schema.validate(bytes: bytes, name: document.source, keep: keep)
            return Validation(file: document.source, release: release, valid: result.valid, problems: result.problems, total: result.total)
        }
    }
}
