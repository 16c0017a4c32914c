/// "Did you mean": a known word one edit away from what was typed.
public enum Spelling {
    /// The first word one edit away from `word` (a letter missing, extra, swapped with the next or
    /// wrong) for which `isKnown` holds; nil when there is none or `word` is longer than 40.
    public static func oneEditAway(_ word: String, isKnown: (String) -> Bool) -> String? {
        let letters = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-")
        let characters = Array(word)
        guard characters.count <= 40 else { return nil }
        var candidates: [String] = []
        for index in 0...characters.count {
            if index < characters.count {
                candidates.append(String(characters[..<index] + characters[(index + 1)...]))  // one extra
                if index + 1 < characters.count {
                    var swapped = characters
                    swapped.swapAt(index, index + 1)
                    candidates.append(String(swapped))
                }
            }
            for letter in letters {
                candidates.append(String(characters[..<index] + [letter] + characters[index...]))  // one missing
                if index < characters.count {
                    var replaced = characters
                    replaced[index] = letter
                    candidates.append(String(replaced))
                }
            }
        }
        return candidates.first { $0 != word && isKnown($0) }
    }

    /// What to suggest for `word` among `known`: one edit away, else the one known word it begins.
    public static func suggestion(for word: String, among known: [String]) -> String? {
        let set = Set(known)
        if let near = oneEditAway(word, isKnown: set.contains) { return near }
        let starting = known.filter { word.count >= 2 && $0.hasPrefix(word) }
        return starting.count == 1 ? starting[0] : nil
    }
}
