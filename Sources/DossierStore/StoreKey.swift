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
        let file = String(origin.map { $0.isLetter || $0.isNumber || $0 == "." || $0 == "-" ? $0 : "_" }) + ".key"
        return (KeyFile.configFolder() as NSString).appendingPathComponent(file)
    }

    /// The signing key for `origin`; when there is none and `mayCreate` (the store has no key
    /// registered yet), a new one is made and kept in the default file.
    public static func find(origin: String, mayCreate: Bool) throws -> Found {
        if let (text, from) = try KeyFile.given("UEA_SCREEN_STORE_KEY") {
            return .key(try signer(text, origin: origin, from: from), from: from)
        }
        let path = defaultPath(origin: origin)
        if let text = try? String(contentsOfFile: path, encoding: .utf8) {
            return .key(try signer(text, origin: origin, from: path), from: path)
        }
        guard mayCreate else { return .missing(looked: path) }
        let text = try KeyFile.createOnce(path: path, key: try NoteSigner(name: origin))
        return .key(try signer(text, origin: origin, from: path), from: path)
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

/// A key file made once: written whole beside its place, then linked there only if no other
/// process made one first (link(2) never replaces a file), in a 0700 folder, the file 0600.
enum KeyFile {
    /// The key an environment variable gives: the key itself (`PRIVATE+KEY+…`) or the path of a
    /// file holding it; with where it came from. nil when the variable is unset or empty.
    static func given(_ variable: String, prefix: String = "PRIVATE+KEY+") throws -> (text: String, from: String)? {
        guard let given = ProcessInfo.processInfo.environment[variable], !given.isEmpty else { return nil }
        if given.hasPrefix(prefix) { return (given, variable) }
        guard let text = try? String(contentsOfFile: given, encoding: .utf8) else {
            throw StoreError.refused("\(variable) names \(given), which cannot be read; give the key or a readable key file")
        }
        return (text, given)
    }

    /// The key text now in `path`: `key`'s, or that of a key another process made first.
    static func createOnce(path: String, key: NoteSigner) throws -> String { try createOnce(path: path, text: key.skey) }

    /// The key text now in `path`: `text`, or that of a key another process made first.
    static func createOnce(path: String, text: String) throws -> String {
        try FileManager.default.createDirectory(
            atPath: PathText.parent(path) ?? "/", withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let temporary = path + ".\(UUID().uuidString).tmp"
        try AtomicFile.write(Data((text + "\n").utf8), to: temporary)
        defer { unlink(temporary) }
        if link(temporary, path) != 0 {
            guard errno == EEXIST, let existing = try? String(contentsOfFile: path, encoding: .utf8) else {
                throw StoreError.refused("\(path): the key cannot be written (\(String(cString: strerror(errno))))")
            }
            return existing
        }
        return text
    }

    static func configFolder() -> String {
        let environment = ProcessInfo.processInfo.environment
        let base =
            environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (NSHomeDirectory() as NSString).appendingPathComponent(".config")
        return (base as NSString).appendingPathComponent("uea-screen/keys")
    }
}

/// A person's own Ed25519 key, which signs their decisions, confirmations, awards and
/// registrations: `UEA_SCREEN_DECISION_KEY` (the key, or the path of a file holding it), else
/// `$XDG_CONFIG_HOME/uea-screen/keys/decisions.key` (`~/.config/…`), made 0600 on first use. Only
/// its verifier key goes into the store, registered by a beheerder.
public enum DecisionKey {
    public static func defaultPath() -> String { (KeyFile.configFolder() as NSString).appendingPathComponent("decisions.key") }

    /// The key of the person at this machine, made on first use.
    public static func load() throws -> NoteSigner {
        if let (text, from) = try KeyFile.given("UEA_SCREEN_DECISION_KEY") { return try parse(text, from: from) }
        let path = defaultPath()
        if let text = try? String(contentsOfFile: path, encoding: .utf8) { return try parse(text, from: path) }
        let user = String(getpwuid(geteuid()).flatMap { $0.pointee.pw_name.map { String(cString: $0) } } ?? "uid-\(geteuid())")
        let name =
            "uea-screen.decisions/" + String(user.map { $0.isLetter || $0.isNumber || $0 == "." || $0 == "-" || $0 == "_" ? $0 : "_" })
        return try parse(try KeyFile.createOnce(path: path, key: try NoteSigner(name: name)), from: path)
    }

    private static func parse(_ text: String, from: String) throws -> NoteSigner {
        do { return try NoteSigner(skey: text) } catch { throw StoreError.refused("\(from): not a decision key (\(error))") }
    }
}
