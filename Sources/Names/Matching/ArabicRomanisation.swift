/// Two Latin spellings of one Arabic word. Arabic writes three short vowels (a, i, u) that
/// romanisations render differently: o for u (Omar, Mohammed), e for a or i (Ahmed, Khaled) and
/// also for u in French and Egyptian forms (Youssef), and a diphthong as ay, ai or ei (Husayn,
/// Hussain, Hussein); gh and dh are often written g and d. The consonants stay the same, so two
/// spellings are one word when their consonants are the same and each vowel agrees, with e
/// agreeing with any vowel. Used only for names marked as Arabic (`NameMatcher.isArabic`):
/// Jansen and Jensen are two Dutch names.
enum ArabicRomanisation {
    /// The similarity of two romanisations of one word: enough for a name part (≥ 0.92), less
    /// than the same spelling.
    static let score = 0.94

    /// The vowel classes of `key`: everything else in a key is a consonant.
    static let vowelClasses: Set<Unicode.Scalar> = ["a", "i", "u", "*"]

    /// Whether any spelling of the one word and any of the other are romanisations of one word.
    static func sameWord(_ a: [[Unicode.Scalar]], _ b: [[Unicode.Scalar]]) -> Bool {
        let keysA = a.map(key)
        let keysB = b.map(key)
        return keysA.contains { x in keysB.contains { y in agree(x, y) } }
    }

    /// Consonants as written and each run of vowels as the class of its first letter: `a`, `i`,
    /// `u` (o, u) or `*` (e). A y after a vowel belongs to its run (Husayn); a final y after a
    /// consonant is a vowel (Masry = Masri).
    static func key(_ word: [Unicode.Scalar]) -> [Unicode.Scalar] {
        var letters: [Unicode.Scalar] = []
        letters.reserveCapacity(word.count)
        for scalar in word where scalar != "'" {
            // gh → g, dh → d: the h of a digraph is dropped.
            if scalar == "h", let last = letters.last, last == "g" || last == "d" { continue }
            letters.append(scalar)
        }
        func vowel(_ s: Unicode.Scalar) -> Bool { s == "a" || s == "e" || s == "i" || s == "o" || s == "u" }
        var out: [Unicode.Scalar] = []
        var inRun = false
        for (index, letter) in letters.enumerated() {
            var isVowel = vowel(letter)
            if letter == "y", index > 0 {
                let next = index + 1 < letters.count ? letters[index + 1] : nil
                if inRun, next.map({ !vowel($0) }) ?? true { isVowel = true }
                if !inRun, next == nil { isVowel = true }
            }
            guard isVowel else {
                out.append(letter)
                inRun = false
                continue
            }
            if !inRun {
                switch letter {
                case "a": out.append("a")
                case "i", "y": out.append("i")
                case "o", "u": out.append("u")
                default: out.append("*")
                }
            }
            inRun = true
        }
        return out
    }

    /// The first two consonants of `word` in upper case: a blocking key of the sanctions index
    /// that two romanisations of a word share.
    static func consonantBlock(_ word: [Unicode.Scalar]) -> String {
        var out = String.UnicodeScalarView()
        for scalar in key(word) where !vowelClasses.contains(scalar) {
            out.append(contentsOf: String(scalar).uppercased().unicodeScalars)
            if out.count == 2 { break }
        }
        return String(out)
    }

    static func agree(_ x: [Unicode.Scalar], _ y: [Unicode.Scalar]) -> Bool {
        guard x.count == y.count else { return false }
        for (p, q) in zip(x, y) where p != q {
            guard (p == "*" && vowelClasses.contains(q)) || (q == "*" && vowelClasses.contains(p)) else { return false }
        }
        return true
    }
}
