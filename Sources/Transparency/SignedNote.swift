import Crypto
import Foundation

/// C2SP signed-note (c2sp.org/signed-note) with Ed25519 keys (signature type 0x01): a text ending
/// in a newline, a blank line, and signature lines `— <key name> base64(key ID ‖ signature)`.
public enum SignedNote {
    public struct FormatError: Error, Equatable, CustomStringConvertible {
        public var description: String
        public init(_ description: String) { self.description = description }
    }

    /// The most signatures a note may carry here (the spec asks verifiers to accept at least 16).
    public static let maxSignatures = 100

    /// `text` (ending in a newline) signed by `signer`.
    public static func sign(_ text: String, by signer: NoteSigner) throws -> String {
        try checkText(text)
        let signature = try signer.sign(Data(text.utf8))
        return text + "\n" + "\u{2014} \(signer.name) \(signature.base64EncodedString())\n"
    }

    /// One signature line, split but not checked.
    public struct Signature: Sendable, Equatable {
        public var keyName: String
        public var keyID: UInt32
        public var signature: Data
    }

    /// Splits a note into its text and signature lines (nothing verified yet).
    public static func split(_ note: String) throws -> (text: String, signatures: [Signature]) {
        guard note.unicodeScalars.allSatisfy({ $0 == "\n" || $0.value >= 0x20 }) else {
            throw FormatError("the note contains a control character")
        }
        guard note.hasSuffix("\n"), let separator = note.range(of: "\n\n", options: .backwards) else {
            throw FormatError("the note has no blank line before its signatures")
        }
        let text = String(note[..<separator.lowerBound]) + "\n"
        let lines = note[separator.upperBound...].split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        guard !lines.isEmpty else { throw FormatError("the note has no signature") }
        guard lines.count <= maxSignatures else { throw FormatError("the note has more than \(maxSignatures) signatures") }
        var signatures: [Signature] = []
        for line in lines {
            let parts = line.split(separator: " ", omittingEmptySubsequences: false)
            guard parts.count == 3, parts[0] == "\u{2014}", !parts[1].isEmpty, !parts[1].contains("+"),
                let bytes = Data(base64Encoded: String(parts[2])), bytes.count > 4
            else { throw FormatError("a signature line is not '— <key name> <base64>'") }
            let id = bytes.prefix(4).reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
            signatures.append(Signature(keyName: String(parts[1]), keyID: id, signature: Data(bytes.dropFirst(4))))
        }
        return (text, signatures)
    }

    /// The note's text when at least one signature of a known key verifies and none of a known key
    /// fails (signatures of unknown keys are ignored, as the spec requires); `verifiedBy` names the keys.
    public static func open(_ note: String, verifiers: [NoteVerifier]) throws -> (text: String, verifiedBy: [String]) {
        let (text, signatures) = try split(note)
        var verified: [String] = []
        for signature in signatures {
            guard let verifier = verifiers.first(where: { $0.name == signature.keyName && $0.keyID == signature.keyID }) else { continue }
            guard verifier.verify(signature.signature, for: Data(text.utf8)) else {
                throw FormatError("the signature of \(verifier.name) does not verify: the note was changed or signed by another key")
            }
            verified.append(verifier.name)
        }
        guard !verified.isEmpty else {
            throw FormatError("no signature of a trusted key (\(verifiers.map(\.name).joined(separator: ", ")))")
        }
        return (text, verified)
    }

    static func checkText(_ text: String) throws {
        guard text.hasSuffix("\n") else { throw FormatError("a note text ends in a newline") }
        guard text.unicodeScalars.allSatisfy({ $0 == "\n" || $0.value >= 0x20 }) else {
            throw FormatError("a note text has no control characters but newlines")
        }
    }

    /// Key names are non-empty, without Unicode spaces or '+'.
    public static func isValidKeyName(_ name: String) -> Bool {
        !name.isEmpty && !name.contains("+") && !name.unicodeScalars.contains { $0.properties.isWhitespace || $0.value < 0x20 }
    }

    /// SHA-256(key name ‖ 0x0A ‖ 0x01 ‖ public key)[:4], big-endian.
    static func keyID(name: String, publicKey: Data) -> UInt32 {
        var input = Data(name.utf8)
        input.append(0x0A)
        input.append(0x01)
        input.append(publicKey)
        return Data(Crypto.SHA256.hash(data: input)).prefix(4).reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
    }

    static func hex(_ id: UInt32) -> String {
        let digits = String(id, radix: 16)
        return String(repeating: "0", count: 8 - digits.count) + digits
    }
}

