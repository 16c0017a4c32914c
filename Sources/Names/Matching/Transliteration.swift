import DossierModel
import ESPD

/// Latin forms of names written in Cyrillic, and one spelling for the Latin variants that
/// transliteration schemes produce (Aleksandr/Alexander, Sergey/Sergei, Yevgeny/Evgeniy,
/// Khodorkovsky/Chodorkowski), so that list aliases in any script can be compared.
enum Transliteration {
    /// Russian, Ukrainian and Belarusian letters (BGN/PCGN-like).
    static let cyrillic: [Character: String] = [
        "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh", "з": "z", "и": "i", "й": "y",
        "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f",
        "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya",
        "і": "i", "ї": "yi", "є": "ye", "ґ": "g", "ў": "u",
    ]

    /// Lower-case Latin text with Cyrillic letters transliterated.
    static func latin(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text.lowercased() {
            if let mapped = cyrillic[character] { out += mapped } else { out.append(character) }
        }
        return out
    }

    /// `text` with every `needle` replaced, left to right, on the UTF-8 bytes. The needles are
    /// ASCII and tokens are already folded (no combining marks), so a byte match is a character
    /// match; Foundation's `replacingOccurrences` went through NSString for every token of every
    /// listed name (a third of building the sanctions index).
    static func replacing(_ needle: String, with replacement: String, in text: String) -> String {
        let from = Array(needle.utf8)
        let to = Array(replacement.utf8)
        var out: [UInt8] = []
        var bytes = Array(text.utf8)[...]
        out.reserveCapacity(bytes.count + 8)
        while !bytes.isEmpty {
            if bytes.starts(with: from) {
                out.append(contentsOf: to)
                bytes = bytes.dropFirst(from.count)
            } else {
                out.append(bytes.removeFirst())
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// One spelling for a Latin name token: `x`→`ks`, `kh`→`h`, `tch`/`tsch`→`ch`, `w`→`v`, `j`→`y`,
    /// `ct`→`kt`, French `gue`→`ge`, `iou`/`ou`→`u`, a leading `ye`→`e` and `yu`→`u`, endings
    /// `iy/ii/yi/ei/ey` and a final `-i` after a consonant → `y`, `-ski` → `-sky`, doubled letters single.
    static func canonical(_ token: String) -> String {
        var t = token
        // Initials follow the same letter mapping, so "J." still matches "Yuri"/"Juri".
        if t.count <= 2 {
            return String(
                t.map { c -> Character in
                    switch c {
                    case "j": "y"
                    case "w": "v"
                    case "q", "x": "k"
                    default: c
                    }
                })
        }
        let replacements: [(String, String)] = [
            ("x", "ks"), ("tsch", "ch"), ("tch", "ch"), ("shch", "sh"), ("sch", "sh"), ("kh", "h"), ("ph", "f"),
            ("w", "v"), ("j", "y"), ("iou", "u"), ("ou", "u"), ("ck", "k"), ("ct", "kt"), ("q", "k"), ("gue", "ge"),
        ]
        for (from, to) in replacements where t.includes(from) { t = replacing(from, with: to, in: t) }
        if t.hasPrefix("ye") { t = "e" + t.dropFirst(2) }
        if t.hasPrefix("yu") { t = "u" + t.dropFirst(2) }
        if t.hasSuffix("ski") { t = String(t.dropLast()) + "y" }
        for ending in ["iy", "ii", "yi", "iy", "ei", "ey", "yy"] where t.hasSuffix(ending) && t.count > 3 {
            t = String(t.dropLast(2)) + "y"
            break
        }
        // Yuri/Yuriy, Dmitri/Dmitry, Arkadi/Arkadiy: a final -i after a consonant is -y.
        if t.count > 2, t.hasSuffix("i"), let before = t.dropLast().last, !"aeiouy".contains(before) { t = String(t.dropLast()) + "y" }
        return single(t)
    }

    /// The word with every run of one letter written once ("janssen" → "jansen").
    static func single(_ word: String) -> String {
        var out = ""
        for character in word where out.last != character { out.append(character) }
        return out
    }

    /// The consonants a word writes doubled, in order ("janssen" → [s], "hoffman" → [f]; `ck` counts
    /// as a doubled k, as `canonical` reads it). `canonical` folds doubled letters to one, which
    /// transliteration needs; this is what tells Jansen from Janssen again. Not counted: `ss`
    /// between two vowels, which French and German write for one с (Vassili, Wassili), and vowels,
    /// which a convention may double by writing a vowel before `ou` (Beloousov for Белоусов).
    static func doubledLetters(_ word: String) -> [Character] {
        let letters = Array(replacing("ck", with: "kk", in: word))
        let vowels: Set<Character> = ["a", "e", "i", "o", "u", "y"]
        var out: [Character] = []
        var index = 0
        while index < letters.count {
            var end = index
            while end + 1 < letters.count, letters[end + 1] == letters[index] { end += 1 }
            if end > index, !vowels.contains(letters[index]) {
                let intervocalic =
                    letters[index] == "s" && index > 0 && end + 1 < letters.count && vowels.contains(letters[index - 1])
                    && vowels.contains(letters[end + 1])
                if !intervocalic { out.append(letters[index]) }
            }
            index = end + 1
        }
        return out
    }

    /// The word's key under the other conventions for the same letters: Dutch transliteration of
    /// Cyrillic (oe = u, sj = sh, tsj = ch, zj = zh: Poetin, Sjojgoe, Tsjernov, Joeri), German
    /// umlauts written out (ae/oe/ue = ä/ö/ü: Mueller, Schroeder) and Dutch ij = y. Compared as
    /// alternatives, so a word keeps matching its own spelling.
    static func alternates(_ token: String) -> [String] {
        // Most words have none of these letters or pairs: one pass over the bytes decides.
        var pairs = false
        var french = false
        var german = false
        var previous: UInt8 = 0
        for byte in token.utf8 {
            switch (previous, byte) {
            case (0x6F, 0x65), (0x61, 0x65), (0x75, 0x65), (0x73, 0x6A), (0x7A, 0x6A), (0x69, 0x6A): pairs = true  // oe ae ue sj zj ij
            case (0x63, 0x68):
                french = true
                german = true  // ch
            case (_, 0x6A), (0x6F, 0x75), (0x69, 0x61), (0x69, 0x6F), (0x69, 0x69): french = true  // j ou ia io ii
            case (_, 0x77): german = true  // w (German -ow, -owa, -ew: Asarow, Sacharowa)
            default: break
            }
            previous = byte
        }
        guard pairs || french || german, token.utf8.count > 2 else { return [] }
        var out: [String] = []
        // French transliteration of Cyrillic: ch = ш, tch = ч, j = ж, ou = у, ia/io/iou = я/ё/ю
        // (Choïgou, Joukova, Tchernov, Iouri).
        if french {
            var f = token
            for (from, to) in [
                ("chtch", "SHCH"), ("tch", "CH"), ("ch", "SH"), ("j", "ZH"), ("iou", "YU"), ("ou", "U"), ("ia", "YA"), ("io", "YO"),
                ("ii", "IY"),
            ]
            where f.includes(from) { f = replacing(from, with: to, in: f) }
            out.append(canonical(f.lowercased()))
        }
        // German transliteration of Cyrillic: sch = ш or ж, tsch = ч, ch = х, w = в, s before a
        // vowel = з, z = ц (Schukowa, Sacharowa, Asarow, Tschernow).
        if german {
            var g = token
            for (from, to) in [("schtsch", "SHCH"), ("tsch", "CH"), ("sch", "ZH"), ("ch", "KH"), ("w", "V"), ("z", "TS")]
            where g.includes(from) {
                g = replacing(from, with: to, in: g)
            }
            var voiced = ""
            var characters = Array(g)
            for index in characters.indices {
                if characters[index] == "s", index + 1 < characters.count, "aeiouy".contains(characters[index + 1]) {
                    characters[index] = "z"
                }
                voiced.append(characters[index])
            }
            out.append(canonical(voiced.lowercased()))
        }
        guard pairs else { return out }
        if token.includes("oe") || token.includes("sj") || token.includes("zj") {
            var dutch = token
            for (from, to) in [("tsj", "ch"), ("sj", "sh"), ("zj", "zh"), ("oe", "u")] where dutch.includes(from) {
                dutch = replacing(from, with: to, in: dutch)
            }
            out.append(canonical(dutch))
        }
        if token.includes("ae") || token.includes("oe") || token.includes("ue") {
            var german = token
            for (from, to) in [("ae", "a"), ("oe", "o"), ("ue", "u")] where german.includes(from) {
                german = replacing(from, with: to, in: german)
            }
            out.append(canonical(german))
        }
        if token.includes("ij") { out.append(canonical(replacing("ij", with: "y", in: token))) }
        return out
    }
}
