import Foundation
import TestSupport
import Testing

@testable import Transparency

@Suite struct SignedNoteTests {
    static func hex(_ text: String) -> Data {
        var data = Data()
        var index = text.startIndex
        while index < text.endIndex {
            let next = text.index(index, offsetBy: 2)
            data.append(UInt8(text[index..<next], radix: 16)!)
            index = next
        }
        return data
    }

    /// RFC 8032 §7.1, tests 1–3: the public key from the seed, and the signature (Ed25519 is
    /// deterministic; swift-crypto on Linux signs with BoringSSL) verifies and is the published one.
    @Test(arguments: [
        (
            "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
            "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a",
            "",
            "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b"
        ),
        (
            "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb",
            "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c",
            "72",
            "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00"
        ),
        (
            "c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7",
            "fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025",
            "af82",
            "6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a"
        ),
    ])
    func rfc8032(seed: String, publicKey: String, message: String, signature: String) throws {
        let signer = try NoteSigner(name: "rfc8032", seed: Self.hex(seed))
        #expect(signer.publicKey == Self.hex(publicKey))
        #expect(signer.verifier.verify(Self.hex(signature), for: Self.hex(message)))
        #expect(try signer.signature(for: Self.hex(message)) == Self.hex(signature))
        var flipped = Self.hex(signature)
        flipped[5] ^= 0x01
        #expect(!signer.verifier.verify(flipped, for: Self.hex(message)))
    }

    static let spec = Paths.shared.appendingPathComponent("corpus/transparency/c2sp/signed-note.md")
    static let specPresent = FileManager.default.fileExists(atPath: spec.path)

