import Basics
import DossierModel
import Foundation
import RuleData

/// Explainable fuzzy matching of person and company names.
///
/// Persons: robust to Dutch tussenvoegsels ("van der Berg" = "Berg, J. van der"), initials
/// versus full given names, diacritics, punctuation and word order. Companies: legal-form
/// words (B.V., GmbH, Co., Ltd.) are dropped and word order does not matter.
/// Every match carries its score and the token pairs that made it.
public struct NameMatcher: Sendable {
    public struct Match: Sendable, Codable, Equatable {
        public var score: Double
        /// Why: token pairs such as "berg = berg", "j. → jan (initial)".
        public var reasons: [String]
        /// `.related`: the names are of a parent, subsidiary or branch of each other (one adds a
        /// country, place, "& Zonen" or a holding word: `relatedEntityWords`), not shown to be the
        /// same legal entity; nil: the names are compared as one entity's.
        public var relation: Relation? = nil

        public init(score: Double, reasons: [String], relation: Relation? = nil) {
            self.score = score
            self.reasons = reasons
            self.relation = relation
        }
    }

    /// How two matching names relate, where it is not "the same".
    public enum Relation: String, Sendable, Codable {
        case related

        /// What a finding adds for a match's relation, in Dutch and English: the sentence after a
        /// space, or nothing for the same entity.
        public static func clause(_ relation: Relation?) -> (nl: String, en: String) {
            relation.map { (nl: " " + $0.sentence.nl, en: " " + $0.sentence.en) } ?? (nl: "", en: "")
        }

        /// What a finding says of it, in Dutch and English.
        public var sentence: (nl: String, en: String) {
            (
                nl:
                    "Een van beide namen voegt een land, een plaats of een groepsaanduiding toe: mogelijk een verbonden onderneming (moeder- of dochteronderneming of vestiging), niet aangetoond dezelfde rechtspersoon. Stel vast wie de zeggenschap heeft.",
                en:
                    "One of the names adds a country, a place or a group word: possibly a related entity (parent, subsidiary or branch), not shown to be the same legal entity. Establish who controls it."
            )
        }
    }

    let tussenvoegsels: Set<String>
    let legalForms: Set<String>
    /// Legal forms in full, as the canonical keys of their words, longest first.
    let legalFormPhrases: [[String]]
    let genericWords: Set<String>
    /// Words that name another entity of the same group (`relatedEntityWords`).
    let relatedWords: Set<String>
    /// The Arabic article as `personWords` writes it ("al-"), and the words it is read from.
    static let article = "al-"
    let articles: Set<String>
    /// Words that mark a name as Arabic; those starting with "abd" also form compounds (`abdal…`).
    let arabicMarkers: Set<String>
    /// Tussenvoegsels and the article: the particles a name may write, drop or glue.
    let particles: Set<String>
    /// The tussenvoegsels longest first, for reading them off a word they are written together with.
    let particlesLongestFirst: [String]
    public let personThreshold: Double
    public let companyThreshold: Double
    /// Whether a consonant doubled differently in an otherwise identical name makes it another
    /// name ("possible", under the threshold: Jansen / Janssen). True for comparing people and
    /// companies with each other (conflicts of interest, the labelled pairs); false against a list
    /// (`forLists`), where the listed name is the authority's and the bidder's is written by the
    /// party screened: a bidder must not slip off a list by doubling a consonant.
    public var doubledLettersMakeAnotherName = true

    /// This matcher as list matching uses it: a doubled letter written otherwise stays a hit.
    public var forLists: NameMatcher {
        var matcher = self
        matcher.doubledLettersMakeAnotherName = false
        return matcher
    }

    public init(rules: RuleBook.NameMatchingRules) {
        tussenvoegsels = Set(rules.tussenvoegsels.map { Self.fold($0) })
        legalForms = Set(rules.legalForms.map { String(Self.fold($0).filter { $0 != "." }) })
        legalFormPhrases = (rules.legalFormPhrases ?? []).map(Self.phraseKeys).filter { !$0.isEmpty }.sorted { $0.count > $1.count }
        genericWords = Set((rules.genericCompanyWords ?? []).map { Self.fold($0) })
        relatedWords = Set((rules.relatedEntityWords ?? []).map { String(Self.fold($0).filter { $0 != "." }) })
        articles = Set((rules.arabicArticles ?? []).map { Self.fold($0) })
        arabicMarkers = Set((rules.arabicNameMarkers ?? []).map { Self.fold($0) })
        particles = tussenvoegsels.union([Self.article])
        particlesLongestFirst = tussenvoegsels.sorted { ($0.count, $1) > ($1.count, $0) }
        personThreshold = rules.personThreshold
        companyThreshold = rules.companyThreshold
    }

