import Foundation
import TestSupport
import Testing

@testable import SafeXML

/// Bids are hostile until proven otherwise: every case here must be refused with a clear
/// error naming the file and line, without touching the file system or the network.
@Suite("Hostile and broken XML is refused")
struct HostileInputTests {
    static let hostile = Paths.repository.appendingPathComponent("Tests/SafeXMLTests/Hostile")

    func refuse(_ name: String, limits: ParseLimits = .default) -> XMLParseError? {
        refusePath(Self.hostile.appendingPathComponent(name).path, limits: limits)
    }

    func refusePath(_ path: String, limits: ParseLimits = .default) -> XMLParseError? {
        let started = Date()
        defer { print("refused \(URL(fileURLWithPath: path).lastPathComponent) in \(Int(Date().timeIntervalSince(started) * 1000)) ms") }
        do {
            _ = try XMLDocument.parse(contentsOf: path, limits: limits)
            return nil
        } catch {
            return error
        }
    }

    @Test("XXE that names /etc/passwd is refused at the DOCTYPE, nothing is read")
    func xxeLocalFile() throws {
        let error = try #require(refuse("xxe-local-file.xml"))
        #expect(error.kind == .doctypeForbidden)
        #expect(error.line == 2)
        #expect(error.file.hasSuffix("xxe-local-file.xml"))
        #expect(!error.description.contains("root:"))
    }

    @Test("XXE naming a local secret never leaks the secret into the error")
    func xxeSecretMarker() throws {
        let directory = try Paths.temporaryDirectory()
        let marker = "SECRET-\(UUID().uuidString)"
        let secret = directory.appendingPathComponent("secret.txt")
        try marker.write(to: secret, atomically: true, encoding: .utf8)
        let bid = directory.appendingPathComponent("bid.xml")
        try """
        <?xml version="1.0"?>
        <!DOCTYPE r [<!ENTITY s SYSTEM "file://\(secret.path)">]>
        <r>&s;</r>
        """.write(to: bid, atomically: true, encoding: .utf8)
        let error = try #require(refusePath(bid.path))
        #expect(error.kind == .doctypeForbidden)
        #expect(!error.description.contains(marker))
        #expect(!error.message.contains(marker))
    }

    @Test("External DTD and parameter entity over http are refused without a connection", arguments: ["dtd", "entity"])
    func externalOverHTTP(kind: String) throws {
        let listener = try LoopbackListener()
        defer { listener.close() }
        let directory = try Paths.temporaryDirectory()
        let bid = directory.appendingPathComponent("bid.xml")
        let url = "http://127.0.0.1:\(listener.port)/espd.dtd"
        let text =
            kind == "dtd"
            ? "<?xml version=\"1.0\"?>\n<!DOCTYPE r SYSTEM \"\(url)\">\n<r/>\n"
            : "<?xml version=\"1.0\"?>\n<!DOCTYPE r [\n<!ENTITY % remote SYSTEM \"\(url)\">\n%remote;\n]>\n<r/>\n"
        try text.write(to: bid, atomically: true, encoding: .utf8)
        let error = try #require(refusePath(bid.path))
        #expect(error.kind == .doctypeForbidden)
        #expect(error.line == 2)
        #expect(listener.connectionAttempted() == false)
        // The committed samples of the same attacks.
        #expect(refuse("external-dtd-http.xml")?.kind == .doctypeForbidden)
        #expect(refuse("external-entity-http.xml")?.kind == .doctypeForbidden)
    }

    @Test("Billion laughs is refused before any entity is declared")
    func billionLaughs() throws {
        // The memory this takes is measured on the binary, one process alone (EndToEnd: InspectCommandTests).
        let error = try #require(refuse("billion-laughs.xml"))
        #expect(error.kind == .doctypeForbidden)
        #expect(error.line == 2)
    }

    @Test("Quadratic blow-up (one 100 kB entity referenced 10,000 times) is refused")
    func quadraticBlowup() throws {
        let directory = try Paths.temporaryDirectory()
        let bid = directory.appendingPathComponent("quadratic.xml")
        let big = String(repeating: "a", count: 100_000)
        let body = String(repeating: "&a;", count: 10_000)
        try "<?xml version=\"1.0\"?>\n<!DOCTYPE r [<!ENTITY a \"\(big)\">]>\n<r>\(body)</r>\n".write(
            to: bid, atomically: true, encoding: .utf8)
        let error = try #require(refusePath(bid.path))
        #expect(error.kind == .doctypeForbidden)
    }

    @Test("100,000-deep nesting is refused with a depth error and a line")
    func deepNesting() throws {
        let directory = try Paths.temporaryDirectory()
        let bid = directory.appendingPathComponent("deep.xml")
        let depth = 100_000
        let text = "<?xml version=\"1.0\"?>\n" + String(repeating: "<a>", count: depth) + String(repeating: "</a>", count: depth) + "\n"
        try text.write(to: bid, atomically: true, encoding: .utf8)
        let error = try #require(refusePath(bid.path))
        #expect(error.kind == .malformed)
        #expect(error.line == 2)
        #expect(error.message.lowercased().contains("depth"))
    }

