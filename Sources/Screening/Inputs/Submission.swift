import Basics
import DossierModel
import ESPD
import Foundation
import RuleData
import SafeXML

extension SourceFile {
    /// Reads a file once, at most `limit` bytes: the caller parses `text` of these bytes, and
    /// the same bytes are hashed and kept.
    static func read(role: String, path: String, limit: Int) throws -> SourceFile {
        if let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? nil, size > limit {
            throw InputError(file: path, message: "the file is \(size) bytes; at most \(limit) bytes are read")
        }
        guard let data = FileManager.default.contents(atPath: path) else { throw InputError(file: path, message: "cannot be read") }
        guard data.count <= limit else {
            throw InputError(file: path, message: "the file is \(data.count) bytes; at most \(limit) bytes are read")
        }
        return SourceFile(role: role, path: path, sha256: SHA256.hex(data), bytes: data.count, content: data)
    }

    /// Reads `relative` under the bidder's folder `root` without following a symbolic link at any
    /// component of its path (`NoFollow`), at most `limit` bytes.
    static func read(role: String, relative: String, under root: String, limit: Int) throws -> SourceFile {
        let path = PathText.child(root, relative)
        let descriptor = try NoFollow.openFile(relative, under: root)
        defer { close(descriptor) }
        let bytes: [UInt8]
        do { bytes = try XMLDocument.readBounded(descriptor: descriptor, name: path, limit: limit) } catch {
            throw InputError(
                file: path,
                message: error.kind == .tooLarge ? "the file is larger than \(limit) bytes; at most \(limit) bytes are read" : error.message
            )
        }
        let data = Data(bytes)
        return SourceFile(role: role, path: path, sha256: SHA256.hex(data), bytes: data.count, content: data)
    }

    /// The bytes as text: UTF-8 (with or without BOM) or UTF-16 with BOM; anything else is refused
    /// at its line (`TextFile`), never read with U+FFFD in place of a letter.
    func text() throws -> String { try TextFile.decode(content ?? Data(), path: path) }
}

/// One bidder: its own ESPD response, the responses of consortium members, relied-upon
/// entities and subcontractors, and the optional bidder.yaml and supply-chain declaration.
public struct Submission: Sendable {
    /// The folder or file the user named.
    public var location: String
    public var espd: ESPDDocument
    /// Responses of other entities in the bid (members, relied-upon entities, subcontractors).
    public var otherESPDs: [ESPDDocument]
    public var bidder: BidderFile
    public var bidderFilePath: String?
    /// Line of each top-level key in bidder.yaml, for evidence pointers.
    public var bidderFileLines: [String: Int]
    public var supplyChain: [SupplyChainTier]?
    public var supplyChainPath: String?
    /// Values of the supply-chain declaration that could not be used, by line (`solar.declaration-problem`).
    public var supplyChainProblems: [SupplyChainTier.Problem] = []
    public var sources: [SourceFile]
    /// Every file and folder of the bidder's folder, as read, refused or not read (empty when a
    /// single file was named).
    public var folder: [FolderEntry] = []

    public var displayName: String {
        bidder.name ?? espd.economicOperator?.name ?? URL(fileURLWithPath: location).deletingPathExtension().lastPathComponent
    }

    /// The bidder's KvK number: bidder.yaml first, else an ESPD identifier that looks like one.
    public var kvk: String? {
        bidder.kvk
            ?? espd.economicOperator?.identifiers.first { id in
                let scheme = id.scheme?.lowercased() ?? ""
                return scheme.contains("kvk") || (id.value.count == 8 && id.value.allSatisfy(\.isNumber))
            }?.value
    }

    /// The bidder file's country of establishment, else the ESPD's.
    public var country: Country? { bidder.country ?? espd.economicOperator?.establishedIn }

    /// Pointer into bidder.yaml at a top-level key.
    public func bidderPointer(_ key: String, excerpt: String? = nil) -> EvidencePointer {
        EvidencePointer(file: bidderFilePath ?? location, line: bidderFileLines[key], path: key, excerpt: excerpt)
    }

    /// Why a submission could not be loaded.
    public enum LoadError: Error, CustomStringConvertible, Sendable {
        case espd(ESPDReadError)
        case input(InputError)
        public var description: String {
            switch self {
            case .espd(let e): return e.description
            case .input(let e): return e.description
            }
        }
    }