    // MARK: Persons

    /// A word of a name as written (folded) and the key it is compared by.
    struct Token {
        var shown: String
        var key: String
        /// The key as unicode scalars, compared without re-decoding the string every time.
        var scalars: [Unicode.Scalar]
        /// The key under the other spelling conventions a Dutch user meets (`Transliteration.alternates`):
        /// "poetin" is also "putin", "mueller" also "muller"; empty for most words.
        var alternates: [[Unicode.Scalar]]
        /// A word a company name may add or drop without naming another company: a generic word
        /// (`genericCompanyWords`) or a qualifier in parentheses ("(Shanshan)").
        var generic = false
        /// Part of a hyphenated compound (Non-ferrous, Sino-Euro): dropping it changes the name.
        var bound = false
        /// A qualifier in parentheses ("(Shanshan)"): a branch or place.
        var qualifier = false
        /// Part of a name marked as Arabic (`arabicNameMarkers`, the article): its vowels may then be
        /// compared as romanisations write them.
        var arabicName = false
        var count: Int { scalars.count }
        init(shown: String, key: String) {
            self.shown = shown
            self.key = key
            self.scalars = Array(key.unicodeScalars)
            alternates = Transliteration.alternates(shown).filter { $0 != key }.map { Array($0.unicodeScalars) }
        }
        /// Every key the word may be compared by: its own first.
        var keys: [[Unicode.Scalar]] { [scalars] + alternates }
    }

    /// The best similarity of two words under any of their spellings. `romanised`: the words are
    /// of an Arabic name (either side), and two romanisations of one Arabic word score 0.94.
    static func similarity(_ a: Token, _ b: Token, romanised: Bool = false) -> Double {
        let direct = tokenSimilarity(a.scalars, b.scalars)
        if direct == 1 { return direct }
        var best = direct
        if !(a.alternates.isEmpty && b.alternates.isEmpty) {
            for x in a.keys { for y in b.keys { best = max(best, tokenSimilarity(x, y)) } }
            // An alternate spelling may shorten a word (Sinoeuro → Sinuro): a word that only shares a
            // prefix with a much shorter one stays no spelling variant of it, whatever its alternates.
            if abs(a.count - b.count) >= 3 { best = min(best, 0.85) }
        }
        if romanised, best < ArabicRomanisation.score, a.count > 2, b.count > 2, ArabicRomanisation.sameWord(a.keys, b.keys) {
            best = ArabicRomanisation.score
        }
        return best
    }

    /// Tokens of a person's name: folded, tussenvoegsels removed, "J.W." split into initials.
    /// `joined`: hyphenated parts written as one word ("Anne-Marie" → "annemarie");
    /// `glued`: tussenvoegsels written together with the next word ("van der Berg" → "vanderberg").
    func personTokens(_ name: String, joined: Bool = false, glued: Bool = false) -> [Token] {
        personTokens(words: personWords(name, joined: joined), glued: glued)
    }

    func personTokens(words tokens: [String], glued: Bool = false) -> [Token] {
        if glued {
            var out: [String] = []
            var pending = ""
            for token in tokens {
                if particles.contains(token) {
                    pending += token.filter { $0 != "-" }
                    continue
                }
                out.append(pending + token)
                pending = ""
            }
            return marked(out.map { Token(shown: $0, key: Transliteration.canonical($0)) }, arabic: isArabic(tokens))
        }
        let kept = tokens.filter { !particles.contains($0) }
        return marked(
            (kept.isEmpty ? tokens.map { $0.filter { $0 != "-" } } : kept).map { Token(shown: $0, key: Transliteration.canonical($0)) },
            arabic: isArabic(tokens))
    }

    /// Whether the words (`personWords`) are of an Arabic name: the article or a marker.
    func isArabic(_ words: [String]) -> Bool {
        words.contains { $0 == Self.article || arabicMarkers.contains($0) || $0.hasPrefix("abdal") }
    }