    @Test("Our own depth cap applies below libxml2's")
    func ownDepthCap() throws {
        let text = "<?xml version=\"1.0\"?>\n" + String(repeating: "<a>\n", count: 40) + String(repeating: "</a>", count: 40)
        #expect(throws: XMLParseError.self) {
            try XMLDocument.parse(bytes: Array(text.utf8), sourceName: "deep", limits: ParseLimits(maxDepth: 30))
        }
        #expect(throws: Never.self) {
            try XMLDocument.parse(bytes: Array(text.utf8), sourceName: "deep", limits: ParseLimits(maxDepth: 40))
        }
    }

    @Test("Invalid UTF-8 names the line")
    func invalidUTF8() throws {
        let error = try #require(refuse("invalid-utf8.xml"))
        #expect(error.kind == .malformed)
        #expect(error.line == 3)
        #expect(error.message.contains("UTF-8"))
    }

    @Test("A truncated document is refused at its end")
    func truncated() throws {
        let error = try #require(refuse("truncated.xml"))
        #expect(error.kind == .malformed)
        #expect((error.line ?? 0) >= 8)
    }

    @Test("A real ESPD cut in half is refused, not half-read", .enabled(if: Paths.hasCorpus, Paths.corpusMissing))
    func truncatedRealFile() throws {
        let source = try Data(contentsOf: URL(fileURLWithPath: Paths.corpusFile("edm-v4.1.0/ESPD-Response.xml")))
        let directory = try Paths.temporaryDirectory()
        let bid = directory.appendingPathComponent("half.xml")
        try source.prefix(source.count / 2).write(to: bid)
        let error = try #require(refusePath(bid.path))
        #expect(error.kind == .malformed)
        #expect((error.line ?? 0) > 1000)
    }

    @Test("An empty file is refused as empty")
    func empty() throws {
        let error = try #require(refuse("empty.xml"))
        #expect(error.kind == .empty)
        #expect(error.description.hasSuffix("empty.xml:1: file is empty"))
    }

    @Test("A binary file is refused")
    func binary() throws {
        let error = try #require(refuse("binary.png.xml"))
        #expect(error.kind == .malformed)
        #expect(error.line == 1)
    }

    @Test("An undeclared entity is refused, not passed through")
    func undeclaredEntity() throws {
        let error = try #require(refuse("undeclared-entity.xml"))
        #expect(error.kind == .malformed)
        #expect(error.line == 3)
        #expect(error.message.contains("xxe"))
    }

    @Test("A file over the size cap is refused before it is read", .enabled(if: Paths.hasCorpus, Paths.corpusMissing))
    func tooLarge() throws {
        let error = try #require(refusePath(Paths.corpusFile("edm-v4.1.0/ESPD-Response.xml"), limits: ParseLimits(maxBytes: 100_000)))
        #expect(error.kind == .tooLarge)
        #expect(error.message.contains("100000"))
    }

    @Test("An endless stream (not a regular file, no size) is cut at the cap and refused, not read forever")
    func endlessStream() throws {
        let error = try #require(refusePath("/dev/zero", limits: ParseLimits(maxBytes: 300_000)))
        #expect(error.kind == .tooLarge)
        // Exactly at the cap is fine: a file of maxBytes bytes is read whole.
        let directory = try Paths.temporaryDirectory()
        let file = directory.appendingPathComponent("exact.xml")
        let text = "<r>" + String(repeating: "x", count: 9_993) + "</r>"
        try text.write(to: file, atomically: true, encoding: .utf8)
        #expect(try XMLDocument.readBounded(path: file.path, name: "exact.xml", limit: 10_000) == Array(text.utf8))
        #expect(throws: XMLParseError.self) { try XMLDocument.readBounded(path: file.path, name: "exact.xml", limit: 9_999) }
    }

    @Test("A stream with no size (a pipe) is read whole, past the first buffer, and parses")
    func pipeReadWhole() throws {
        let directory = try Paths.temporaryDirectory()
        let fifo = directory.appendingPathComponent("bid.xml").path
        #expect(mkfifo(fifo, 0o600) == 0)
        let text = "<r>" + String(repeating: "<a>x</a>", count: 2_500) + "</r>"
        let writer = Thread {
            let descriptor = open(fifo, O_WRONLY)
            let utf8 = Array(text.utf8)
            _ = utf8.withUnsafeBytes { write(descriptor, $0.baseAddress!, $0.count) }
            close(descriptor)
        }
        writer.start()
        let bytes = try XMLDocument.readBounded(path: fifo, name: "bid.xml", limit: 100_000)
        #expect(bytes == Array(text.utf8))
        #expect(try XMLDocument.parse(bytes: bytes, sourceName: "bid.xml").root.children.count == 2_500)
    }

    @Test("Missing files and directories are unreadable, with the reason")
    func unreadable() throws {
        #expect(refusePath("/nonexistent/bid.xml")?.message == "no such file")
        #expect(refusePath(NSTemporaryDirectory())?.kind == .unreadable)
    }

    @Test("The malformed corpus file is refused at line 523", .enabled(if: Paths.hasCorpus, Paths.corpusMissing))
    func malformedCorpusFile() throws {
        let error = try #require(refusePath(Paths.corpusFile("edm-v2.1.0/Lots-SelfContained-Response_V2.1.0.xml")))
        #expect(error.kind == .malformed)
        #expect(error.line == 523)
    }
}

/// A TCP listener on 127.0.0.1 that records whether anyone connected.
final class LoopbackListener {
    let socketDescriptor: Int32
    let port: UInt16

    init() throws {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(descriptor, 4) == 0 else { throw POSIXError(.EADDRINUSE) }
        var actual = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &actual) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        port = UInt16(bigEndian: actual.sin_port)
        socketDescriptor = descriptor
        _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) | O_NONBLOCK)
    }

    /// true when a connection is waiting in the backlog.
    func connectionAttempted() -> Bool {
        let client = accept(socketDescriptor, nil, nil)
        if client >= 0 {
            Foundation.close(client)
            return true
        }
        return false
    }

    func close() { Foundation.close(socketDescriptor) }
}