    /// Loads a bidder folder (every *.xml is an ESPD; bidder.yaml and the supply-chain CSV are
    /// optional) or a single ESPD file. The bidder's own ESPD is the response whose operator
    /// role is sole or lead; otherwise the first response in name order.
    /// - Parameter hashAlongside: hash each file on a thread of its own while it is parsed (for a
    ///   run with a core to spare: one bidder, two cores).
    /// - Parameter request: the tender's ESPD request (a path, parsed here; or `requestDocument`, parsed once by the caller).
    public static func load(
        _ location: String, limits: ParseLimits = ParseLimits(), request: String? = nil, requestDocument: XMLDocument? = nil,
        hashAlongside: Bool = false, validator: ESPDSchemas.Validator? = nil
    ) throws(LoadError) -> Submission {
        var requestDocument = requestDocument
        if requestDocument == nil, let request {
            do { requestDocument = try XMLDocument.parse(contentsOf: request, limits: limits) } catch { throw .espd(.xml(error)) }
        }
        var found = try locate(location)
        let (documents, hashes) = try readESPDs(
            found, location: location, limits: limits, requestDocument: requestDocument, hashAlongside: hashAlongside,
            validator: validator)
        let responses = documents.filter { $0.kind == .response }
        let main = responses.first { ["sole", "lead"].contains($0.economicOperator?.role ?? "") } ?? responses.first ?? documents[0]
        let inputs = try readBidderFiles(&found, location: location, documents: documents, hashes: hashes, main: main)
        return Submission(
            location: location, espd: main, otherESPDs: documents.filter { $0.source != main.source },
            bidder: inputs.bidder, bidderFilePath: found.bidderPath, bidderFileLines: inputs.lines,
            supplyChain: inputs.supplyChain, supplyChainPath: inputs.supplyChainPath, supplyChainProblems: inputs.supplyChainProblems,
            sources: inputs.sources, folder: found.survey.entries)
    }

    /// A bid's ESPD files and its bidder.yaml, as found in its folder (or the one file named).
    struct Located {
        var xmlFiles: [String] = []
        var bidderPath: String? = nil
        /// A folder's files by their path relative to it: opened without following links.
        var relativeOf: [String: String] = [:]
        var survey = BidderFolder()
    }

    /// What bidder.yaml and the files it names give, with the sources for the dossier.
    struct BidderInputs {
        var bidder = BidderFile()
        var lines: [String: Int] = [:]
        var supplyChain: [SupplyChainTier]? = nil
        var supplyChainPath: String? = nil
        var supplyChainProblems: [SupplyChainTier.Problem] = []
        var sources: [SourceFile] = []
    }