    private func marked(_ tokens: [Token], arabic: Bool) -> [Token] {
        guard arabic else { return tokens }
        return tokens.map {
            var token = $0
            token.arabicName = true
            return token
        }
    }

    /// The folded words of a person's name, tussenvoegsels included; the Arabic article is
    /// written "al-" (`articles`), and an "abd al-" compound is one word ("abdalrahman").
    func personWords(_ name: String, joined: Bool = false) -> [String] {
        // "J.W.Jansen" is "J W Jansen": a full stop separates like a space.
        let folded = Self.fold(joined ? name.replacingOccurrences(of: "-", with: "") : name)
        var words: [String] = []
        var hyphenated: [Bool] = []
        var current = ""
        for character in folded {
            if character.isLetter || character == "'" {
                current.append(character)
                continue
            }
            if !current.isEmpty {
                words.append(current)
                hyphenated.append(character == "-")
                current = ""
            }
        }
        if !current.isEmpty {
            words.append(current)
            hyphenated.append(false)
        }
        words = words.map { String($0.drop { $0 == "'" }.reversed().drop { $0 == "'" }.reversed()) }
        guard !articles.isEmpty || !arabicMarkers.isEmpty else { return words.filter { !$0.isEmpty } }
        // The article: hyphenated to the next word, or after the first word, and not the last.
        for index in words.indices where articles.contains(words[index]) && index + 1 < words.count && (hyphenated[index] || index > 0) {
            words[index] = Self.article
        }
        words = words.filter { !$0.isEmpty }
        // "Abd al-Rahman", "Abdul Rahman", "Abdelrahman": one word, abdal + the name.
        var out: [String] = []
        var index = 0
        while index < words.count {
            let word = words[index]
            if arabicMarkers.contains(word), word.hasPrefix("abd"), index + 1 < words.count {
                var next = index + 1
                if words[next] == Self.article, next + 1 < words.count { next += 1 }
                if words[next] != Self.article, !arabicMarkers.contains(words[next]), word != "abd" || next > index + 1 {
                    out.append("abdal" + words[next])
                    index = next + 1
                    continue
                }
            }
            if let prefix = ["abdul", "abdel", "abdal", "abdol"].first(where: { word.hasPrefix($0) && word.count > $0.count + 2 }),
                arabicMarkers.contains(prefix)
            {
                out.append("abdal" + word.dropFirst(prefix.count))
                index += 1
                continue
            }
            out.append(word)
            index += 1
        }
        return out
    }

    /// The token lists a name is compared by: as written, and with hyphenated parts as one word
    /// when the name has a hyphen ("Anne-Marie" = "Annemarie", "Non-ferrous" = "Nonferrous").
    /// A person's name with tussenvoegsels is also compared with them written together with the
    /// surname ("van der Berg" = "Vanderberg").
    func tokenVariants(_ name: String, person: Bool) -> [[Token]] {
        let readings = NameText.readings(name)
        guard readings.count == 1 else { return readings.flatMap { readingVariants($0, person: person) } }
        return readingVariants(name, person: person)
    }

    /// `tokenVariants` of one reading of a name (the sanctions index searches each reading itself).
    func readingVariants(_ name: String, person: Bool) -> [[Token]] {
        guard person else { return name.contains("-") ? [companyTokens(name), companyTokens(name, joined: true)] : [companyTokens(name)] }
        return personVariants(name, words: personWords(name))
    }

    /// The name with each two neighbouring words (no tussenvoegsel) written as one: "wang jian guo"
    /// gives "wangjian guo" and "wang jianguo".
    func joinedNeighbours(_ words: [String]) -> [[Token]] {
        guard words.count >= 3, words.count <= 6 else { return [] }
        var out: [[Token]] = []
        for index in 0..<(words.count - 1) where !particles.contains(words[index]) && !particles.contains(words[index + 1]) {
            var joined = words
            joined[index] += joined.remove(at: index + 1)
            out.append(personTokens(words: joined))
        }
        return out
    }

    /// `tokenVariants` of a person's name whose folded `words` are already known.
    func personVariants(_ name: String, words: [String]) -> [[Token]] {
        var variants = [personTokens(words: words)]
        if name.contains("-") { variants.append(personTokens(name, joined: true)) }
        if words.contains(where: particles.contains) { variants.append(personTokens(words: words, glued: true)) }
        return variants
    }

