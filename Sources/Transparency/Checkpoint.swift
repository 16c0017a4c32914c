import Foundation

/// A C2SP tlog-checkpoint (c2sp.org/tlog-checkpoint): the note text `origin`, tree size and
/// base64 root hash, one per line, then optional extension lines.
public struct Checkpoint: Sendable, Equatable {
    public var origin: String
    public var size: Int
    public var root: Merkle.Hash
    public var extensions: [String]

    public init(origin: String, size: Int, root: Merkle.Hash, extensions: [String] = []) {
        self.origin = origin
        self.size = size
        self.root = root
        self.extensions = extensions
    }

    public var text: String {
        ([origin, String(size), root.base64EncodedString()] + extensions).map { $0 + "\n" }.joined()
    }

    public init(text: String) throws {
        guard text.hasSuffix("\n") else { throw SignedNote.FormatError("a checkpoint ends in a newline") }
        let lines = text.dropLast().split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard lines.count >= 3, lines.allSatisfy({ !$0.isEmpty }) else {
            throw SignedNote.FormatError("a checkpoint has origin, size and root, each on a non-empty line")
        }
        guard let size = Int(lines[1]), size >= 0, String(size) == lines[1] else {
            throw SignedNote.FormatError("the checkpoint's size '\(lines[1].prefix(24))' is not a decimal without leading zeros")
        }
        guard let root = Data(base64Encoded: lines[2]), root.count == Merkle.hashSize else {
            throw SignedNote.FormatError("the checkpoint's root is not a base64 SHA-256")
        }
        self.init(origin: lines[0], size: size, root: root, extensions: Array(lines.dropFirst(3)))
    }

    /// The checkpoint signed by `signer` (whose key name should be the origin).
    public func signed(by signer: NoteSigner) throws -> String { try SignedNote.sign(text, by: signer) }

    /// Opens a signed checkpoint: the signature of `verifier` must verify and its name be the origin.
    public static func open(_ note: String, verifier: NoteVerifier) throws -> Checkpoint {
        let (text, _) = try SignedNote.open(note, verifiers: [verifier])
        let checkpoint = try Checkpoint(text: text)
        guard checkpoint.origin == verifier.name else {
            throw SignedNote.FormatError("the checkpoint's origin '\(checkpoint.origin)' is not the key's name '\(verifier.name)'")
        }
        return checkpoint
    }
}

/// A C2SP tlog-proof (c2sp.org/tlog-proof@v1): the entry's index, its inclusion proof and the
/// signed checkpoint it leads to, verifiable offline with the log's verifier key.
public struct TlogProof: Sendable, Equatable {
    public static let header = "c2sp.org/tlog-proof@v1"
    public var extra: Data?
    public var index: Int
    public var proof: [Merkle.Hash]
    /// The signed checkpoint, verbatim.
    public var checkpoint: String

    public init(extra: Data? = nil, index: Int, proof: [Merkle.Hash], checkpoint: String) {
        self.extra = extra
        self.index = index
        self.proof = proof
        self.checkpoint = checkpoint
    }

    public var text: String {
        var lines = [Self.header]
        if let extra { lines.append("extra " + extra.base64EncodedString()) }
        lines.append("index \(index)")
        lines += proof.map { $0.base64EncodedString() }
        return lines.map { $0 + "\n" }.joined() + "\n" + checkpoint
    }

    public init(text: String) throws {
        guard let blank = text.range(of: "\n\n") else {
            throw SignedNote.FormatError("a tlog proof has a blank line before its checkpoint")
        }
        var lines = text[..<blank.lowerBound].split(separator: "\n", omittingEmptySubsequences: false).map(String.init)[...]
        guard lines.popFirst() == Self.header else { throw SignedNote.FormatError("a tlog proof starts with \(Self.header)") }
        var extra: Data? = nil
        if let line = lines.first, line.hasPrefix("extra ") {
            guard let bytes = Data(base64Encoded: String(line.dropFirst(6))) else {
                throw SignedNote.FormatError("the extra line is not base64")
            }
            extra = bytes
            lines = lines.dropFirst()
        }
        guard let line = lines.popFirst(), line.hasPrefix("index "), let index = Int(line.dropFirst(6)), index >= 0,
            String(index) == line.dropFirst(6)
        else { throw SignedNote.FormatError("a tlog proof names its index ('index N', no leading zeros)") }
        var proof: [Merkle.Hash] = []
        for line in lines {
            guard let hash = Data(base64Encoded: line), hash.count == Merkle.hashSize else {
                throw SignedNote.FormatError("a proof line is not a base64 SHA-256")
            }
            proof.append(hash)
        }
        self.init(extra: extra, index: index, proof: proof, checkpoint: String(text[blank.upperBound...]))
    }