    /// Phase 1: the ESPD files of a folder (its own first) and its bidder.yaml, or the one file named.
    static func locate(_ location: String) throws(LoadError) -> Located {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: location, isDirectory: &isDirectory) else {
            throw .input(InputError(file: location, message: "no such file or folder"))
        }
        var found = Located()
        if isDirectory.boolValue {
            // What a bidder hands in is read as the files themselves: a symbolic link (to /etc/shadow,
            // to another bidder's file, a linked subfolder) or a FIFO (which would hang the run) is
            // refused by name; every other entry is listed as read, refused or not read.
            do { found.survey = try BidderFolder.survey(location) } catch let error as InputError { throw .input(error) } catch {
                throw .input(InputError(file: location, message: "folder cannot be read"))
            }
            // The folder's own files first: the bid's own ESPD is at its top, members' may be below.
            let depth = { (path: String) in path.split(separator: "/").count }
            for relative in found.survey.espdFiles.sorted(by: { (depth($0), $0) < (depth($1), $1) }) {
                let path = PathText.child(location, relative)
                found.xmlFiles.append(path)
                found.relativeOf[path] = relative
            }
            found.bidderPath = found.survey.bidderFile.map { PathText.child(location, $0) }
            if found.xmlFiles.isEmpty {
                let others = found.survey.entries.filter { $0.status != .read || !$0.path.hasSuffix("/") }.map(\.path).prefix(5)
                    .joined(separator: ", ")
                throw .input(
                    InputError(
                        file: location,
                        message: "folder holds no ESPD response (*.xml)"
                            + (others.isEmpty ? "" : "; found: \(others); an ESPD must be handed in as XML")))
            }
        } else {
            // A file named on its own may be a link the user chose, but a FIFO would hang the run.
            var status = stat()
            if stat(location, &status) == 0, (status.st_mode & S_IFMT) != S_IFREG {
                throw .input(InputError(file: location, message: "is not a regular file (a pipe or device); hand in the file itself"))
            }
            found.xmlFiles = [location]
        }
        return found
    }

    /// Phase 2: each ESPD read once, parsed and validated from the same bytes, and hashed for the dossier.
    static func readESPDs(
        _ found: Located, location: String, limits: ParseLimits, requestDocument: XMLDocument?, hashAlongside: Bool,
        validator: ESPDSchemas.Validator?
    ) throws(LoadError) -> (documents: [ESPDDocument], hashes: [String: SourceFile]) {
        var documents: [ESPDDocument] = []
        var hashes: [String: SourceFile] = [:]
        for file in found.xmlFiles {
            do {
                // Read once: the same bytes are parsed and hashed for the dossier.
                let bytes: [UInt8]
                if let relative = found.relativeOf[file] {
                    let descriptor = try NoFollow.openFile(relative, under: location)
                    defer { close(descriptor) }
                    bytes = try XMLDocument.readBounded(descriptor: descriptor, name: file, limit: limits.maxBytes)
                } else {
                    bytes = try XMLDocument.readBounded(path: file, name: file, limit: limits.maxBytes)
                }
                let hash: Prepared<String>? = hashAlongside ? Prepared({ SHA256.hex(bytes) }) : nil
                // Formal validity against the release's own schemas (`espd.schema-invalid`), from
                // the same parse; the first five problems are kept for the finding.
                let document = try ESPDParser.read(
                    bytes: bytes, sourceName: file, limits: limits, requestDocument: requestDocument, validator: validator, keep: 5)
                documents.append(document)
                // Otherwise hashed after parsing: the first hash of a run initialises OpenSSL
                // (CCrypto/shim.h), which the rule-data thread may be doing meanwhile.
                hashes[file] = SourceFile(
                    role: "espd", path: file, sha256: try hash?.get() ?? SHA256.hex(bytes), bytes: bytes.count, content: Data(bytes))
            } catch let error as XMLParseError {
                throw .espd(.xml(error))
            } catch let error as ESPDReadError {
                throw .espd(error)
            } catch let error as InputError {
                throw .input(error)
            } catch {
                throw .input(InputError(file: file, message: "\(error)"))
            }
        }
        return (documents, hashes)
    }

    /// Phase 3: the sources in order (the bid's ESPD, members' ESPDs), bidder.yaml and the supply-chain
    /// declaration it names, read from the folder without leaving it.
    static func readBidderFiles(
        _ found: inout Located, location: String, documents: [ESPDDocument], hashes: [String: SourceFile], main: ESPDDocument
    ) throws(LoadError) -> BidderInputs {
        var inputs = BidderInputs()
        do {
            for document in documents {
                guard var source = hashes[document.source] else { continue }
                source.role = document.source == main.source ? "espd" : "member-espd"
                inputs.sources.append(source)
            }
            if let bidderPath = found.bidderPath {
                let bidderSource = try SourceFile.read(
                    role: "bidder-file", relative: found.survey.bidderFile ?? "bidder.yaml", under: location, limit: YAMLFile.maxBytes)
                let bidderText = try bidderSource.text()
                inputs.bidder = try YAMLFile.decode(BidderFile.self, text: bidderText, path: bidderPath)
                inputs.lines = YAMLFile.topLevelKeyLines(text: bidderText)
                try inputs.bidder.checkEntitiesOnce(path: bidderPath, line: inputs.lines["entities"])
                inputs.sources.append(bidderSource)
                if let relative = inputs.bidder.supplyChain {
                    // The declaration is a file of the bidder's own folder: no absolute path, no way out.
                    let components = relative.split(separator: "/")
                    guard !relative.hasPrefix("/"), !components.contains(".."), !components.isEmpty else {
                        throw InputError(
                            file: bidderPath, line: inputs.lines["supplyChain"],
                            message: "supplyChain: '\(relative)' must name a file in the bidder's folder")
                    }
                    let path = PathText.child(location, relative)
                    let chainSource = try SourceFile.read(
                        role: "supply-chain", relative: components.joined(separator: "/"), under: location, limit: SupplyChainTier.maxBytes)
                    found.survey.markRead(components.joined(separator: "/"))
                    let declaration = try SupplyChainTier.parseReporting(text: try chainSource.text(), path: path)
                    inputs.supplyChain = declaration.tiers
                    inputs.supplyChainProblems = declaration.problems
                    inputs.supplyChainPath = path
                    inputs.sources.append(chainSource)
                }
            }
        } catch let error as InputError {
            throw .input(error)
        } catch {
            throw .input(InputError(file: location, message: "\(error)"))
        }
        return inputs
    }
}
