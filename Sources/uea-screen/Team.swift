import ArgumentParser
import Basics
import DossierModel
import DossierStore
import Foundation
import Transparency

extension Role: ArgumentChoice {}

struct TeamCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "team",
        abstract: "Register who may decide what in a store: people, their accounts, roles and decision keys.",
        discussion: """
            Every decision, confirmation, award and registration is an entry signed with its person's own \
            Ed25519 key and written by the account the operating system (SQLite) or the database \
            (PostgreSQL: current_user) authenticated; `--by` no longer exists. A person is registered by a \
            beheerder; the store's first person is a beheerder registering themselves (`team init`).

            Roles: jurist (proposes and confirms decisions, records the award), inkoopadviseur (asks for \
            information, decides attention items), secretaris (confirms; alone confirms a deviation from \
            the Inkoopkader), beheerder (registers people, purges), auditor (reads and verifies). A \
            decision on a blocker is a proposal until a second person with the mandate confirms it.

            Examples:
              uea-screen team key                                   (prints your verifier key; made on first use)
              uea-screen team init --name "A. de Vries" --function "teamleider inkoop"
              uea-screen team add jbakker --name "J. Bakker" --function inkoopjurist --role jurist --vkey "uea-screen.decisions/jbakker+…"
              uea-screen team add jbakker --name "J. Bakker" --role jurist --role secretaris --vkey "…"   (roles changed)
              uea-screen team end jbakker --reason "uit dienst per 2027-01-01"
              uea-screen team list
            """,
        subcommands: [TeamKey.self, TeamInit.self, TeamAdd.self, TeamEnd.self, TeamList.self])
}

struct TeamKey: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "key",
        abstract:
            "Print your decision key's verifier key (made 0600 under ~/.config/uea-screen/keys on first use), for a beheerder to register.")

    func run() throws {
        try runCommand { print(try DecisionKey.load().verifier.vkey) }
    }
}

struct TeamInit: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init", abstract: "Register yourself as the store's first beheerder (only in a store without anyone registered).")
    @OptionGroup var options: StoreOptions
    @Option(help: "Your name as an award advice names you.") var name: String
    @Option(help: "Your function.") var function: String?
    @Option(help: "More roles besides beheerder; repeatable.") var role: [Role] = []

    func run() throws {
        try runCommand {
            let store = try options.open(create: true)
            let key = try DecisionKey.load()
            let person = Person(
                account: try store.account(), name: name, function: function, roles: [.beheerder] + role, vkey: key.verifier.vkey)
            try TeamText.record(person, in: store, key: key, action: "team init")
        }
    }
}

struct TeamAdd: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add", abstract: "Register a person (or change their roles); needs the beheerder role.")
    @OptionGroup var options: StoreOptions
    @Argument(help: "The person's account: their OS user (SQLite store) or database role (PostgreSQL).") var account: String
    @Option(help: "Their name as an award advice names them.") var name: String
    @Option(help: "Their function.") var function: String?
    @Option(help: "A role; repeatable.") var role: [Role] = []
    @Option(help: "Their verifier key, as `uea-screen team key` printed it on their machine.") var vkey: String

    func validate() throws {
        if role.isEmpty { throw ValidationError("give at least one --role (\(Role.allCases.map(\.rawValue).joined(separator: ", ")))") }
    }

    func run() throws {
        try runCommand {
            let store = try options.open(create: false)
            let person = Person(account: account, name: name, function: function, roles: role, vkey: vkey)
            try TeamText.record(person, in: store, key: try DecisionKey.load(), action: "team add")
        }
    }
}

struct TeamEnd: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "end", abstract: "End a person's mandate from now on (their earlier decisions stay valid); needs the beheerder role.")
    @OptionGroup var options: StoreOptions
    @Argument(help: "The person's account.") var account: String

    func run() throws {
        try runCommand {
            let store = try options.open(create: false)
            guard let member = try store.team().first(where: { $0.person.account == account }) else {
                throw CommandFailure.refused("'\(account)' is not registered in this store (`uea-screen team list`)")
            }
            var person = member.person
            person.roles = []
            try TeamText.record(person, in: store, key: try DecisionKey.load(), action: "team end")
        }
    }
}

struct TeamList: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "Who is registered, with roles, since when and by whom.")
    @OptionGroup var options: StoreOptions
    enum Format: String, ArgumentChoice { case text, json }
    @Option(help: "Output format.") var format: Format = .text

    func run() throws {
        try runCommand {
            let store = try options.open(create: false)
            let team = try store.team()
            switch format {
            case .json: print(try JSONOutput.string(team))
            case .text:
                if team.isEmpty { print("nobody is registered in this store yet (`uea-screen team init`)") }
                for member in team {
                    let person = member.person
                    let roles = person.roles.isEmpty ? "mandate ended" : person.roles.map(\.rawValue).joined(separator: ", ")
                    print(
                        DisplayText.oneLine(
                            "\(person.account)  \(person.name)\(person.function.map { ", " + $0 } ?? "")  [\(roles)]  since \(member.registeredAt.prefix(10)) by \(member.registeredBy)  \(person.vkey)"
                        ))
                }
            }
            StoreOptions.log(store, "team list", nil)
        }
    }
}

enum TeamText {
    /// Registers `person`, says so in one line and logs the access.
    static func record(_ person: Person, in store: any DossierStore, key: NoteSigner, action: String) throws {
        let entry = try store.register(person, key: key, now: Date())
        let roles = person.roles.isEmpty ? "mandate ended" : "roles " + person.roles.map(\.rawValue).joined(separator: ", ")
        print(DisplayText.oneLine("\(person.name) (\(person.account)): \(roles), entry \(entry.seq) (\(entry.id))"))
        StoreOptions.log(store, action, entry.id)
    }
}