    /// Checks the proof for `leafHash` against `verifier`: the checkpoint is signed by it, its
    /// origin is its name, and the inclusion proof leads from the leaf to the checkpoint's root.
    public func verify(leafHash: Merkle.Hash, verifier: NoteVerifier) throws -> Checkpoint {
        let checkpoint = try Checkpoint.open(checkpoint, verifier: verifier)
        do {
            try Merkle.verifyInclusion(index: index, size: checkpoint.size, leafHash: leafHash, proof: proof, root: checkpoint.root)
        } catch { throw SignedNote.FormatError("inclusion proof: \(error)") }
        return checkpoint
    }
}

/// A consistency proof from an earlier checkpoint of the log to a later signed one, written as the
/// body of a C2SP tlog-witness `add-checkpoint` request (c2sp.org/tlog-witness): the line `old N`
/// (the earlier size, decimal without leading zeros), one base64 hash per line (the RFC 6962
/// §2.1.2 consistency proof, at most 63), an empty line, then the signed checkpoint. Whoever kept
/// the earlier checkpoint checks with it and the log's verifier key alone that the later tree
/// extends it: nothing it covered was changed or removed.
public struct ConsistencyProof: Sendable, Equatable {
    public var oldSize: Int
    public var proof: [Merkle.Hash]
    /// The later signed checkpoint, verbatim.
    public var checkpoint: String

    public init(oldSize: Int, proof: [Merkle.Hash], checkpoint: String) {
        self.oldSize = oldSize
        self.proof = proof
        self.checkpoint = checkpoint
    }

    public var text: String {
        (["old \(oldSize)"] + proof.map { $0.base64EncodedString() }).map { $0 + "\n" }.joined() + "\n" + checkpoint
    }

    public init(text: String) throws {
        guard let blank = text.range(of: "\n\n") else {
            throw SignedNote.FormatError("a consistency proof has an empty line before its checkpoint")
        }
        var lines = text[..<blank.lowerBound].split(separator: "\n", omittingEmptySubsequences: false).map(String.init)[...]
        guard let line = lines.popFirst(), line.hasPrefix("old "), let size = Int(line.dropFirst(4)), size >= 0,
            String(size) == line.dropFirst(4)
        else { throw SignedNote.FormatError("a consistency proof starts with 'old N' (the earlier size, no leading zeros)") }
        guard lines.count <= 63 else { throw SignedNote.FormatError("a consistency proof has at most 63 hash lines") }
        var proof: [Merkle.Hash] = []
        for line in lines {
            guard let hash = Data(base64Encoded: line), hash.count == Merkle.hashSize else {
                throw SignedNote.FormatError("a proof line is not a base64 SHA-256")
            }
            proof.append(hash)
        }
        self.init(oldSize: size, proof: proof, checkpoint: String(text[blank.upperBound...]))
    }

    /// Checks the proof from `old` (a checkpoint the caller trusts, of the same log) with
    /// `verifier`: the later checkpoint is signed by it, is of the same log, is not smaller, and
    /// its tree extends the earlier one (RFC 9162 §2.1.4.2). Returns the later checkpoint.
    public func verify(from old: Checkpoint, verifier: NoteVerifier) throws -> Checkpoint {
        let new = try Checkpoint.open(checkpoint, verifier: verifier)
        guard new.origin == old.origin else {
            throw SignedNote.FormatError("the proof's checkpoint is of '\(new.origin)', the earlier one of '\(old.origin)'")
        }
        guard oldSize == old.size else {
            throw SignedNote.FormatError("the proof starts at size \(oldSize), the earlier checkpoint has \(old.size) entries")
        }
        do {
            try Merkle.verifyConsistency(size1: old.size, size2: new.size, root1: old.root, root2: new.root, proof: proof)
        } catch { throw SignedNote.FormatError("consistency proof from \(old.size) to \(new.size) entries: \(error)") }
        return new
    }
}
