import Crypto
import Foundation

/// RFC 6962 (§2.1) Merkle tree hashing: a leaf hash is SHA-256(0x00 ‖ leaf), an interior node
/// SHA-256(0x01 ‖ left ‖ right), the empty tree's root SHA-256 of nothing. Proofs are made and
/// checked as RFC 9162 §2.1.3 and §2.1.4 describe them (the algorithms of RFC 6962, written out).
public enum Merkle {
    /// A node or leaf hash: 32 bytes.
    public typealias Hash = Data

    public static let hashSize = 32

    public static func leafHash(_ leaf: Data) -> Hash {
        var hasher = Crypto.SHA256()
        hasher.update(data: Data([0x00]))
        hasher.update(data: leaf)
        return Data(hasher.finalize())
    }

    public static func nodeHash(_ left: Hash, _ right: Hash) -> Hash {
        var hasher = Crypto.SHA256()
        hasher.update(data: Data([0x01]))
        hasher.update(data: left)
        hasher.update(data: right)
        return Data(hasher.finalize())
    }

    public static let emptyRoot: Hash = Data(Crypto.SHA256.hash(data: Data()))

    /// The largest power of two smaller than `n` (n ≥ 2): where RFC 6962 splits a tree of n leaves.
    static func split(_ n: Int) -> Int {
        var k = 1
        while k << 1 < n { k <<= 1 }
        return k
    }

    // MARK: Verifying

    public enum ProofError: Error, Equatable, CustomStringConvertible {
        case indexOutOfRange
        case badHashSize
        case wrongProofSize
        case rootMismatch
        case sizesOutOfOrder
        case emptyTree

        public var description: String {
            switch self {
            case .indexOutOfRange: "the leaf index is not inside the tree"
            case .badHashSize: "a hash in the proof is not 32 bytes"
            case .wrongProofSize: "the proof has the wrong number of hashes for these sizes"
            case .rootMismatch: "the proof does not lead to the root"
            case .sizesOutOfOrder: "the first tree is larger than the second"
            case .emptyTree: "a consistency proof from the empty tree proves nothing"
            }
        }
    }

    /// Checks that `leafHash` is leaf `index` of the tree of `size` leaves whose root is `root`.
    public static func verifyInclusion(index: Int, size: Int, leafHash: Hash, proof: [Hash], root: Hash) throws(ProofError) {
        guard index >= 0, index < size else { throw .indexOutOfRange }
        guard leafHash.count == hashSize, root.count == hashSize, proof.allSatisfy({ $0.count == hashSize }) else { throw .badHashSize }
        guard try rootFromInclusion(index: index, size: size, leafHash: leafHash, proof: proof) == root else { throw .rootMismatch }
    }

    /// The root an inclusion proof leads to (RFC 9162 §2.1.3.2).
    static func rootFromInclusion(index: Int, size: Int, leafHash: Hash, proof: [Hash]) throws(ProofError) -> Hash {
        var fn = index
        var sn = size - 1
        var r = leafHash
        for p in proof {
            guard sn > 0 else { throw .wrongProofSize }
            if fn & 1 == 1 || fn == sn {
                r = nodeHash(p, r)
                if fn & 1 == 0 {
                    while fn & 1 == 0 && fn != 0 {
                        fn >>= 1
                        sn >>= 1
                    }
                }
            } else {
                r = nodeHash(r, p)
            }
            fn >>= 1
            sn >>= 1
        }
        guard sn == 0 else { throw .wrongProofSize }
        return r
    }

    /// Checks that the tree of `size1` leaves with root `root1` is a prefix of the tree of
    /// `size2` leaves with root `root2` (RFC 9162 §2.1.4.2).
    public static func verifyConsistency(size1: Int, size2: Int, root1: Hash, root2: Hash, proof: [Hash]) throws(ProofError) {
        guard size1 >= 0, size2 >= size1 else { throw .sizesOutOfOrder }
        // Every tree extends the empty one: a proof from size 0 proves nothing and is refused.
        guard size1 > 0 else { throw .emptyTree }
        if size1 == size2 {
            // The same tree: nothing to prove, the roots must be the same bytes.
            guard proof.isEmpty else { throw .wrongProofSize }
            guard root1 == root2 else { throw .rootMismatch }
            return
        }
        guard root1.count == hashSize, root2.count == hashSize, proof.allSatisfy({ $0.count == hashSize }) else { throw .badHashSize }
        guard !proof.isEmpty else { throw .wrongProofSize }
        var path = proof
        if size1 & (size1 - 1) == 0 { path.insert(root1, at: 0) }
        var fn = size1 - 1
        var sn = size2 - 1
        while fn & 1 == 1 {
            fn >>= 1
            sn >>= 1
        }
        var fr = path[0]
        var sr = path[0]
        for c in path.dropFirst() {
            guard sn > 0 else { throw .wrongProofSize }
            if fn & 1 == 1 || fn == sn {
                fr = nodeHash(c, fr)
                sr = nodeHash(c, sr)
                if fn & 1 == 0 {
                    while fn & 1 == 0 && fn != 0 {
                        fn >>= 1
                        sn >>= 1
                    }
                }
            } else {
                sr = nodeHash(sr, c)
            }
            fn >>= 1
            sn >>= 1
        }
        guard sn == 0 else { throw .wrongProofSize }
        guard fr == root1, sr == root2 else { throw .rootMismatch }
    }
}