    /// Scores two person names. Birth dates, when both are known and differ, rule a match out.
    /// Tussenvoegsels are compared on their own: the same name with another particle (van der /
    /// van den) is another family name and scores × 0.8; a particle written in one name only
    /// scores × 0.95 (forms often leave it out); particles written together with the surname (Vanderberg) match the split form.
    public func matchPerson(_ a: String, _ b: String, birthDateA: String? = nil, birthDateB: String? = nil) -> Match {
        // A name whose words mix scripts is compared in each of its readings; the best counts.
        let readingsA = NameText.readings(a)
        let readingsB = NameText.readings(b)
        if readingsA.count > 1 || readingsB.count > 1 {
            var best: Match? = nil
            for x in readingsA {
                for y in readingsB {
                    let match = matchPersonReading(x, y, birthDateA: birthDateA, birthDateB: birthDateB)
                    if match.score > best?.score ?? -1 { best = match }
                }
            }
            return best!
        }
        return matchPersonReading(a, b, birthDateA: birthDateA, birthDateB: birthDateB)
    }

    /// `matchPerson` of one reading of each name.
    private func matchPersonReading(_ a: String, _ b: String, birthDateA: String?, birthDateB: String?) -> Match {
        if let x = birthDateA, let y = birthDateB, x != y {
            return Match(score: 0, reasons: ["birth dates differ (\(x) / \(y))"])
        }
        // Each name is folded once: the variants and the tussenvoegsels come from the same words.
        let wa = personWords(a)
        let wb = personWords(b)
        var best = Match(score: -1, reasons: [])
        // A name with more words may write one of them in two (Chinese "Jian guo" for Jianguo).
        let na = wa.filter { !particles.contains($0) }.count
        let nb = wb.filter { !particles.contains($0) }.count
        let joinedA = na > nb ? joinedNeighbours(wa) : []
        let joinedB = nb > na ? joinedNeighbours(wb) : []
        for x in personVariants(a, words: wa) + joinedA {
            for y in personVariants(b, words: wb) + joinedB {
                let match = matchPerson(tokens: x, y)
                if match.score > best.score { best = match }
            }
        }
        return tiered(best, wordsA: wa, wordsB: wb)
    }

    /// The tiers below a hit, applied to a person match however it was scored (here, or by the
    /// sanctions index from its tokens), each named in the reasons:
    /// - a tussenvoegsel in one name only costs 5 %, unless the other writes it joined (Vanderberg);
    /// - different tussenvoegsels (van der / van den) are another family name: "possible", 80 %;
    /// - a surname in the other gender's Slavic form (Smirnova / Smirnov, Kowalska / Kowalski) is
    ///   possibly a relative, not the same person: "possible", 80 %.
    func tiered(_ match: Match, wordsA wa: [String], wordsB wb: [String]) -> Match {
        var best = match
        let pa = wa.filter { particles.contains($0) }
        let pb = wb.filter { particles.contains($0) }
        if pa.isEmpty != pb.isEmpty {
            // Written together in one name (Vanderberg) or left out of it.
            // Only when the other name has a word that starts with these very particles: "vanden…"
            // is not "vander…" written together.
            let written = (pa + pb).joined().filter { $0 != "-" && $0 != "'" }
            let glued = matchPerson(tokens: personTokens(words: wa, glued: true), personTokens(words: wb, glued: true))
            if glued.score >= best.score, (pa.isEmpty ? wa : wb).contains(where: { $0.hasPrefix(written) }) {
                return Match(score: glued.score, reasons: glued.reasons + ["tussenvoegsel written together with the name"])
            }
            let particleSide = pa.isEmpty ? wb : wa
            if let other = (pa.isEmpty ? wa : wb).lazy.compactMap({ self.gluedParticles($0, before: particleSide) }).first,
                other != written
            {
                // "Vanderberg" against "van den Berg": written together, but with other particles.
                best.score = ((best.score * 0.8) * 100).rounded() / 100
                best.reasons.append(
                    "possible: tussenvoegsels differ ('\(other)' written together / '\((pa + pb).joined(separator: " "))'), another family name"
                )
                return best
            }
            best.score = ((best.score * 0.95) * 100).rounded() / 100
            best.reasons.append(
                "tussenvoegsel '\((pa + pb).map { $0 == Self.article ? "al" : $0 }.joined(separator: " "))' in one name only")
        } else if !pa.isEmpty, Set(pa) != Set(pb), !(pa + pb).contains(where: { ["vd", "vander"].contains($0) }) {
            best.score = ((best.score * 0.8) * 100).rounded() / 100
            best.reasons.append(
                "possible: tussenvoegsels differ ('\(pa.joined(separator: " "))' / '\(pb.joined(separator: " "))'), another family name")
        }
        if let (x, y) = Self.genderedPair(wa.filter { !particles.contains($0) }, wb.filter { !particles.contains($0) }) {
            best.score = ((best.score * 0.8) * 100).rounded() / 100
            best.reasons.append("possible: surname in the other gender's form ('\(x)' / '\(y)'), a relative rather than the same person")
        }
        return best
    }

