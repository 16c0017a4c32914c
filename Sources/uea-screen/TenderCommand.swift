import ArgumentParser

struct TenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tender",
        abstract: "Work on a tender folder: compare its tender.yaml with the published eForms notice.",
        discussion: """
            Examples:
              uea-screen tender check aanbestedingen/PFL-2027-003
            """,
        subcommands: [TenderCheck.self])
}
