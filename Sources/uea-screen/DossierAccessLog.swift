import ArgumentParser
import Basics
import DossierModel
import DossierStore
import ESPD
import Foundation
import Screening

struct DossierAccessLog: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "access-log", abstract: "Who listed, showed, exported or verified what, and when (hash-chained; verify checks it).")
    @OptionGroup var options: StoreOptions
    @Option(help: "Output format: text or json.") var format: Inspect.Format = .text

    func run() throws {
        try runCommand {
            let store = try options.open(create: false)
            var array = format == .json ? StreamedJSONArray() : nil
            try store.accessLog { record in
                if array != nil {
                    try array!.add(record)
                    return
                }
                print(
                    DisplayText.oneLine(
                        "\(record.seq)  \(record.at)  \(record.who)  \(record.action)\(record.target.map { "  \($0)" } ?? "")"))
            }
            array?.finish()
            StoreOptions.log(store, "access-log", nil)
        }
    }
}