    /// The particles written together at the start of `word` when the rest is a word of `words`
    /// ("vanderberg" before "berg" → "vander"); nil otherwise.
    func gluedParticles(_ word: String, before words: [String]) -> String? {
        var rest = Substring(word)
        var stripped = ""
        while let particle = particlesLongestFirst.first(where: { rest.hasPrefix($0) && rest.count > $0.count + 2 }) {
            stripped += particle
            rest = rest.dropFirst(particle.count)
            if words.contains(String(rest)) { return stripped }
        }
        return nil
    }

    /// Slavic surname endings by gender (feminine, masculine).
    static let genderedEndings: [(String, String)] = [
        ("ova", "ov"), ("eva", "ev"), ("ina", "in"), ("skaya", "sky"), ("skaya", "skiy"), ("skaja", "ski"), ("ska", "ski"),
        ("cka", "cki"), ("aya", "iy"), ("ova", "ow"),
    ]

    /// A word of one name that is a word of the other in the other gender's form, and no exact
    /// counterpart: Smirnova / Smirnov.
    static func genderedPair(_ a: [String], _ b: [String]) -> (String, String)? {
        for x in a where !b.contains(x) {
            for y in b where !a.contains(y) && x.count > 3 && y.count > 3 {
                for (feminine, masculine) in genderedEndings {
                    if x.hasSuffix(feminine), y.hasSuffix(masculine), x.dropLast(feminine.count) == y.dropLast(masculine.count) {
                        return (x, y)
                    }
                    if y.hasSuffix(feminine), x.hasSuffix(masculine), y.dropLast(feminine.count) == x.dropLast(masculine.count) {
                        return (x, y)
                    }
                }
            }
        }
        return nil
    }

