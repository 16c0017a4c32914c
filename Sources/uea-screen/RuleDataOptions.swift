import ArgumentParser
import DossierModel
import Reports
import RuleData
import Screening

/// `--rules` for every command that reads checklists/.
struct RuleDataOptions: ParsableArguments {
    @Option(help: "Rule data folder. Default: ./checklists, else the one next to the executable.")
    var rules: String?

    /// The loaded and validated rule data; an error names the file and line.
    func load() throws -> RuleBook {
        guard let directory = rules ?? RuleBook.defaultDirectory() else {
            throw InputError(file: "checklists/", message: "rule data not found; pass --rules DIR")
        }
        return try RuleBook.load(directory: directory)
    }
}

/// The templates folder of a command: `--templates`, else `templates/` next to the executable. Not
/// finding it is the same refusal (2) in every command.
enum TemplatesFolder {
    static func find(_ given: String?) throws -> String {
        guard let directory = given ?? ReportRenderer.defaultDirectory() else {
            throw CommandFailure.refused("templates/: report templates not found next to the executable; pass --templates DIR")
        }
        return directory
    }
}
