import Foundation

/// A second person for four-eyes tests: another authenticated account than the test process's own,
/// with its own decision key. On SQLite that is another OS user (the test runs the tool under
/// another uid with setpriv, so it needs root); on PostgreSQL another database role (the admin
/// role of `UEA_SCREEN_TEST_POSTGRES` needs CREATEROLE, as `.ci/run` gives it).
public struct OtherPerson: Sendable {
    public let account: String
    /// The store as this person opens it (on PostgreSQL: a URL with their role).
    public let store: String
    let config: String
    let uid: UInt32?

    /// Whether a second account can be made here for `backend`, and if not, why.
    public static func unavailable(_ backend: String) -> String? {
        if backend == "sqlite" {
            return geteuid() == 0 && which("setpriv") != nil
                ? nil : "acting as a second OS account needs root and setpriv: the SQLite four-eyes test is skipped"
        }
        return TestStores.postgresConfigured ? nil : TestStores.postgresSkipReason
    }

    /// Makes the account (an unused uid, or a new role with rights on the store's tables, not their owner).
    public static func make(backend: String, store: String) throws -> OtherPerson {
        let config = try Paths.temporaryDirectory().appendingPathComponent("other-config").path
        try FileManager.default.createDirectory(atPath: config, withIntermediateDirectories: true)
        if backend == "sqlite" {
            let uid = UInt32(40_000 + Int.random(in: 0..<20_000))
            chown(config, uid, uid)
            // A store shared by a team in one folder: both accounts may write it.
            let folder = URL(fileURLWithPath: store).deletingLastPathComponent().path
            chmod(folder, 0o777)
            for suffix in ["", "-wal", "-shm"] where FileManager.default.fileExists(atPath: store + suffix) { chmod(store + suffix, 0o666) }
            return OtherPerson(account: "uid-\(uid)", store: store, config: config, uid: uid)
        }
        let role = "uea_person_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(12)
        let admin = ProcessInfo.processInfo.environment["UEA_SCREEN_TEST_POSTGRES"]!
        for (url, sql) in [
            (admin, "CREATE ROLE \(role) LOGIN PASSWORD 'person'"),
            (store, "GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO \(role)"),
        ] {
            let result = try run(which("psql")!, [url, "-qc", sql])
            guard result.status == 0 else { throw TestStores.PostgresUnavailable(message: result.stderr) }
        }
        var components = URLComponents(string: store)!
        components.user = role
        components.password = "person"
        return OtherPerson(account: role, store: components.string!, config: config, uid: nil)
    }

    /// Runs the tool as this person (their account, their key folder).
    public func ueaScreen(_ arguments: [String]) throws -> CommandResult {
        let environment: [String: String?] = ["XDG_CONFIG_HOME": config, "HOME": config]
        if let uid {
            return try run(
                which("setpriv")!, ["--reuid=\(uid)", "--regid=\(uid)", "--clear-groups", ueaScreenBinary()] + arguments,
                currentDirectory: URL(fileURLWithPath: "/"), environment: environment)
        }
        return try run(ueaScreenBinary(), arguments, currentDirectory: Paths.repository, environment: environment)
    }

    /// Their verifier key (made on first use).
    public func vkey() throws -> String {
        try ueaScreen(["team", "key"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The store's beheerder (this test process's account) registers this person with `roles`.
    public func register(name: String, roles: [String], by ownStore: String) throws -> CommandResult {
        let key = try vkey()
        return try TestSupport.ueaScreen(
            ["team", "add", account, "--name", name, "--vkey", key, "--store", ownStore] + roles.flatMap { ["--role", $0] })
    }
}

/// Runs the built tool from the repository root with arguments as an array.
public func ueaScreen(_ arguments: [String]) throws -> CommandResult {
    try run(ueaScreenBinary(), arguments, currentDirectory: Paths.repository)
}
