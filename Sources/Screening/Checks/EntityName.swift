/// How checks compare an entity's name across the files of a bid (an ESPD, the bidder file's
/// subcontractors): case and runs of spaces ignored. Not a fuzzy match: that is the name matcher's.
enum EntityName {
    static func key(_ name: String) -> String {
        name.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}
