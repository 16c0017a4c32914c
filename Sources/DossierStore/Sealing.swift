import Crypto
import DossierModel
import Foundation

/// The store's data key: a random 256-bit key that wraps the key of every file the store keeps
/// sealed (the bidders' source files and decisions' attachments, which may hold criminal-law
/// data: AVG art. 10 and 32, domain §9b). Never in the database, so that whoever can read the
/// database file, its WAL or a backup cannot read those files:
///
/// - `UEA_SCREEN_DATA_KEY`: the key itself (`UEA-DATA-KEY+<origin>+…`) or the path of a file
///   holding it, for a team that shares a store and keeps the key in its secrets;
/// - else `$XDG_CONFIG_HOME/uea-screen/keys/<origin>.data-key` (`~/.config/…`), made 0600 in a
///   0700 folder by the store's first writer.
///
/// The store records only the key's id (`meta.data_key`), so a wrong key is refused by name.
public enum StoreDataKey {
    static let prefix = "UEA-DATA-KEY+"

    public static func defaultPath(origin: String) -> String {
        let file = String(origin.map { $0.isLetter || $0.isNumber || $0 == "." || $0 == "-" ? $0 : "_" }) + ".data-key"
        return (KeyFile.configFolder() as NSString).appendingPathComponent(file)
    }

    /// What the store records of its key: a hash that names the key and tells nothing of it.
    static func id(of key: SymmetricKey) -> String {
        let digest = key.withUnsafeBytes { raw in Crypto.SHA256.hash(data: Data("uea-screen/data-key-id/1\n".utf8) + Data(raw)) }
        return digest.prefix(8).map { String(format: "%02x", $0) }.joined()
    }

    static func text(origin: String, key: SymmetricKey) -> String {
        prefix + origin + "+" + key.withUnsafeBytes { Data($0).base64EncodedString() }
    }

    /// The key for `origin`: the environment's, else the default file's; when neither exists and
    /// `mayCreate`, a new key made and kept in the default file. nil: none here.
    static func find(origin: String, mayCreate: Bool) throws -> (key: SymmetricKey, from: String)? {
        if let (text, from) = try KeyFile.given("UEA_SCREEN_DATA_KEY", prefix: prefix) {
            return (try parse(text, origin: origin, from: from), from)
        }
        let path = defaultPath(origin: origin)
        if let text = try? String(contentsOfFile: path, encoding: .utf8) { return (try parse(text, origin: origin, from: path), path) }
        guard mayCreate else { return nil }
        let made = try KeyFile.createOnce(path: path, text: text(origin: origin, key: SymmetricKey(size: .bits256)))
        return (try parse(made, origin: origin, from: path), path)
    }

    static func parse(_ text: String, origin: String, from: String) throws -> SymmetricKey {
        let parts = text.trimmingCharacters(in: .whitespacesAndNewlines).split(
            separator: "+", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0] == "UEA-DATA-KEY", let raw = Data(base64Encoded: String(parts[2])), raw.count == 32 else {
            throw StoreError.refused("\(from): not a store data key (expected UEA-DATA-KEY+<origin>+<32 bytes in base64>)")
        }
        guard parts[1] == origin else {
            throw StoreError.refused("\(from): the data key is for '\(parts[1])', not for this store ('\(origin)')")
        }
        return SymmetricKey(data: raw)
    }
}

/// One file as the store keeps it sealed: ChaCha20-Poly1305 under a random key of its own, and that
/// key wrapped (ChaCha20-Poly1305) by the store's data key; both bound to the file's SHA-256, which
/// the chain holds. Deleting the row destroys the only wrapped copy of the file's key: forgetting.
struct SealedFile {
    /// Nonce, ciphertext and tag of the file.
    var bytes: Data
    /// Nonce, ciphertext and tag of the file's key, in base64.
    var wrappedKey: String

    private static func fileContext(_ sha256: String) -> Data { Data("uea-screen/sealed-file/1\n\(sha256)".utf8) }
    private static func keyContext(_ sha256: String) -> Data { Data("uea-screen/file-key/1\n\(sha256)".utf8) }

    static func seal(_ plain: Data, sha256: String, storeKey: SymmetricKey) throws -> SealedFile {
        let fileKey = SymmetricKey(size: .bits256)
        let sealed = try ChaChaPoly.seal(plain, using: fileKey, authenticating: fileContext(sha256))
        let wrapped = try fileKey.withUnsafeBytes { raw in
            try ChaChaPoly.seal(Data(raw), using: storeKey, authenticating: keyContext(sha256))
        }
        return SealedFile(bytes: sealed.combined, wrappedKey: wrapped.combined.base64EncodedString())
    }

    /// The file's bytes; nil when the row does not open with `storeKey` for this SHA-256 (changed,
    /// moved to another file's row, or sealed under another key).
    func open(sha256: String, storeKey: SymmetricKey) -> Data? {
        guard let wrapped = Data(base64Encoded: wrappedKey),
            let keyBox = try? ChaChaPoly.SealedBox(combined: wrapped),
            let rawKey = try? ChaChaPoly.open(keyBox, using: storeKey, authenticating: Self.keyContext(sha256)), rawKey.count == 32,
            let fileBox = try? ChaChaPoly.SealedBox(combined: bytes),
            let plain = try? ChaChaPoly.open(fileBox, using: SymmetricKey(data: rawKey), authenticating: Self.fileContext(sha256))
        else { return nil }
        return plain
    }
}
