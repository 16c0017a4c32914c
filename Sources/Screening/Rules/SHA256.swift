import CCrypto
import Foundation

public enum SHA256 {
    /// Lower-case hex SHA-256 of `bytes` (system libcrypto).
    public static func hex<Bytes: ContiguousBytes>(_ bytes: Bytes) -> String {
        var digest = (UInt64(0), UInt64(0), UInt64(0), UInt64(0))
        return withUnsafeMutableBytes(of: &digest) { out in
            _ = bytes.withUnsafeBytes { raw in uea_sha256(raw.baseAddress, raw.count, out.baseAddress!.assumingMemoryBound(to: UInt8.self)) }
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