    /// Scores pre-tokenized person names (`personTokens`), for indexes that tokenize once.
    func matchPerson(tokens a: [Token], _ b: [Token], explain: Bool = true) -> Match {
        var ta = a
        var tb = b
        guard !ta.isEmpty, !tb.isEmpty else { return Match(score: 0, reasons: ["empty name"]) }
        if ta.count > tb.count { swap(&ta, &tb) }
        var used = [Bool](repeating: false, count: tb.count)
        var total = 0.0
        var reasons: [String] = []
        var surnameLike = false
        var weakPair = false
        var doubled: [(String, String)] = []
        var inexact = false
        let romanised = a.first?.arabicName == true || b.first?.arabicName == true
        // Full tokens first, so initials take what is left.
        let order = ta.indices.filter { ta[$0].count > 1 } + ta.indices.filter { ta[$0].count <= 1 }
        for i in order {
            let s = ta[i]
            var best = (score: 0.0, index: -1, initial: false)
            for j in tb.indices where !used[j] {
                let l = tb[j]
                let score: Double
                var initial = false
                if s.count == 1 || l.count == 1 {
                    initial = true
                    score = s.scalars.first == l.scalars.first ? (s.count == l.count ? 1.0 : 0.9) : 0
                } else {
                    score = Self.similarity(s, l, romanised: romanised)
                }
                if score > best.score { best = (score, j, initial) }
            }
            if best.index >= 0 {
                used[best.index] = true
                let l = tb[best.index]
                if explain {
                    if best.initial {
                        reasons.append("\(s.count == 1 ? s.shown + "." : s.shown) → \(l.count == 1 ? l.shown + "." : l.shown) (initial)")
                    } else {
                        reasons.append(
                            best.score == 1 ? "\(s.shown) = \(l.shown)" : "\(s.shown) ≈ \(l.shown) (\(String(format: "%.2f", best.score)))")
                    }
                }
                if s.count > 1 && l.count > 1 {
                    if best.score >= 0.92 { surnameLike = true } else { weakPair = true }
                    // Romanised Arabic doubles letters as it likes (Hassan / Hasan, Haddad / Hadad).
                    if best.score == 1, s.shown != l.shown, !romanised { doubled.append((s.shown, l.shown)) }
                    if best.score < 1 { inexact = true }
                }
            } else if explain {
                reasons.append("\(s.shown) unmatched")
            }
            total += best.score
        }
        var score = total / Double(ta.count)
        // A full token left over on the longer side (a middle name) costs a little.
        let extra = tb.indices.filter { !used[$0] && tb[$0].count > 1 }.count
        if extra > 0 {
            score *= pow(0.97, Double(extra))
            if explain { reasons.append("\(extra) extra name part(s)") }
        }
        if doubledLettersMakeAnotherName, !inexact, let (x, y) = Self.doubledLetterPair(doubled) {
            score *= 0.8
            if explain { reasons.append("possible: '\(x)' / '\(y)' differ in a doubled letter, another name") }
        }
        // Without a full name part in common (the surname) it is not the same person, and two
        // full name parts that differ in spelling (Sweat / Swart) are two people.
        if !surnameLike || weakPair { score = min(score, 0.5) }
        return Match(score: (score * 100).rounded() / 100, reasons: reasons)
    }

    // MARK: Companies

    func companyTokens(_ name: String, joined: Bool = false) -> [Token] {
        // Words with whether they stand inside parentheses (a branch or place qualifier).
        var words: [(word: String, qualifier: Bool, bound: Bool)] = []
        var current = ""
        var depth = 0
        var hyphenBefore = false
        for character in Self.fold(name) where character != "." && !(joined && character == "-") {
            if character.isLetter || character.isNumber {
                current.append(character)
                continue
            }
            if !current.isEmpty {
                words.append((current, depth > 0, hyphenBefore || character == "-"))
                current = ""
            }
            hyphenBefore = character == "-"
            if character == "(" { depth += 1 } else if character == ")" { depth = max(0, depth - 1) }
        }
        if !current.isEmpty { words.append((current, depth > 0, hyphenBefore)) }
        // Each word is transliterated once: its key serves the legal-form phrases and the comparison.
        let tokens = words.map { word in
            var token = Token(shown: word.word, key: Transliteration.canonical(word.word))
            token.generic = word.qualifier || genericWords.contains(word.word)
            token.bound = word.bound
            token.qualifier = word.qualifier
            return token
        }
        let kept = Self.withoutPhrases(tokens, legalFormPhrases, key: \.key).filter { !legalForms.contains($0.shown) }
        return kept.isEmpty ? tokens : kept
    }

    public func matchCompany(_ a: String, _ b: String) -> Match {
        matchCompany(variants: tokenVariants(a, person: false), tokenVariants(b, person: false))
    }

    /// A company name split once into the readings it is compared by, for a name compared with
    /// many others (a list of forced-labour entities against every tier of a declaration).
    public struct PreparedCompany: Sendable {
        public let name: String
        let variants: [[Token]]
    }

    public func prepareCompany(_ name: String) -> PreparedCompany {
        PreparedCompany(name: name, variants: tokenVariants(name, person: false))
    }

    /// `matchCompany` of two prepared names: the same score and reasons as of the names themselves.
    public func matchCompany(_ a: PreparedCompany, _ b: PreparedCompany) -> Match {
        matchCompany(variants: a.variants, b.variants)
    }

    /// `matchCompany` of names already split into their `tokenVariants`: the best reading counts.
    func matchCompany(variants a: [[Token]], _ b: [[Token]]) -> Match {
        var best = Match(score: -1, reasons: [])
        for x in a {
            for y in b {
                let match = matchCompany(tokens: x, y)
                if match.score > best.score { best = match }
            }
        }
        return best
    }

