import RuleData
import TestSupport

/// The project's rule data, as the name matching reads it (`checklists/`).
enum Fixtures {
    static let rules: RuleBook = try! RuleBook.load(directory: Paths.repositoryFile("checklists"))
}
