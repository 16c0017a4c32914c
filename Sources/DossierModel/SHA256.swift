import CCrypto
import Foundation

public enum SHA256 {
    /// libcrypto's functions, opened when first asked for (the command line does so at start).
    private static let loaded: Result<API, LoadError> = {
        var api = uea_sha256_api()
        if let problem = uea_sha256_load(&api) { return .failure(LoadError(message: String(cString: problem))) }
        return .success(API(functions: api))
    }()

    /// The functions with SHA-256 fetched: done on the first hash (see CCrypto/shim.h).
    private static let fetched: Result<API, LoadError> = loaded.flatMap { api in
        var functions = api.functions
        if let problem = uea_sha256_fetch(&functions) { return .failure(LoadError(message: String(cString: problem))) }
        return .success(API(functions: functions))
    }

    /// The functions and the fetched algorithm: written once by the initialisers above, then only
    /// read; OpenSSL documents a fetched EVP_MD as safe to use from several threads at once.
    private struct API: @unchecked Sendable { var functions: uea_sha256_api }

    public struct LoadError: Error, CustomStringConvertible {
        public var message: String
        public var description: String { "SHA-256 needs the system libcrypto (Debian: apt install libssl3): \(message)" }
    }

    /// Why hashing is impossible on this system, or nil: the command line checks this first, so a
    /// missing library is one clear line and exit 2, not a crash in the middle of a run.
    public static var unavailable: LoadError? { if case .failure(let error) = loaded { return error }; return nil }

    private static var api: uea_sha256_api {
        switch fetched {
        case .success(let api): return api.functions
        // Not input-driven: the library was found at start (`unavailable`) and its default
        // provider is built in; a system without it cannot hash at all.
        case .failure(let error): fatalError(error.description)
        }
    }

    /// Lower-case hex SHA-256 of `bytes`.
    public static func hex<Bytes: ContiguousBytes>(_ bytes: Bytes) -> String {
        var digest = (UInt64(0), UInt64(0), UInt64(0), UInt64(0))
        return withUnsafeMutableBytes(of: &digest) { out in
            withUnsafePointer(to: api) { api in
                _ = bytes.withUnsafeBytes { raw in uea_sha256(api, raw.baseAddress, raw.count, out.baseAddress!.assumingMemoryBound(to: UInt8.self)) }
            }
            return String(unsafeUninitializedCapacity: 64) { hex in
                let digits = Array("0123456789abcdef".utf8)
                for (index, byte) in out.enumerated() {
                    hex[2 * index] = digits[Int(byte >> 4)]
                    hex[2 * index + 1] = digits[Int(byte & 0x0F)]
                }
                return 64
            }
        }
    }

    public static func hex(_ text: String) -> String { hex(Data(text.utf8)) }
}
