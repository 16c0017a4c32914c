import Foundation
import TestSupport
import Testing

@testable import Transparency

/// The RFC 6962 test vectors of transparency-dev/merkle in ../shared/corpus/transparency: every
/// happy and adversarial case, each decided as the vector says (`wantErr`).
@Suite struct MerkleVectorTests {
    static let root = Paths.shared.appendingPathComponent("corpus/transparency/merkle-testdata")
    static let present = FileManager.default.fileExists(atPath: root.path)
    static let missing = Comment(rawValue: "needs the transparency test vectors at \(root.path), which are absent: skipped")

    struct Vector: Decodable {
        var leafIdx: UInt64?
        var treeSize: UInt64?
        var start: UInt64?
        var end: UInt64?
        var size: UInt64?
        var size1: UInt64?
        var size2: UInt64?
        var root: String?
        var root1: String?
        var root2: String?
        var leafHash: String?
        var proof: [String]?
        var desc: String
        var wantErr: Bool
    }

    /// Every vector file under `folder`, with its path relative to the test data.
    static func vectors(_ folder: String) throws -> [(String, Vector)] {
        let base = root.appendingPathComponent(folder)
        guard let walker = FileManager.default.enumerator(at: base, includingPropertiesForKeys: nil) else { return [] }
        var found: [(String, Vector)] = []
        for case let url as URL in walker where url.pathExtension == "json" {
            let name = String(url.path.dropFirst(root.path.count + 1))
            found.append((name, try JSONDecoder().decode(Vector.self, from: Data(contentsOf: url))))
        }
        return found.sorted { $0.0 < $1.0 }
    }

    /// A size the verifier can be asked about: a value beyond Int is refused before any hashing.
    static func int(_ value: UInt64?) -> Int? { value.flatMap { $0 <= UInt64(Int.max) ? Int($0) : nil } }
    static func bytes(_ text: String?) -> Data { text.flatMap { Data(base64Encoded: $0) } ?? Data() }
    static func hashes(_ texts: [String]?) -> [Data] { (texts ?? []).map { Data(base64Encoded: $0) ?? Data() } }

    @Test(.enabled(if: present, missing)) func inclusionVectors() throws {
        let all = try Self.vectors("inclusion")
        #expect(all.count > 90)
        for (name, v) in all {
            var failed = false
            if let index = Self.int(v.leafIdx), let size = Self.int(v.treeSize) {
                do {
                    try Merkle.verifyInclusion(
                        index: index, size: size, leafHash: Self.bytes(v.leafHash), proof: Self.hashes(v.proof), root: Self.bytes(v.root))
                } catch { failed = true }
            } else {
                failed = true
            }
            #expect(failed == v.wantErr, "\(name): \(v.desc)")
        }
    }

    @Test(.enabled(if: present, missing)) func consistencyVectors() throws {
        let all = try Self.vectors("consistency")
        #expect(all.count > 90)
        for (name, v) in all {
            var failed = false
            if let size1 = Self.int(v.size1), let size2 = Self.int(v.size2) {
                do {
                    try Merkle.verifyConsistency(
                        size1: size1, size2: size2, root1: Self.bytes(v.root1), root2: Self.bytes(v.root2), proof: Self.hashes(v.proof))
                } catch { failed = true }
            } else {
                failed = true
            }
            #expect(failed == v.wantErr, "\(name): \(v.desc)")
        }
    }

    @Test(.enabled(if: present, missing)) func subtreeInclusionVectors() throws {
        let all = try Self.vectors("subtreeinclusion")
        #expect(all.count > 50)
        for (name, v) in all {
            var failed = false
            if let index = Self.int(v.leafIdx), let start = Self.int(v.start), let end = Self.int(v.end) {
                do {
                    try Merkle.verifySubtreeInclusion(
                        index: index, start: start, end: end, leafHash: Self.bytes(v.leafHash), proof: Self.hashes(v.proof),
                        root: Self.bytes(v.root))
                } catch { failed = true }
            } else {
                failed = true
            }
            #expect(failed == v.wantErr, "\(name): \(v.desc)")
        }
    }

    /// Subtree consistency proofs (draft-ietf-plants-merkle-tree-certs) are not made or read by
    /// uea-screen: its bundles prove inclusion in a checkpointed tree and consistency between two
    /// checkpoints (RFC 6962), both run above on every vector.
    @Test(.disabled("subtree consistency proofs (draft Merkle Tree Certificates) are not used by uea-screen: its vectors are not run"))
    func subtreeConsistencyVectors() {}

    /// Proofs this tree makes verify with the RFC 9162 algorithms, for every leaf of every size up
    /// to 70 and every pair of sizes up to 40, and the frontier's root is the tree's root.
    @Test func madeProofsVerify() throws {
        var tree = MerkleTree()
        var frontier = MerkleFrontier()
        var roots: [Data] = [Merkle.emptyRoot]
        for leaf in 0..<70 {
            let hash = Merkle.leafHash(Data("leaf \(leaf)".utf8))
            tree.append(leafHash: hash)
            frontier.append(leafHash: hash)
            #expect(frontier.root == tree.root())
            roots.append(tree.root())
        }
        for size in 1...70 {
            for index in 0..<size {
                let proof = tree.inclusionProof(index: index, size: size)
                try Merkle.verifyInclusion(
                    index: index, size: size, leafHash: Merkle.leafHash(Data("leaf \(index)".utf8)), proof: proof, root: roots[size])
                #expect(throws: Merkle.ProofError.self) {
                    try Merkle.verifyInclusion(
                        index: index, size: size, leafHash: Merkle.leafHash(Data("leaf \(index + 1)".utf8)), proof: proof,
                        root: roots[size])
                }
            }
        }
        for size2 in 1...40 {
            for size1 in 1...size2 {
                let proof = tree.consistencyProof(from: size1, to: size2)
                try Merkle.verifyConsistency(size1: size1, size2: size2, root1: roots[size1], root2: roots[size2], proof: proof)
                if size1 < size2 {
                    #expect(throws: Merkle.ProofError.self) {
                        try Merkle.verifyConsistency(size1: size1, size2: size2, root1: roots[size1 - 1], root2: roots[size2], proof: proof)
                    }
                }
            }
        }
    }

    /// The RFC 6962 roots of the transparency-dev reference tree (leaves "", 0x00, 0x10, …): the
    /// happy-path inclusion vector of size 8 and the frontier agree.
    @Test(.enabled(if: present, missing)) func referenceRoot() throws {
        let leaves = ["", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f"]
        var frontier = MerkleFrontier()
        for leaf in leaves {
            let data = SignedNoteTests.hex(leaf)
            frontier.append(leafHash: Merkle.leafHash(data))
        }
        let vector = try Self.vectors("inclusion/1").first { $0.0.hasSuffix("happy-path.json") }!.1
        #expect(frontier.root.base64EncodedString() == vector.root)
        #expect(frontier.size == 8)
        #expect(MerkleFrontier(size: 8, hashes: frontier.hashes) == frontier)
        #expect(MerkleFrontier(size: 7, hashes: frontier.hashes) == nil)
    }
}