/// The right edge of a tree being built: the roots of its perfect subtrees, largest first (at
/// most 64 hashes whatever the size). Appending a leaf and reading the root cost O(log n), so a
/// store can keep its tree head current without reading its entries again.
public struct MerkleFrontier: Sendable, Equatable {
    public private(set) var size: Int
    public private(set) var hashes: [Merkle.Hash]

    public init() {
        size = 0
        hashes = []
    }

    /// A frontier as saved (`hashes` must be the subtrees of `size`: one per bit set).
    public init?(size: Int, hashes: [Merkle.Hash]) {
        guard size >= 0, size.nonzeroBitCount == hashes.count, hashes.allSatisfy({ $0.count == Merkle.hashSize }) else { return nil }
        self.size = size
        self.hashes = hashes
    }

    public mutating func append(leafHash: Merkle.Hash) {
        hashes.append(leafHash)
        size += 1
        // Merge equal-sized subtrees: as many as trailing zero bits of the new size.
        var merges = size.trailingZeroBitCount
        while merges > 0 {
            let right = hashes.removeLast()
            let left = hashes.removeLast()
            hashes.append(Merkle.nodeHash(left, right))
            merges -= 1
        }
    }

    /// The RFC 6962 root of the tree so far.
    public var root: Merkle.Hash {
        guard var root = hashes.last else { return Merkle.emptyRoot }
        for left in hashes.dropLast().reversed() { root = Merkle.nodeHash(left, root) }
        return root
    }
}

/// Every level of a tree kept in memory (2n hashes), to make inclusion and consistency proofs for
/// any leaf in O(log² n) hashing: an export proves each of its dossiers from one pass over the chain.
public struct MerkleTree: Sendable {
    /// levels[0]: the leaf hashes; levels[i]: the roots of the perfect subtrees of 2^i leaves.
    private var levels: [[Merkle.Hash]] = [[]]

    public init() {}

    public init(leafHashes: [Merkle.Hash]) {
        for hash in leafHashes { append(leafHash: hash) }
    }

    public var size: Int { levels[0].count }

    public mutating func append(leafHash: Merkle.Hash) {
        levels[0].append(leafHash)
        var level = 0
        while levels[level].count % 2 == 0 {
            let count = levels[level].count
            let parent = Merkle.nodeHash(levels[level][count - 2], levels[level][count - 1])
            if levels.count == level + 1 { levels.append([]) }
            levels[level + 1].append(parent)
            level += 1
        }
    }

    /// The root of the first `size` leaves.
    public func root(size: Int? = nil) -> Merkle.Hash {
        let size = size ?? self.size
        return size == 0 ? Merkle.emptyRoot : hash(0, size)
    }

    /// The hash of leaves [start, end): a kept node when the range is a perfect aligned subtree.
    private func hash(_ start: Int, _ end: Int) -> Merkle.Hash {
        let n = end - start
        if n & (n - 1) == 0 {
            let level = n.trailingZeroBitCount
            if start % n == 0, level < levels.count, start / n < levels[level].count { return levels[level][start / n] }
        }
        let k = Merkle.split(n)
        return Merkle.nodeHash(hash(start, start + k), hash(start + k, end))
    }

    /// RFC 6962 §2.1.1 PATH(index, D[size]).
    public func inclusionProof(index: Int, size: Int? = nil) -> [Merkle.Hash] {
        let size = size ?? self.size
        precondition(index >= 0 && index < size && size <= self.size)
        var proof: [Merkle.Hash] = []
        func path(_ m: Int, _ start: Int, _ end: Int) {
            let n = end - start
            guard n > 1 else { return }
            let k = Merkle.split(n)
            if m < k {
                path(m, start, start + k)
                proof.append(hash(start + k, end))
            } else {
                path(m - k, start + k, end)
                proof.append(hash(start, start + k))
            }
        }
        path(index, 0, size)
        return proof
    }

    /// RFC 6962 §2.1.2 PROOF(size1, D[size2]).
    public func consistencyProof(from size1: Int, to size2: Int? = nil) -> [Merkle.Hash] {
        let size2 = size2 ?? self.size
        precondition(size1 >= 0 && size1 <= size2 && size2 <= self.size)
        guard size1 > 0, size1 < size2 else { return [] }
        var proof: [Merkle.Hash] = []
        func subproof(_ m: Int, _ start: Int, _ end: Int, _ complete: Bool) {
            let n = end - start
            if m == n {
                if !complete { proof.append(hash(start, end)) }
                return
            }
            let k = Merkle.split(n)
            if m <= k {
                subproof(m, start, start + k, complete)
                proof.append(hash(start + k, end))
            } else {
                subproof(m - k, start + k, end, false)
                proof.append(hash(start, start + k))
            }
        }
        subproof(size1, 0, size2, true)
        return proof
    }
}

extension Merkle {
    /// Checks that `leafHash` is leaf `index` of the subtree [start, end) whose root is `root`
    /// (draft-ietf-plants-merkle-tree-certs, "Subtrees": `start` is a multiple of the smallest power
    /// of two not below the subtree's size; the proof is an inclusion proof inside the subtree).
    public static func verifySubtreeInclusion(
        index: Int, start: Int, end: Int, leafHash: Hash, proof: [Hash], root: Hash
    ) throws(ProofError) {
        guard start >= 0, start < end, index >= start, index < end else { throw .indexOutOfRange }
        let size = end - start
        var width = 1
        while width < size { width <<= 1 }
        guard start % width == 0 else { throw .indexOutOfRange }
        try verifyInclusion(index: index - start, size: size, leafHash: leafHash, proof: proof, root: root)
    }
}
