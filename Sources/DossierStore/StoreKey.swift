import DossierModel
import Foundation
import Transparency

/// Where the store's Ed25519 signing key is kept: never in the store (whoever can write the
/// database must not be able to sign for it).
///
/// - `UEA_SCREEN_STORE_KEY`: the key itself (`PRIVATE+KEY+…`) or the path of a file holding it,
///   for a team that shares a store and keeps the key in its secrets;
/// - else `$XDG_CONFIG_HOME/uea-screen/keys/<origin>.key` (`~/.config/…`), created 0600 in a
///   0700 folder on first use by the store's first writer.
public enum StoreSigningKey {
    public enum Found {
        case key(NoteSigner, from: String)
        /// No key here, and none may be made: the store already has another registered.
        case missing(looked: String)
    }

    /// The file a key for `origin` is kept in on this machine.
    public static func defaultPath(origin: String) -> String {
        let environment = ProcessInfo.processInfo.environment
        let base =
            environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (NSHomeDirectory() as NSString).appendingPathComponent(".config")
        let file = String(origin.map { $0.isLetter || $0.isNumber || $0 == "." || $0 == "-" ? $0 : "_" }) + ".key"
        return ((base as NSString).appendingPathComponent("uea-screen/keys") as NSString).appendingPathComponent(file)
    }

    /// The signing key for `origin`; when there is none and `mayCreate` (the store has no key
    /// registered yet), a new one is made and kept in the default file.
    public static func find(origin: String, mayCreate: Bool) throws -> Found {
        if let given = ProcessInfo.processInfo.environment["UEA_SCREEN_STORE_KEY"], !given.isEmpty {
            if given.hasPrefix("PRIVATE+KEY+") {
                return .key(try signer(given, origin: origin, from: "UEA_SCREEN_STORE_KEY"), from: "UEA_SCREEN_STORE_KEY")
            }
            guard let text = try? String(contentsOfFile: given, encoding: .utf8) else {
                throw StoreError.refused("UEA_SCREEN_STORE_KEY names \(given), which cannot be read; give the key or a readable key file")
            }
            return .key(try signer(text, origin: origin, from: given), from: given)
        }
        let path = defaultPath(origin: origin)
        if let text = try? String(contentsOfFile: path, encoding: .utf8) {
            return .key(try signer(text, origin: origin, from: path), from: path)
        }
        guard mayCreate else { return .missing(looked: path) }
        let key = try NoteSigner(name: origin)
        try FileManager.default.createDirectory(
            atPath: PathText.parent(path) ?? "/", withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        // Written whole beside the key's place, then linked there only if no other process made a
        // key first (link(2) never replaces a file): two first writers end up with one key.
        let temporary = path + ".\(UUID().uuidString).tmp"
        try AtomicFile.write(Data((key.skey + "\n").utf8), to: temporary)
        defer { unlink(temporary) }
        if link(temporary, path) != 0 {
            guard errno == EEXIST, let text = try? String(contentsOfFile: path, encoding: .utf8) else {
                throw StoreError.refused("\(path): the store's signing key cannot be written (\(String(cString: strerror(errno))))")
            }
            return .key(try signer(text, origin: origin, from: path), from: path)
        }
        return .key(key, from: path)
    }

    private static func signer(_ text: String, origin: String, from: String) throws -> NoteSigner {
        let key: NoteSigner
        do { key = try NoteSigner(skey: text) } catch { throw StoreError.refused("\(from): not a store signing key (\(error))") }
        guard key.name == origin else {
            throw StoreError.refused("\(from): the key is for '\(key.name)', not for this store ('\(origin)')")
        }
        return key
    }
}
