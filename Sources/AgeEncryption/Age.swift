import Crypto
import Foundation

/// The age file format, v1 (c2sp.org/age), with X25519 recipients: what an auditor opens with
/// the `age` tool. The primitives (X25519, HKDF-SHA-256, HMAC-SHA-256, ChaCha20-Poly1305) are
/// swift-crypto's; this file only composes them as the specification says.
public enum Age {
    public enum Failure: Error, Equatable, CustomStringConvertible {
        /// The header is not a well-formed v1 header (or a stanza for this identity type is malformed).
        case header(String)
        /// No stanza could be opened with the given identities.
        case noMatch
        /// The header's MAC does not verify: the header was changed.
        case mac
        /// The payload is cut, changed or extended.
        case payload(String)
        case key(String)

        public var description: String {
            switch self {
            case .header(let why): "not a valid age file: \(why)"
            case .noMatch: "the file is not encrypted to this identity"
            case .mac: "the age header was changed (its MAC does not verify)"
            case .payload(let why): "the encrypted content was changed or cut: \(why)"
            case .key(let why): why
            }
        }
    }

    static let version = Data("age-encryption.org/v1\n".utf8)
    static let x25519Info = Data("age-encryption.org/v1/X25519".utf8)
    static let chunk = 64 * 1024
    static let tag = 16

    /// An X25519 identity (`AGE-SECRET-KEY-1…`).
    public struct Identity: Sendable {
        let secret: Data
        public init(_ text: String) throws {
            guard let (hrp, data) = Bech32.decode(text.trimmingCharacters(in: .whitespacesAndNewlines)), hrp == "age-secret-key-",
                data.count == 32
            else { throw Failure.key("not an age X25519 identity (AGE-SECRET-KEY-1…)") }
            secret = data
        }
        /// The first identity in an identity file (`age-keygen` output: comments start with '#').
        public init(file text: String) throws {
            guard let line = text.split(whereSeparator: \.isNewline).first(where: { !$0.hasPrefix("#") && !$0.isEmpty }) else {
                throw Failure.key("the identity file holds no key")
            }
            try self.init(String(line))
        }
        public static func generate() -> Identity { Identity(secret: Curve25519.KeyAgreement.PrivateKey().rawRepresentation) }
        init(secret: Data) { self.secret = secret }
        public var text: String { Bech32.encode(hrp: "AGE-SECRET-KEY-", data: secret).uppercased() }
        public var recipient: Recipient {
            // The secret was accepted as 32 bytes, which every X25519 scalar is.
            Recipient(key: (try! Curve25519.KeyAgreement.PrivateKey(rawRepresentation: secret)).publicKey.rawRepresentation)
        }
    }

    /// An X25519 recipient (`age1…`).
    public struct Recipient: Sendable, Equatable {
        let key: Data
        init(key: Data) { self.key = key }
        public init(_ text: String) throws {
            guard let (hrp, data) = Bech32.decode(text.trimmingCharacters(in: .whitespacesAndNewlines)), hrp == "age", data.count == 32,
                text == text.lowercased()
            else { throw Failure.key("'\(text.prefix(80))' is not an age X25519 recipient (age1…, as age-keygen prints it)") }
            key = data
        }
        public var text: String { Bech32.encode(hrp: "age", data: key) }
    }

    struct Stanza {
        var arguments: [String]
        var body: Data
    }

    /// The parsed header: its stanzas, the bytes the MAC covers, the MAC, and where the payload starts.
    struct Header {
        var stanzas: [Stanza]
        var macked: Data
        var mac: Data
        var payloadStart: Int
    }

