import CTimestamp
import Crypto
import Foundation

/// RFC 3161 time stamps on checkpoints: a request for the SHA-256 of the bytes to stamp, and the
/// authority's response checked offline against the TSA's certificate chain as it was valid at
/// the token's own genTime (so a token stays provable after its TSA certificate expires, and one
/// made after the certificate expired is refused). OpenSSL's TS functions do the ASN.1 and CMS work
/// (`CTimestamp`); nothing here parses DER.
public enum TimeStamp {
    public struct Failure: Error, Equatable, CustomStringConvertible {
        public var description: String
        public init(_ description: String) { self.description = description }
    }

    /// What a verified token says.
    public struct Verified: Sendable, Equatable {
        /// The token's genTime.
        public var time: Date
        /// The genTime as the token writes it (GeneralizedTime, e.g. `20261206101500Z`).
        public var generalizedTime: String
        /// The TSA's name when the token gives it (its `tsa` field), as a distinguished name.
        public var authority: String?
    }

    /// The text of a NUL-terminated buffer the C side wrote.
    static func text(_ buffer: [CChar]) -> String {
        String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// A DER TimeStampReq for the SHA-256 of `data`, with a random nonce, asking for the TSA's certificate.
    public static func request(for data: Data) throws -> Data {
        let digest = Array(SHA256.hash(data: data))
        var out: UnsafeMutablePointer<UInt8>?
        var length = 0
        var error = [CChar](repeating: 0, count: 512)
        guard uea_ts_request(digest, UInt64.random(in: 1...UInt64.max), &out, &length, &error, error.count) == 0, let out else {
            throw Failure(Self.text(error))
        }
        defer { free(out) }
        return Data(bytes: out, count: length)
    }

    /// Checks `response` (a DER TimeStampResp) as a time stamp of `data`, against the PEM
    /// certificates of `chain` (the TSA's root, and intermediates if any).
    public static func verify(response: Data, for data: Data, chain: Data) throws -> Verified {
        let digest = Array(SHA256.hash(data: data))
        var time: Int64 = 0
        var text = [CChar](repeating: 0, count: 64)
        var authority = [CChar](repeating: 0, count: 512)
        var error = [CChar](repeating: 0, count: 512)
        let status = response.withUnsafeBytes { response in
            chain.withUnsafeBytes { chain in
                uea_ts_verify(
                    response.bindMemory(to: UInt8.self).baseAddress, response.count, digest,
                    chain.bindMemory(to: CChar.self).baseAddress, chain.count, &time, &text, text.count, &authority,
                    authority.count, &error, error.count)
            }
        }
        guard status == 0 else { throw Failure(Self.text(error)) }
        let name = Self.text(authority)
        return Verified(
            time: Date(timeIntervalSince1970: TimeInterval(time)), generalizedTime: Self.text(text),
            authority: name.isEmpty ? nil : name)
    }
}
