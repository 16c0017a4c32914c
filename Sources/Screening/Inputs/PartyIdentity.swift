import ESPD
import Foundation

/// Who an ESPD says it is, for telling whether two ESPDs of one bid are the same party: its
/// identifiers (KvK, VAT, …) and its name, each reduced to letters and digits in lower case.
/// Two ESPDs are the same party when they share an identifier, or when they have a name in common
/// and no identifier that differs in the same scheme.
struct PartyIdentity: Equatable {
    var identifiers: [String: String]
    var name: String?

    init(_ espd: ESPDDocument) {
        var identifiers: [String: String] = [:]
        for id in espd.economicOperator?.identifiers ?? [] {
            let value = Self.reduced(id.value)
            guard !value.isEmpty else { continue }
            identifiers[Self.reduced(id.scheme ?? "id") + ":" + value] = value
        }
        self.identifiers = identifiers
        name = espd.economicOperator?.name.map(Self.reduced).flatMap { $0.isEmpty ? nil : $0 }
    }

    func isSameParty(as other: PartyIdentity) -> Bool {
        let mine = Set(identifiers.values)
        let theirs = Set(other.identifiers.values)
        if !mine.isDisjoint(with: theirs) { return true }
        guard let name, name == other.name else { return false }
        // Same name: the same party unless one scheme gives each a different number.
        let schemes = Set(identifiers.keys.map { $0.prefix { $0 != ":" } }).intersection(
            other.identifiers.keys.map { $0.prefix { $0 != ":" } })
        return schemes.isEmpty
    }

    static func reduced(_ text: String) -> String {
        String(text.lowercased().unicodeScalars.filter { CharacterSet.alphanumerics.contains($0) }.map(Character.init))
    }
}

extension ESPDDocument {
    /// The operator's first identifier with another number and the others dropped: another party
    /// (in check examples).
    mutating func renumber(_ number: String) {
        guard var party = economicOperator else { return }
        party.identifiers = party.identifiers.prefix(1).map { identifier in
            var changed = identifier
            changed.value = number
            return changed
        }
        economicOperator = party
    }
}