    static func parseHeader(_ data: Data) throws(Failure) -> Header {
        let bytes = [UInt8](data.prefix(1 << 20))
        var position = 0
        func line() throws(Failure) -> ArraySlice<UInt8> {
            guard let end = bytes[position...].firstIndex(of: 0x0A) else { throw .header("the header ends without a newline") }
            defer { position = end + 1 }
            return bytes[position..<end]
        }
        guard bytes.starts(with: version) else {
            throw .header(bytes.starts(with: Array("age-encryption.org/".utf8)) ? "an unsupported version" : "no age version line")
        }
        position = version.count
        var stanzas: [Stanza] = []
        while true {
            let start = position
            let current = try line()
            if current.starts(with: Array("---".utf8)) {
                guard current.count == 4 + 43, current[current.startIndex + 3] == 0x20,
                    let mac = AgeBase64.decode(current.dropFirst(4)), mac.count == 32
                else { throw .header("the MAC line is not '--- ' and 43 base64 characters") }
                guard !stanzas.isEmpty else { throw .header("no recipient stanza") }
                return Header(stanzas: stanzas, macked: Data(bytes[0..<(start + 3)]), mac: mac, payloadStart: position)
            }
            guard current.starts(with: Array("-> ".utf8)) else { throw .header("a line that is neither a stanza nor the MAC") }
            let arguments = current.dropFirst(3).split(separator: 0x20, omittingEmptySubsequences: false)
            guard !arguments.isEmpty, arguments.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0 >= 33 && $0 <= 126 } }) else {
                throw .header("a stanza argument is empty or holds a character that is not visible ASCII")
            }
            var body = Data()
            while true {
                let bodyLine = try line()
                guard bodyLine.count <= 64, let decoded = AgeBase64.decode(bodyLine) else {
                    throw .header("a stanza body line is not canonical base64 of at most 64 columns")
                }
                body.append(decoded)
                if bodyLine.count < 64 { break }
            }
            stanzas.append(Stanza(arguments: arguments.map { String(decoding: $0, as: UTF8.self) }, body: body))
        }
    }

    static func hkdf(_ key: Data, salt: Data, info: Data) -> SymmetricKey {
        HKDF<Crypto.SHA256>.deriveKey(
            inputKeyMaterial: SymmetricKey(data: key), salt: salt, info: info, outputByteCount: 32)
    }

    /// The file key from the first X25519 stanza one of `identities` opens.
    static func fileKey(_ header: Header, identities: [Identity]) throws(Failure) -> Data {
        var found: Data? = nil
        for stanza in header.stanzas where stanza.arguments.first == "X25519" {
            guard stanza.arguments.count == 2, let share = AgeBase64.decode(stanza.arguments[1]), share.count == 32 else {
                throw .header("an X25519 stanza without exactly one 32-byte share")
            }
            guard stanza.body.count == 32 else { throw .header("an X25519 stanza whose body is not 32 bytes") }
            guard found == nil else { continue }
            for identity in identities {
                guard let secret = try? Curve25519.KeyAgreement.PrivateKey(rawRepresentation: identity.secret),
                    let peer = try? Curve25519.KeyAgreement.PublicKey(rawRepresentation: share)
                else { continue }
                guard let shared = try? secret.sharedSecretFromKeyAgreement(with: peer) else { throw .header("a low-order share") }
                let sharedBytes = shared.withUnsafeBytes { Data($0) }
                guard sharedBytes.contains(where: { $0 != 0 }) else { throw .header("a low-order share") }
                let wrap = hkdf(sharedBytes, salt: share + identity.recipient.key, info: x25519Info)
                guard let box = try? ChaChaPoly.SealedBox(combined: Data(count: 12) + stanza.body),
                    let key = try? ChaChaPoly.open(box, using: wrap)
                else { continue }
                found = key
                break
            }
        }
        guard let found else { throw .noMatch }
        return found
    }

    /// Decrypts `data` with `identities`, giving the plaintext to `sink` one chunk at a time.
    public static func decrypt(_ data: Data, identities: [Identity], to sink: (Data) throws -> Void) throws {
        let header = try parseHeader(data)
        let key = try fileKey(header, identities: identities)
        let macKey = hkdf(key, salt: Data(), info: Data("header".utf8))
        guard HMAC<Crypto.SHA256>.isValidAuthenticationCode(header.mac, authenticating: header.macked, using: macKey) else {
            throw Failure.mac
        }
        // The nonce is part of the file's framing, like the header (CCTV counts its absence as a header failure).
        guard data.count - header.payloadStart >= 16 else { throw Failure.header("the payload nonce is missing or short") }
        let nonce = data[header.payloadStart..<(header.payloadStart + 16)]
        let payloadKey = hkdf(key, salt: Data(nonce), info: Data("payload".utf8))
        var offset = header.payloadStart + 16
        var counter: UInt64 = 0
        while true {
            let remaining = data.count - offset
            let last = remaining <= chunk + tag
            let size = last ? remaining : chunk + tag
            guard size >= tag else { throw Failure.payload("a chunk shorter than its tag") }
            let nonceBytes = chunkNonce(counter: counter, last: last)
            let sealed = data[offset..<(offset + size)]
            guard
                let box = try? ChaChaPoly.SealedBox(
                    nonce: ChaChaPoly.Nonce(data: nonceBytes), ciphertext: sealed.dropLast(tag), tag: sealed.suffix(tag)),
                let plain = try? ChaChaPoly.open(box, using: payloadKey)
            else { throw Failure.payload("chunk \(counter) does not decrypt") }
            if last && plain.isEmpty && counter > 0 { throw Failure.payload("an empty final chunk after others") }
            try sink(plain)
            if last { return }
            offset += size
            counter += 1
        }
    }

    public static func decrypt(_ data: Data, identities: [Identity]) throws -> Data {
        var out = Data()
        try decrypt(data, identities: identities) { out.append($0) }
        return out
    }

    /// A payload chunk's nonce: an 11-byte big-endian counter, then 0x01 for the final chunk, else 0x00.
    static func chunkNonce(counter: UInt64, last: Bool) -> Data {
        var nonce = Data(count: 12)
        for index in 0..<8 { nonce[3 + index] = UInt8((counter >> UInt64(8 * (7 - index))) & 0xFF) }
        nonce[11] = last ? 1 : 0
        return nonce
    }

    /// Whether `data` starts like an age file.
    public static func isAgeFile(_ prefix: Data) -> Bool { prefix.starts(with: Data("age-encryption.org/".utf8)) }

    /// Encrypts a stream for `recipients`: the header at once, then each 64 KiB chunk as soon as
    /// it is known not to be the last, so memory stays at one chunk whatever the file's size.
    public final class Writer {
        private let output: (Data) throws -> Void
        private let key: SymmetricKey
        private var buffer = Data()
        private var counter: UInt64 = 0

        public init(recipients: [Recipient], output: @escaping (Data) throws -> Void) throws {
            precondition(!recipients.isEmpty)
            self.output = output
            let fileKey = SymmetricKey(size: .init(bitCount: 128)).withUnsafeBytes { Data($0) }
            var header = version
            for recipient in recipients {
                let ephemeral = Curve25519.KeyAgreement.PrivateKey()
                let share = ephemeral.publicKey.rawRepresentation
                let shared = try ephemeral.sharedSecretFromKeyAgreement(
                    with: Curve25519.KeyAgreement.PublicKey(rawRepresentation: recipient.key))
                let wrap = Age.hkdf(shared.withUnsafeBytes { Data($0) }, salt: share + recipient.key, info: Age.x25519Info)
                let sealed = try ChaChaPoly.seal(fileKey, using: wrap, nonce: ChaChaPoly.Nonce(data: Data(count: 12)))
                let body = AgeBase64.encode(sealed.ciphertext + sealed.tag)
                header.append(Data("-> X25519 \(AgeBase64.encode(share))\n\(body)\n".utf8))
            }
            header.append(Data("---".utf8))
            let mac = HMAC<Crypto.SHA256>.authenticationCode(
                for: header, using: Age.hkdf(fileKey, salt: Data(), info: Data("header".utf8)))
            header.append(Data(" \(AgeBase64.encode(Data(mac)))\n".utf8))
            var nonce = Data(count: 16)
            for index in nonce.indices { nonce[index] = UInt8.random(in: 0...255) }
            key = Age.hkdf(fileKey, salt: nonce, info: Data("payload".utf8))
            try output(header + nonce)
        }

        public func write(_ data: Data) throws {
            buffer.append(data)
            while buffer.count > Age.chunk {
                try seal(buffer.prefix(Age.chunk), last: false)
                buffer = Data(buffer.dropFirst(Age.chunk))
            }
        }

        public func finish() throws {
            try seal(buffer, last: true)
            buffer = Data()
        }

        private func seal(_ plain: Data, last: Bool) throws {
            let box = try ChaChaPoly.seal(plain, using: key, nonce: ChaChaPoly.Nonce(data: Age.chunkNonce(counter: counter, last: last)))
            try output(box.ciphertext + box.tag)
            counter += 1
        }
    }
}
