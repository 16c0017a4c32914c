import ArgumentParser
import ESPD
import Foundation

struct Inspect: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Read ESPD/UEA XML files (every generation) and print what they declare.",
        discussion: """
            Each file is parsed strictly (no DTDs, no external entities, no network). A refused file \
            is reported on standard error as FILE:LINE: reason, and the other files are still read.
            JSON output is an array with one object per file that was read (schema uea-screen/espd/1).
            Exit codes: 0 every file read, 2 at least one file refused or unreadable, 64 usage error.
            """
    )

    enum Format: String, ArgumentChoice { case json, text }

    @Argument(help: "ESPD/UEA XML files (requests or responses); - reads one from standard input.")
    var files: [String]

    @Option(help: "Output format: json or text. Default: text on a terminal, json otherwise.")
    var format: Format?

    @Option(help: "Refuse files larger than this many bytes.")
    var maxBytes: Int = ParseLimits.defaultMaxBytes

    @Option(
        help:
            "The tender's ESPD request: the questions the authority asked. Responses of the same EDM release are compared with them; responses that carry answers but no criteria are read with them."
    )
    var request: String?

    @Flag(help: "Include personal data (birth dates, the text of conviction answers). Off by default.")
    var personalData = false

    func validate() throws {
        if maxBytes <= 0 { throw ValidationError("--max-bytes must be positive") }
        try StandardInput.checkOnce(files)
    }

    func run() throws {
        try runCommand {
            let format = format ?? (isatty(STDOUT_FILENO) != 0 ? .text : .json)
            var documents: [ESPDDocument] = []
            var refused = false
            for file in files {
                do {
                    let document = try ESPDParser.read(
                        contentsOf: file, displayName: file == "-" ? StandardInput.name : nil,
                        limits: ParseLimits(maxBytes: maxBytes), request: request)
                    documents.append(personalData ? document : document.redactingPersonalData())
                } catch {
                    refused = true
                    Diagnostics.report("\(error)")
                }
            }
            switch format {
            case .json:
                print(try JSONOutput.string(documents))
            case .text:
                print(documents.map(TextSummary.render).joined(separator: "\n\n"))
            }
            if refused { throw CommandFailure.refusedAsReported }
        }
    }
}
