import Crypto
import Foundation

/// SHA-256 as lower-case hex, from swift-crypto (BoringSSL on Linux, CryptoKit on Apple platforms):
/// no hand-loaded C symbols, no return code to forget, the same code on every platform.
public enum SHA256 {
    /// Lower-case hex SHA-256 of `bytes`.
    public static func hex<Bytes: ContiguousBytes>(_ bytes: Bytes) -> String {
        let digest = bytes.withUnsafeBytes { Crypto.SHA256.hash(data: $0) }
        return String(unsafeUninitializedCapacity: 64) { hex in
            let digits = Array("0123456789abcdef".utf8)
            for (index, byte) in digest.enumerated() {
                hex[2 * index] = digits[Int(byte >> 4)]
                hex[2 * index + 1] = digits[Int(byte & 0x0F)]
            }
            return 64
        }
    }

    public static func hex(_ text: String) -> String { hex(Data(text.utf8)) }

    /// Lower-case hex SHA-256 of the file at `path`, read in 1 MiB chunks (memory does not grow
    /// with the file); nil when it cannot be read.
    public static func hex(fileAt path: String) -> String? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        var hasher = Crypto.SHA256()
        while true {
            let chunk: Data
            do { chunk = try handle.read(upToCount: 1 << 20) ?? Data() } catch { return nil }
            if chunk.isEmpty { break }
            hasher.update(data: chunk)
        }
        return hexDigits(hasher.finalize())
    }

    static func hexDigits<Digest: Sequence>(_ digest: Digest) -> String where Digest.Element == UInt8 {
        var hex = ""
        for byte in digest { hex += String(byte, radix: 16).count == 1 ? "0" + String(byte, radix: 16) : String(byte, radix: 16) }
        return hex
    }

    /// The 32 bytes of a hash written as 64 hex characters (either case); nil for anything else.
    public static func bytes(hex text: String) -> Data? {
        let utf8 = Array(text.utf8)
        guard utf8.count == 64 else { return nil }
        func value(_ c: UInt8) -> UInt8? {
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): c - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): c - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): c - UInt8(ascii: "A") + 10
            default: nil
            }
        }
        var out = Data(capacity: 32)
        for index in stride(from: 0, to: 64, by: 2) {
            guard let high = value(utf8[index]), let low = value(utf8[index + 1]) else { return nil }
            out.append(high << 4 | low)
        }
        return out
    }
}
