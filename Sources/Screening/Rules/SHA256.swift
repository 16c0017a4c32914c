import CCrypto
import Foundation

public enum SHA256 {
    /// Lower-case hex SHA-256 of `data` (system libcrypto).
    public static func hex(_ data: Data) -> String {
        var digest = [UInt8](repeating: 0, count: 32)
        _ = data.withUnsafeBytes { raw in uea_sha256(raw.baseAddress, raw.count, &digest) }
        return digest.map { String(format: "%02x", $0) }.joined()
    }

    public static func hex(_ text: String) -> String { hex(Data(text.utf8)) }
}
