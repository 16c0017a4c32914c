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
}