/// An Ed25519 signing key with its note key name.
public struct NoteSigner: Sendable {
    public let name: String
    /// The RFC 8032 seed (32 bytes); the key is made from it on use (swift-crypto's key type is not Sendable).
    let seed: Data
    public let publicKey: Data
    func key() throws -> Curve25519.Signing.PrivateKey { try Curve25519.Signing.PrivateKey(rawRepresentation: seed) }

    /// A new random key.
    public init(name: String) throws {
        guard SignedNote.isValidKeyName(name) else { throw SignedNote.FormatError("'\(name)' is not a note key name (no spaces or '+')") }
        self.name = name
        let key = Curve25519.Signing.PrivateKey()
        seed = key.rawRepresentation
        publicKey = key.publicKey.rawRepresentation
    }

    /// The key from its 32-byte RFC 8032 seed.
    public init(name: String, seed: Data) throws {
        guard SignedNote.isValidKeyName(name) else { throw SignedNote.FormatError("'\(name)' is not a note key name (no spaces or '+')") }
        self.name = name
        let key = try Curve25519.Signing.PrivateKey(rawRepresentation: seed)
        self.seed = key.rawRepresentation
        publicKey = key.publicKey.rawRepresentation
    }

    /// The signer key as golang.org/x/mod/sumdb/note writes it:
    /// `PRIVATE+KEY+<name>+<hex key ID>+<base64(0x01 ‖ seed)>`.
    public init(skey: String) throws {
        // The base64 key may itself hold '+': it is everything after the fourth separator.
        let parts = skey.trimmingCharacters(in: .whitespacesAndNewlines).split(
            separator: "+", maxSplits: 4, omittingEmptySubsequences: false)
        guard parts.count == 5, parts[0] == "PRIVATE", parts[1] == "KEY", let bytes = Data(base64Encoded: String(parts[4])),
            bytes.count == 33, bytes.first == 0x01
        else { throw SignedNote.FormatError("not an Ed25519 note signer key (PRIVATE+KEY+name+id+key)") }
        try self.init(name: String(parts[2]), seed: Data(bytes.dropFirst()))
        guard SignedNote.hex(keyID) == parts[3] else { throw SignedNote.FormatError("the signer key's id does not match its key") }
    }

    public var keyID: UInt32 { SignedNote.keyID(name: name, publicKey: publicKey) }

    public var skey: String {
        "PRIVATE+KEY+\(name)+\(SignedNote.hex(keyID))+" + (Data([0x01]) + seed).base64EncodedString()
    }

    public var verifier: NoteVerifier { NoteVerifier(name: name, publicKey: publicKey) }

    /// The key ID followed by the RFC 8032 signature of `message`.
    func sign(_ message: Data) throws -> Data {
        var id = keyID.bigEndian
        var out = Data(bytes: &id, count: 4)
        out.append(try key().signature(for: message))
        return out
    }

    /// A plain RFC 8032 signature (decisions, not notes).
    public func signature(for message: Data) throws -> Data { try key().signature(for: message) }
}

/// An Ed25519 verifier key: `<name>+<hex key ID>+<base64(0x01 ‖ public key)>`.
public struct NoteVerifier: Sendable, Equatable {
    public let name: String
    public let publicKey: Data
    public var keyID: UInt32 { SignedNote.keyID(name: name, publicKey: publicKey) }

    init(name: String, publicKey: Data) {
        self.name = name
        self.publicKey = publicKey
    }

    public init(vkey: String) throws {
        // The base64 key may itself hold '+': it is everything after the second separator.
        let parts = vkey.trimmingCharacters(in: .whitespacesAndNewlines).split(
            separator: "+", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3, SignedNote.isValidKeyName(String(parts[0])), let bytes = Data(base64Encoded: String(parts[2])) else {
            throw SignedNote.FormatError("not a verifier key (name+id+key, as `uea-screen dossier key` prints it)")
        }
        guard bytes.count == 33, bytes.first == 0x01 else {
            throw SignedNote.FormatError("not an Ed25519 verifier key (signature type 0x01, 32-byte key)")
        }
        name = String(parts[0])
        publicKey = Data(bytes.dropFirst())
        guard SignedNote.hex(keyID) == parts[1].lowercased() else {
            throw SignedNote.FormatError("the verifier key's id does not match its name and key")
        }
    }

    public var vkey: String { "\(name)+\(SignedNote.hex(keyID))+" + (Data([0x01]) + publicKey).base64EncodedString() }

    public func verify(_ signature: Data, for message: Data) -> Bool {
        guard let key = try? Curve25519.Signing.PublicKey(rawRepresentation: publicKey) else { return false }
        return key.isValidSignature(signature, for: message)
    }
}
