import Basics
import DossierModel
import ESPD
import Foundation

/// The one normaliser for names and places before they are compared (bidders, people, UBOs,
/// subcontractors, supply-chain tiers, list entries, place names). A bidder who wants a clean
/// result can hide a name from matching with characters a reader does not see; those are removed
/// here, and `hiddenCharacters` tells a check that they were there.
public enum NameText {
    /// Compatibility-composed (full-width and ligature letters become plain letters), invisible and
    /// bidirectional-control characters removed, unusual spaces and controls made a space, and the
    /// dotless ı written as i. Case and diacritics are left to the caller's folding.
    public static func normalised(_ text: String) -> String {
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return text }
        var (scalars, lookalikes) = visibleScalars(text)
        if lookalikes { foldLookalikes(&scalars) }
        return string(scalars)
    }

    /// The text's scalars, compatibility-composed, hidden ones dropped and unusual spaces made a
    /// space; `lookalikes`: whether any is a look-alike of a Latin letter.
    static func visibleScalars(_ text: String) -> (scalars: [Unicode.Scalar], lookalikes: Bool) {
        var scalars: [Unicode.Scalar] = []
        var lookalikes = false
        for scalar in text.precomposedStringWithCompatibilityMapping.unicodeScalars {
            switch kind(of: scalar) {
            case .hidden: continue
            case .space: scalars.append(" ")
            case .visible:
                scalars.append(scalar)
                if latinLookalikes[scalar.value] != nil { lookalikes = true }
            }
        }
        return (scalars, lookalikes)
    }

    static func string(_ scalars: [Unicode.Scalar]) -> String {
        var out = String.UnicodeScalarView()
        out.append(contentsOf: scalars)
        return String(out)
    }

    /// Every reading of a name whose words mix scripts: the one `normalised` gives, and the one in
    /// which each mixed word is read the other way (a word of Latin letters and Cyrillic ones as
    /// Cyrillic when every Latin letter in it has a Cyrillic twin, a mostly Cyrillic word with its
    /// look-alikes as Latin), transliterated. "KPEMний" is "kpemniy" as written and "kremniy" read
    /// as Cyrillic: the matcher compares each reading and the best counts; the mixed script stays a
    /// finding (`names.hidden-characters`). A name without mixed words has one reading, itself.
    public static func readings(_ text: String) -> [String] {
        guard !text.utf8.allSatisfy({ $0 < 0x80 }), !mixedScriptWords(text).isEmpty else { return [text] }
        var (scalars, _) = visibleScalars(text)
        foldLookalikes(&scalars, otherReading: true)
        let other = Transliteration.latin(string(scalars))
        return other == Transliteration.latin(normalised(text)) ? [text] : [text, other]
    }

    /// Writes look-alike letters of other scripts as the Latin letter they look like (Unicode's
    /// confusables data, `ConfusableTable.swift`), word by word: in a word that also has Latin
    /// letters ("Ѕibirsky" with a Cyrillic Ѕ), and in a word made only of look-alikes inside a name
    /// that is otherwise Latin ("ОАО Kremny" with a Cyrillic ОАО). A word of genuine Cyrillic or
    /// Greek ("Москва") keeps its letters: transliteration compares it.
    /// `otherReading`: each word that mixes Latin and Cyrillic letters is read the other way
    /// (`readings`).
    static func foldLookalikes(_ scalars: inout [Unicode.Scalar], otherReading: Bool = false) {
        let nameHasLatin = scalars.contains { script(of: $0) == .latin }
        guard nameHasLatin else { return }
        var start = 0
        while start < scalars.count {
            guard scalars[start].properties.isAlphabetic else {
                start += 1
                continue
            }
            var end = start
            while end < scalars.count && scalars[end].properties.isAlphabetic { end += 1 }
            let word = scalars[start..<end]
            let hasLatin = word.contains { script(of: $0) == .latin }
            // A word mostly of Cyrillic letters with a Latin look-alike or two ("Cибирский" with a
            // Latin C) is a Cyrillic word: folded the other way, it transliterates as written. In
            // the other reading, a word with any Cyrillic letter is read as Cyrillic where it can
            // be, and a mostly Cyrillic one as Latin.
            let mostlyCyrillic = hasLatin ? cyrillicReading(word) : nil
            let cyrillic =
                otherReading ? (mostlyCyrillic == nil && hasLatin ? cyrillicReading(word, anyCyrillic: true) : nil) : mostlyCyrillic
            if let cyrillic {
                scalars.replaceSubrange(start..<end, with: cyrillic)
                start = end
                continue
            }
            let onlyLookalikes = word.allSatisfy { script(of: $0) == .latin || latinLookalikes[$0.value] != nil }
            if hasLatin || onlyLookalikes {
                for index in start..<end { if let latin = latinLookalikes[scalars[index].value] { scalars[index] = latin } }
            }
            start = end
        }
    }

    /// `word` with its Latin letters written as the Cyrillic letters they look like, when most of
    /// its letters are Cyrillic and each Latin one has a Cyrillic twin of the same case (UTS #39
    /// confusables: A, B, C, E, H, K, M, O, P, T, X, Y and a, c, e, o, p, x, y); nil otherwise.
    static func cyrillicReading(_ word: ArraySlice<Unicode.Scalar>, anyCyrillic: Bool = false) -> [Unicode.Scalar]? {
        var latin = 0
        var cyrillic = 0
        for scalar in word {
            switch script(of: scalar) {
            case .latin?: latin += 1
            case .cyrillic?: cyrillic += 1
            default: break
            }
        }
        guard anyCyrillic ? cyrillic > 0 : cyrillic > latin else { return nil }
        var out: [Unicode.Scalar] = []
        out.reserveCapacity(word.count)
        for scalar in word {
            if script(of: scalar) == .latin {
                guard let twin = cyrillicTwins[scalar] else { return nil }
                out.append(twin)
            } else {
                out.append(scalar)
            }
        }
        return out
    }

    /// Latin letter → the basic Cyrillic letter of the same case that Unicode lists as its look-alike.
    static let cyrillicTwins: [Unicode.Scalar: Unicode.Scalar] = {
        var twins: [Unicode.Scalar: Unicode.Scalar] = [:]
        for (code, latin) in latinLookalikes where (0x410...0x44F).contains(code) {
            guard let cyrillic = Unicode.Scalar(code) else { continue }
            let upper = code < 0x430
            guard latin.properties.isUppercase == upper, latin.properties.isLowercase == !upper, twins[latin] == nil else { continue }
            twins[latin] = cyrillic
        }
        return twins
    }()

    /// The characters in `text` that hide or alter a name without being seen, as `U+XXXX` codes
    /// (zero-width and joiner characters, soft hyphen, bidirectional controls, variation selectors,
    /// control characters); empty for an honest name.
    public static func hiddenCharacters(_ text: String) -> [String] {
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return [] }
        var codes: [String] = []
        for scalar in text.unicodeScalars where kind(of: scalar) == .hidden || (scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value))
        {
            let code = "U+" + String(format: "%04X", scalar.value)
            if !codes.contains(code) { codes.append(code) }
        }
        return codes
    }

    enum Kind { case visible, hidden, space }

    static func kind(of scalar: Unicode.Scalar) -> Kind {
        let value = scalar.value
        if value == 0x20 { return .visible }
        if value < 0x20 || (0x7F...0x9F).contains(value) { return .space }
        if DisplayText.isHidden(scalar) { return .hidden }
        switch scalar.properties.generalCategory {
        case .format: return .hidden
        case .spaceSeparator, .lineSeparator, .paragraphSeparator: return .space
        default: return .visible
        }
    }

    /// The words of `text` that mix Latin letters with Cyrillic or Greek ones ("Ѕibirsky" with a
    /// Cyrillic Ѕ), or with a look-alike letter of another script: written to look like one script
    /// while reading as another. A name written wholly in Cyrillic or Greek is not mixed.
    public static func mixedScriptWords(_ text: String) -> [String] {
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return [] }
        return text.split(whereSeparator: { !$0.isLetter }).filter { word in
            var scripts = Set<Script>()
            for scalar in word.unicodeScalars {
                if let script = script(of: scalar) {
                    scripts.insert(script)
                } else if latinLookalikes[scalar.value] != nil {
                    scripts.insert(.other)
                }
            }
            return scripts.count > 1 && scripts.contains(.latin)
        }.map(String.init)
    }

    /// `other`: a letter of another script that looks like a Latin one (Cherokee Ꭰ, Armenian օ).
    enum Script { case latin, greek, cyrillic, other }

    static func script(of scalar: Unicode.Scalar) -> Script? {
        switch scalar.value {
        case 0x41...0x5A, 0x61...0x7A, 0xC0...0x24F, 0x1E00...0x1EFF: .latin
        case 0x370...0x3FF, 0x1F00...0x1FFF: .greek
        case 0x400...0x52F, 0x1C80...0x1C8F, 0xA640...0xA69F: .cyrillic
        default: nil
        }
    }
}