    /// Scores pre-tokenized company names (`companyTokens`).
    func matchCompany(tokens ta: [Token], _ tb: [Token], explain: Bool = true) -> Match {
        guard !ta.isEmpty, !tb.isEmpty else { return Match(score: 0, reasons: ["empty name"]) }
        // Token-set similarity: every word of the shorter name finds its best partner, in any order.
        let (short, long) = ta.count <= tb.count ? (ta, tb) : (tb, ta)
        var pairs: [String] = []
        var total = 0.0
        var weakPair = false
        var partnered = Set<Int>()
        var relation: Relation? = nil
        var doubled: [(String, String)] = []
        var inexact = false
        for s in short {
            var best = (score: -1.0, index: 0)
            for (j, l) in long.enumerated() {
                let score = Self.similarity(s, l)
                if score > best.score { best = (score, j) }
            }
            total += best.score
            partnered.insert(best.index)
            if best.score == 1, s.shown != long[best.index].shown, s.count > 1 { doubled.append((s.shown, long[best.index].shown)) }
            if best.score < 1 { inexact = true }
            if best.score < 0.92 { weakPair = true }
            if explain {
                let l = long[best.index]
                pairs.append(
                    best.score == 1 ? "\(s.shown) = \(l.shown)" : "\(s.shown) ≈ \(l.shown) (\(String(format: "%.2f", best.score)))")
            }
        }
        var score = total / Double(short.count)
        if long.count > short.count {
            // A word one name has and the other lacks: a generic word or a qualifier costs little
            // (Hoshine Silicon Industry (Shanshan) = Hoshine Silicon), a distinctive one makes it
            // likely another company (Sino-Euro Solar / Sino Solar, Non-ferrous / Ferrous Metals).
            // Distinctive: part of a hyphenated compound, or inserted between two shared words
            // (Daqo New Energy / Daqo Energy). A descriptor before or after the shared words
            // (Sberbank of Russia, United Company Rusal) is not.
            // A country, a place in parentheses, a holding word or "& Zonen" (Siemens Nederland,
            // Jansen Beheer) names another entity of the same group: as cheap as a descriptor, but
            // reported as a related entity, not the same one.
            let extra = long.count - short.count
            let unpartnered = long.indices.filter { !partnered.contains($0) }
            let inserted = { (i: Int) in partnered.contains { $0 < i } && partnered.contains { $0 > i } }
            // Asked of the words one name adds only, not of every word tokenized.
            let relating = unpartnered.filter { relates(long[$0]) }
            let cheap = unpartnered.filter { long[$0].generic || relating.contains($0) || !(long[$0].bound || inserted($0)) }.count
            let generic = min(extra, cheap)
            score *= pow(0.95, Double(generic)) * pow(0.85, Double(extra - generic))
            if !relating.isEmpty { relation = .related }
            if explain {
                pairs.append(
                    extra - generic > 0
                        ? "\(extra - generic) extra distinctive word(s)" + (generic > 0 ? ", \(generic) other" : "")
                        : "\(extra) extra word(s)")
                if !relating.isEmpty {
                    pairs.append(
                        "related entity: '\(relating.map { long[$0].shown }.joined(separator: " "))' in one name only "
                            + "(a parent, subsidiary or branch), not shown to be the same legal entity")
                }
            }
        }
        if doubledLettersMakeAnotherName, !inexact, let (x, y) = Self.doubledLetterPair(doubled) {
            score *= 0.8
            if explain { pairs.append("possible: '\(x)' / '\(y)' differ in a doubled letter, another name") }
        }
        // One distinctive word that differs (Flevoland / Friesland) makes it another company.
        if weakPair { score = min(score, 0.5) }
        return Match(score: (score * 100).rounded() / 100, reasons: pairs, relation: relation)
    }

    /// Whether a word of a company name makes it another entity of the same group: a country
    /// (Nederland, Deutschland), a place in parentheses, a holding word or "& Zonen" (`relatedEntityWords`).
    func relates(_ token: Token) -> Bool {
        token.qualifier || relatedWords.contains(token.shown) || Self.namesCountry(token.shown)
    }

    /// Whether a word of a company name names a country (Nederland, Netherlands, Deutschland): by
    /// name only, as a code (de, in, co) is also an ordinary word.
    static func namesCountry(_ word: String) -> Bool {
        word.count > 3 && Country(reading: word) != nil
    }