    /// The example of c2sp.org/signed-note, read from the specification in ../shared: its verifier
    /// key opens its note, and a changed text or an unknown key does not.
    @Test(.enabled(if: specPresent, Comment(rawValue: "needs \(spec.path), which is absent: skipped")))
    func specificationExample() throws {
        let text = try String(contentsOf: Self.spec, encoding: .utf8)
        let vkeyLine = try #require(text.split(separator: "\n").first { $0.hasPrefix("    example.com/foo+") })
        let verifier = try NoteVerifier(vkey: String(vkeyLine.trimmingCharacters(in: .whitespaces)))
        let start = try #require(text.range(of: "This is an example message."))
        let end = try #require(text.range(of: "```", range: start.upperBound..<text.endIndex))
        let note = String(text[start.lowerBound..<end.lowerBound])
        let opened = try SignedNote.open(note, verifiers: [verifier])
        #expect(opened.text == "This is an example message.\n")
        #expect(opened.verifiedBy == ["example.com/foo"])
        #expect(verifier.vkey == vkeyLine.trimmingCharacters(in: .whitespaces))
        #expect(throws: SignedNote.FormatError.self) {
            try SignedNote.open(note.replacingOccurrences(of: "example message", with: "exemplary message"), verifiers: [verifier])
        }
        let other = try NoteSigner(name: "example.com/foo")
        #expect(throws: SignedNote.FormatError.self) { try SignedNote.open(note, verifiers: [other.verifier]) }
    }

    @Test func signAndOpen() throws {
        let signer = try NoteSigner(name: "uea-screen.example/store")
        let note = try SignedNote.sign("one\ntwo\n", by: signer)
        #expect(note.hasPrefix("one\ntwo\n\n\u{2014} uea-screen.example/store "))
        #expect(try SignedNote.open(note, verifiers: [signer.verifier]).text == "one\ntwo\n")
        // A key read back from its text signs the same way.
        let again = try NoteSigner(skey: signer.skey)
        #expect(again.verifier == signer.verifier)
        #expect(try NoteVerifier(vkey: signer.verifier.vkey) == signer.verifier)
        // An unknown signature beside a known one is ignored; a bad known one rejects the note.
        let stranger = try NoteSigner(name: "witness.example")
        let cosigned = note + String(try SignedNote.sign("one\ntwo\n", by: stranger).split(separator: "\n").last!) + "\n"
        #expect(try SignedNote.open(cosigned, verifiers: [signer.verifier]).verifiedBy == [signer.name])
        // Both known: both must verify; a stranger's signature under the store's name and id would not.
        #expect(try SignedNote.open(cosigned, verifiers: [stranger.verifier, signer.verifier]).verifiedBy.count == 2)
        // Many keys made at random: some base64 keys hold '+', and still read back.
        for _ in 0..<40 {
            let key = try NoteSigner(name: "k")
            #expect(try NoteSigner(skey: key.skey).verifier == key.verifier)
            #expect(try NoteVerifier(vkey: key.verifier.vkey) == key.verifier)
        }
        #expect(throws: SignedNote.FormatError.self) { try SignedNote.open("one\ntwo\n", verifiers: [signer.verifier]) }
        #expect(throws: SignedNote.FormatError.self) {
            try SignedNote.open(note.replacingOccurrences(of: "two", with: "tw\u{7}"), verifiers: [signer.verifier])
        }
        #expect(throws: SignedNote.FormatError.self) { try NoteSigner(name: "has space") }
        #expect(throws: SignedNote.FormatError.self) { try NoteVerifier(vkey: "a+b") }
        var tampered = signer.verifier.vkey
        tampered.replaceSubrange(
            tampered.index(
                tampered.startIndex, offsetBy: signer.name.count + 1)..<tampered.index(tampered.startIndex, offsetBy: signer.name.count + 2),
            with: tampered.contains("+0") ? "1" : "0")
        #expect(throws: SignedNote.FormatError.self) { try NoteVerifier(vkey: tampered) }
    }

    @Test func checkpointAndProof() throws {
        let signer = try NoteSigner(name: "uea-screen.example/store")
        var tree = MerkleTree()
        for leaf in 0..<11 { tree.append(leafHash: Merkle.leafHash(Data("entry \(leaf)".utf8))) }
        let checkpoint = Checkpoint(origin: signer.name, size: tree.size, root: tree.root())
        let signed = try checkpoint.signed(by: signer)
        #expect(try Checkpoint.open(signed, verifier: signer.verifier) == checkpoint)
        let proof = TlogProof(index: 6, proof: tree.inclusionProof(index: 6), checkpoint: signed)
        let parsed = try TlogProof(text: proof.text)
        #expect(parsed == proof)
        #expect(try parsed.verify(leafHash: Merkle.leafHash(Data("entry 6".utf8)), verifier: signer.verifier) == checkpoint)
        #expect(throws: SignedNote.FormatError.self) {
            try parsed.verify(leafHash: Merkle.leafHash(Data("entry 7".utf8)), verifier: signer.verifier)
        }
        // A checkpoint signed by another key with the same name is not the store's.
        let impostor = try NoteSigner(name: signer.name)
        #expect(throws: SignedNote.FormatError.self) {
            try parsed.verify(leafHash: Merkle.leafHash(Data("entry 6".utf8)), verifier: impostor.verifier)
        }
        let withExtra = TlogProof(extra: Data("x".utf8), index: 0, proof: [], checkpoint: signed)
        #expect(try TlogProof(text: withExtra.text) == withExtra)
        #expect(throws: SignedNote.FormatError.self) {
            try TlogProof(text: proof.text.replacingOccurrences(of: "index 6", with: "index 06"))
        }
        #expect(throws: SignedNote.FormatError.self) { try Checkpoint(text: "origin\n011\nAAAA\n") }
    }

    /// A consistency proof as the body of a C2SP tlog-witness add-checkpoint request, from every
    /// earlier size of an 11-leaf tree; the wrong start, another log's checkpoint, a tree that is
    /// not an extension and a proof of more than 63 lines are refused.
    @Test func consistencyProof() throws {
        let signer = try NoteSigner(name: "uea-screen.example/store")
        var tree = MerkleTree()
        for leaf in 0..<11 { tree.append(leafHash: Merkle.leafHash(Data("entry \(leaf)".utf8))) }
        let new = Checkpoint(origin: signer.name, size: 11, root: tree.root())
        let signed = try new.signed(by: signer)
        for size in 1...11 {
            let old = Checkpoint(origin: signer.name, size: size, root: tree.root(size: size))
            let proof = ConsistencyProof(oldSize: size, proof: tree.consistencyProof(from: size), checkpoint: signed)
            #expect(proof.text.hasPrefix("old \(size)\n"))
            let parsed = try ConsistencyProof(text: proof.text)
            #expect(parsed == proof)
            #expect(try parsed.verify(from: old, verifier: signer.verifier) == new)
            // A proof read against a checkpoint of another size, or of another tree of this size: refused.
            if size > 1 {
                let other = Checkpoint(origin: signer.name, size: size - 1, root: tree.root(size: size - 1))
                #expect(throws: SignedNote.FormatError.self) { try parsed.verify(from: other, verifier: signer.verifier) }
                let fork = Checkpoint(origin: signer.name, size: size, root: tree.root(size: size - 1))
                #expect(throws: SignedNote.FormatError.self) { try parsed.verify(from: fork, verifier: signer.verifier) }
            }
            let elsewhere = Checkpoint(origin: "other.example/log", size: size, root: tree.root(size: size))
            #expect(throws: SignedNote.FormatError.self) { try parsed.verify(from: elsewhere, verifier: signer.verifier) }
        }
        let long = "old 1\n" + String(repeating: Data(count: 32).base64EncodedString() + "\n", count: 64) + "\n" + signed
        #expect(throws: SignedNote.FormatError.self) { try ConsistencyProof(text: long) }
        #expect(throws: SignedNote.FormatError.self) { try ConsistencyProof(text: "old 01\n\n" + signed) }
    }
}