    /// The first of the word pairs (each scored 1 under the canonical keys) written with the
    /// same letters but doubled differently: Jansen / Janssen is another family name, "possible",
    /// 80 %. Asked only when every other word is written alike: in a name with other slips
    /// (Zonebouw Flevolant) a missing doubled letter is one more slip, not another name. Words that also differ otherwise are two spellings of one word in another script
    /// (Guennadi / Gennadiy), where a doubled letter is part of the convention; and `ss` for с
    /// between vowels (French and German transliteration: Vassili / Vasili) is no difference.
    static func doubledLetterPair(_ pairs: [(String, String)]) -> (String, String)? {
        pairs.first {
            Transliteration.single($0.0) == Transliteration.single($0.1)
                && Transliteration.doubledLetters($0.0) != Transliteration.doubledLetters($0.1)
        }
    }

    // MARK: Primitives

    /// Lower case, Cyrillic transliterated, diacritics removed ("Çelik" → "celik", "Müller" → "muller"),
    /// after `NameText.normalised` (invisible characters removed, "Sibır\u{200B}sky" → "sibirsky").
    /// The canonical keys of a phrase's words, as a name's words are keyed.
    static func phraseKeys(_ phrase: String) -> [String] {
        fold(phrase).split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map { Transliteration.canonical(String($0)) }
    }

    /// `words` without every run of words that spells one of `phrases` (keys compared by `key`).
    static func withoutPhrases<Word>(_ words: [Word], _ phrases: [[String]], key: (Word) -> String) -> [Word] {
        guard !phrases.isEmpty, words.count > 1 else { return words }
        let keys = words.map(key)
        var kept: [Word] = []
        var index = 0
        while index < words.count {
            if let phrase = phrases.first(where: { index + $0.count <= keys.count && Array(keys[index..<index + $0.count]) == $0 }) {
                index += phrase.count
                continue
            }
            kept.append(words[index])
            index += 1
        }
        return kept
    }

    static func fold(_ text: String) -> String {
        // Most names are ASCII: lower-casing is all they need, and Foundation's folding is slow.
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return text.lowercased() }
        return Transliteration.latin(NameText.normalised(text)).folding(
            options: [.diacriticInsensitive, .caseInsensitive, .widthInsensitive], locale: Locale(identifier: "en_US_POSIX"))
    }

    /// Jaro–Winkler, but a word that only shares a prefix with a much longer one (Horst / Horstman)
    /// is not a spelling variant of it.
    static func tokenSimilarity(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Double {
        let similarity = jaroWinkler(a, b)
        return abs(a.count - b.count) >= 3 ? min(similarity, 0.85) : similarity
    }

    /// Jaro–Winkler similarity, 0…1.
    static func jaroWinkler(_ a: String, _ b: String) -> Double {
        jaroWinkler(Array(a.unicodeScalars), Array(b.unicodeScalars))
    }

    static func jaroWinkler(_ s: [Unicode.Scalar], _ t: [Unicode.Scalar]) -> Double {
        if s.isEmpty && t.isEmpty { return 1 }
        if s.isEmpty || t.isEmpty { return 0 }
        if s == t { return 1 }
        let window = max(0, max(s.count, t.count) / 2 - 1)
        var sMatched = [Bool](repeating: false, count: s.count)
        var tMatched = [Bool](repeating: false, count: t.count)
        var matches = 0
        for i in s.indices {
            let lo = max(0, i - window)
            let hi = min(t.count - 1, i + window)
            if lo > hi { continue }
            for j in lo...hi where !tMatched[j] && s[i] == t[j] {
                sMatched[i] = true
                tMatched[j] = true
                matches += 1
                break
            }
        }
        if matches == 0 { return 0 }
        var transpositions = 0
        var k = 0
        for i in s.indices where sMatched[i] {
            while !tMatched[k] { k += 1 }
            if s[i] != t[k] { transpositions += 1 }
            k += 1
        }
        let m = Double(matches)
        let jaro = (m / Double(s.count) + m / Double(t.count) + (m - Double(transpositions / 2)) / m) / 3
        var prefix = 0
        while prefix < min(4, s.count, t.count) && s[prefix] == t[prefix] { prefix += 1 }
        return jaro + Double(prefix) * 0.1 * (1 - jaro)
    }
}
