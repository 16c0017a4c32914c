import Foundation
import Testing

@testable import Names
@testable import RuleData

/// An evaluation set of name pairs the matcher was not written against, labelled by written rules
/// before any score was looked at, with precision and recall per class of variation.
///
/// Labelling rules (also in NAME-PAIRS.md; decided first; a pair's label follows from how it was made, never from a score):
/// 1. Two spellings made from the same source name (the same Cyrillic name transliterated by two
///    conventions; the same Dutch or German name written with a particle joined, an umlaut written
///    out, a hyphen dropped; invisible or look-alike characters added) are the SAME person/company.
/// 2. Two names made from different source names are DIFFERENT, also when they share a surname, a
///    given name or most of their words (Ivan Petrov / Pavel Petrov; Non-ferrous Metals / Ferrous
///    Metals; Jan van der Berg / Jan van den Berg: a different particle is a different family name).
/// 3. Not labelled, so not in the set: a name with a particle against the same name without it
///    (Jan van der Berg / Jan Berg), and initials against full given names: a reviewer cannot tell
///    from the names alone.
/// The transliteration tables below are this test's own, written from the conventions (English
/// BGN/PCGN, Dutch "Nederlandse transcriptie", German Duden, French usage), not from the code.
@Suite("Name pairs: labelled evaluation")
struct NamePairEvaluationTests {
    struct Pair {
        var kind: String
        var a: String
        var b: String
        var same: Bool
        var label: String
        /// Rule 3: a parent, subsidiary or branch; must be reported as a related entity, never as the same.
        var related = false
    }

    // MARK: - Source names

    /// Russian and Ukrainian people as written in Cyrillic (given name, surname).
    static let cyrillicPeople: [(String, String)] = [
        ("Юрий", "Шойгу"), ("Владимир", "Путин"), ("Сергей", "Лавров"), ("Алексей", "Миллер"), ("Игорь", "Сечин"),
        ("Дмитрий", "Медведев"), ("Михаил", "Мишустин"), ("Андрей", "Костин"), ("Герман", "Греф"), ("Олег", "Дерипаска"),
        ("Роман", "Абрамович"), ("Алишер", "Усманов"), ("Виктор", "Вексельберг"), ("Михаил", "Фридман"), ("Пётр", "Авен"),
        ("Геннадий", "Тимченко"), ("Аркадий", "Ротенберг"), ("Борис", "Ротенберг"), ("Николай", "Патрушев"), ("Александр", "Бортников"),
        ("Сергей", "Нарышкин"), ("Валентина", "Матвиенко"), ("Вячеслав", "Володин"), ("Рамзан", "Кадыров"), ("Евгений", "Пригожин"),
        ("Дмитрий", "Песков"), ("Мария", "Захарова"), ("Сергей", "Шойгу"), ("Юрий", "Ковальчук"), ("Андрей", "Белоусов"),
        ("Татьяна", "Голикова"), ("Эльвира", "Набиуллина"), ("Антон", "Силуанов"), ("Денис", "Мантуров"), ("Максим", "Орешкин"),
        ("Игорь", "Шувалов"), ("Леонид", "Михельсон"), ("Вагит", "Алекперов"), ("Владимир", "Потанин"), ("Алексей", "Мордашов"),
        ("Виктор", "Янукович"), ("Николай", "Азаров"), ("Юлия", "Чернова"), ("Ольга", "Жукова"), ("Ксения", "Щербакова"),
    ]

    /// Pairs of different people who share a surname or a given name (rule 2).
    static let differentPeople: [((String, String), (String, String))] = [
        (("Сергей", "Шойгу"), ("Юрий", "Шойгу")), (("Аркадий", "Ротенберг"), ("Борис", "Ротенберг")),
        (("Юрий", "Ковальчук"), ("Михаил", "Ковальчук")),
        (("Дмитрий", "Медведев"), ("Дмитрий", "Песков")), (("Сергей", "Лавров"), ("Сергей", "Нарышкин")),
        (("Алексей", "Миллер"), ("Алексей", "Мордашов")),
        (("Михаил", "Фридман"), ("Михаил", "Мишустин")), (("Владимир", "Путин"), ("Владимир", "Потанин")),
        (("Игорь", "Сечин"), ("Игорь", "Шувалов")),
        (("Николай", "Патрушев"), ("Дмитрий", "Патрушев")), (("Юлия", "Чернова"), ("Юлия", "Чернышёва")),
        (("Ольга", "Жукова"), ("Ольга", "Жуковская")),
        (("Андрей", "Костин"), ("Андрей", "Костенко")), (("Виктор", "Янукович"), ("Виктор", "Медведчук")),
        (("Татьяна", "Голикова"), ("Татьяна", "Голованова")),
    ]

    /// Dutch people with a particle (given name, particle, surname).
    static let dutchPeople: [(String, String, String)] = [
        ("Jan", "van der", "Berg"), ("Pieter", "de", "Vries"), ("Anna", "van den", "Heuvel"), ("Kees", "van", "Dijk"),
        ("Marieke", "de", "Jong"),
        ("Willem", "ter", "Horst"), ("Sanne", "van der", "Meer"), ("Daan", "van 't", "Hof"), ("Femke", "in 't", "Veld"),
        ("Thijs", "van de", "Laar"),
        ("Eva", "de", "Groot"), ("Bram", "van", "Leeuwen"), ("Lotte", "van der", "Linden"), ("Joost", "den", "Uyl"),
        ("Inge", "ten", "Cate"),
    ]

    /// German people whose names have umlauts or ß.
    static let germanPeople: [(String, String)] = [
        ("Jürgen", "Müller"), ("Björn", "Schröder"), ("Günter", "Bäcker"), ("Jörg", "Köhler"), ("Uwe", "Krüger"), ("Käthe", "Böhm"),
        ("Lüder", "Hübner"), ("Dörte", "Jäger"), ("Sören", "Möller"), ("Ülrike", "Günther"), ("Bärbel", "Schäfer"), ("Fritz", "Weißmüller"),
    ]

    /// Different German people a careless folding would merge (rule 2).
    static let differentGerman: [(String, String)] = [
        ("Jürgen Müller", "Jürgen Möller"), ("Jörg Köhler", "Jörg Kohler-Kahn"), ("Uwe Krüger", "Uwe Kruse"), ("Käthe Böhm", "Käthe Bahm"),
        ("Sören Möller", "Sören Mahler"), ("Björn Schröder", "Björn Schneider"),
    ]

    /// Given names that are hyphenated, joined or spaced.
    static let compoundGiven: [(String, String)] = [
        ("Anne-Marie", "Jansen"), ("Jan-Willem", "Bakker"), ("Marie-Louise", "Visser"), ("Hans-Peter", "Schmidt"), ("Karl-Heinz", "Weber"),
        ("Jean-Pierre", "Dubois"), ("Anna-Lena", "Fischer"), ("Klaas-Jan", "Mulder"),
    ]

    /// Companies with hyphenated or compound words (name, its variants).
    static let companies: [(String, [String])] = [
        ("Non-ferrous Metals Trading LLC", ["Nonferrous Metals Trading LLC", "Non ferrous Metals Trading LLC"]),
        ("Sino-Euro Solar Co., Ltd.", ["SinoEuro Solar Co Ltd", "Sino Euro Solar Co., Ltd."]),
        ("Poly-Silicon Materials GmbH", ["Polysilicon Materials GmbH"]),
        ("Noord-Holland Energie B.V.", ["Noordholland Energie BV", "Noord Holland Energie B.V."]),
        ("Trans-Siberian Logistics OOO", ["Transsiberian Logistics OOO", "Trans Siberian Logistics"]),
        ("East-West Wafer Holdings Ltd", ["Eastwest Wafer Holdings Ltd"]),
    ]

    /// Different companies that share most of their words (rule 2).
    static let differentCompanies: [(String, String)] = [
        ("Non-ferrous Metals Trading LLC", "Ferrous Metals Trading LLC"), ("Noordzee Modules B.V.", "Noordzee Solar B.V."),
        ("Sino-Euro Solar Co., Ltd.", "Sino Solar Co., Ltd."), ("East-West Wafer Holdings Ltd", "West Wafer Holdings Ltd"),
        ("Poly-Silicon Materials GmbH", "Silicon Materials GmbH"), ("Trans-Siberian Logistics OOO", "Siberian Logistics OOO"),
        ("Hoshine Silicon Industry Co., Ltd.", "Hoshine Silicon Trading Co., Ltd."), ("Daqo New Energy Corp.", "Daqo Energy Holding Corp."),
    ]

    /// Chinese people in Pinyin with tone marks (surname, given name syllables).
    static let chinesePeople: [(String, [String])] = [
        ("Wáng", ["Jiàn", "guó"]), ("Lǐ", ["Xiǎo", "hóng"]), ("Zhāng", ["Wěi"]), ("Liú", ["Yáng"]), ("Chén", ["Jìng", "yí"]),
        ("Yáng", ["Fān"]),
        ("Zhào", ["Lì", "míng"]), ("Huáng", ["Hǎi", "tāo"]), ("Zhōu", ["Xīn", "yǔ"]), ("Wú", ["Dōng", "shēng"]), ("Xú", ["Huì", "lán"]),
        ("Sūn", ["Qiáng"]),
    ]

    /// Different Chinese people who share a surname or a given name (rule 2).
    static let differentChinese: [(String, String)] = [
        ("Wang Jianguo", "Wang Jianhua"), ("Li Xiaohong", "Li Xiaoming"), ("Zhang Wei", "Zhang Lei"), ("Liu Yang", "Liu Fang"),
        ("Chen Jingyi", "Chen Jingwen"),
        ("Zhao Liming", "Zhou Liming"), ("Huang Haitao", "Huang Haibo"), ("Wu Dongsheng", "Xu Dongsheng"),
    ]

    /// Arabic names with the romanisations registers and lists use for each part (first = the one
    /// a list would carry); a person is a given name, a father's name and a family name.
    static let arabicParts: [String: [String]] = [
        "Muhammad": ["Muhammad", "Mohammed", "Mohamed", "Mohammad"], "Yusuf": ["Yusuf", "Youssef", "Yousef"],
        "Khalid": ["Khalid", "Khaled"],
        "Ahmad": ["Ahmad", "Ahmed"], "Umar": ["Umar", "Omar"], "Hasan": ["Hasan", "Hassan"], "Husayn": ["Husayn", "Hussein", "Hussain"],
        "Ibrahim": ["Ibrahim", "Ebrahim"], "Mustafa": ["Mustafa", "Mostafa", "Moustafa"], "Nasir": ["Nasir", "Nasser", "Naser"],
        "Salih": ["Salih", "Saleh"], "Abd al-Rahman": ["Abd al-Rahman", "Abdul Rahman", "Abdelrahman"],
        "al-Masri": ["al-Masri", "Al Masri", "El-Masry"],
        "al-Tamimi": ["al-Tamimi", "Al Tamimi", "Altamimi"], "al-Shami": ["al-Shami", "Al Shami", "El Chami"],
        "Haddad": ["Haddad", "Hadad"],
    ]
    static let arabicPeople: [(String, String, String)] = [
        ("Muhammad", "Yusuf", "al-Masri"), ("Khalid", "Ahmad", "al-Tamimi"), ("Umar", "Hasan", "Haddad"), ("Husayn", "Ibrahim", "al-Shami"),
        ("Mustafa", "Nasir", "al-Masri"), ("Salih", "Muhammad", "al-Tamimi"), ("Abd al-Rahman", "Khalid", "Haddad"),
        ("Yusuf", "Husayn", "al-Shami"),
        ("Ahmad", "Salih", "al-Masri"), ("Ibrahim", "Umar", "al-Tamimi"),
    ]
    /// Different people: another given name with the same father's and family name (rule 2).
    static let differentArabic: [((String, String, String), (String, String, String))] = [
        (("Muhammad", "Yusuf", "al-Masri"), ("Ahmad", "Yusuf", "al-Masri")),
        (("Khalid", "Ahmad", "al-Tamimi"), ("Salih", "Ahmad", "al-Tamimi")),
        (("Umar", "Hasan", "Haddad"), ("Ibrahim", "Hasan", "Haddad")),
        (("Husayn", "Ibrahim", "al-Shami"), ("Mustafa", "Ibrahim", "al-Shami")),
        (("Mustafa", "Nasir", "al-Masri"), ("Yusuf", "Nasir", "al-Masri")),
        // Two given names that differ only in their vowels (Hasan, Husayn).
        (("Hasan", "Umar", "al-Shami"), ("Husayn", "Umar", "al-Shami")),
    ]

    /// Russian people whose names have a doubled letter or с between vowels (rule 1: French and
    /// German write that с as `ss`).
    static let doubledCyrillic: [(String, String)] = [
        ("Василий", "Васильев"), ("Геннадий", "Зюганов"), ("Кирилл", "Дмитриев"), ("Алла", "Борисова"), ("Анна", "Нетребко"),
        ("Иосиф", "Кобзон"), ("Олеся", "Исаева"), ("Раиса", "Максимова"), ("Станислав", "Черчесов"), ("Денис", "Мацуев"),
        ("Алиса", "Фрейндлих"), ("Людмила", "Гурченко"),
    ]

    /// Different people whose family names differ only in a doubled letter (rule 2).
    static let doubledDifferent: [(String, String)] = [
        ("Jan Jansen", "Jan Janssen"), ("Peter Hermans", "Peter Hermanns"), ("Kees Mol", "Kees Moll"), ("Anne de Wit", "Anne de Witt"),
        ("Henk Stam", "Henk Stamm"), ("Joop Bos", "Joop Boss"), ("Piet Tol", "Piet Toll"), ("Gerrit Smit", "Gerrit Smitt"),
        ("Karin Snel", "Karin Snell"), ("Eva Wolf", "Eva Wolff"), ("Sara Vos", "Sara Voss"), ("Mark Schot", "Mark Schott"),
        ("Ilse Hofman", "Ilse Hoffman"), ("Wim Bakker", "Wim Baker"),
    ]
    static let doubledDifferentCompanies: [(String, String)] = [
        ("Jansen B.V.", "Janssen B.V."), ("Hermans Installatietechniek B.V.", "Hermanns Installatietechniek B.V."),
        ("Wolf Transport GmbH", "Wolff Transport GmbH"), ("Janssen & Zn. B.V.", "Jansen B.V."),
    ]

    /// Companies and their parent, subsidiary or branch (rule 3).
    static let relatedCompanies: [(String, String)] = [
        ("Siemens AG", "Siemens Nederland N.V."), ("Hoshine Silicon Industry Co., Ltd.", "Hoshine Silicon Industry (Shanshan) Co., Ltd."),
        ("Jansen B.V.", "Jansen & Zonen B.V."), ("Bakker Bouw B.V.", "Bakker Bouw Beheer B.V."),
        ("Daqo New Energy Corp.", "Daqo New Energy Europe GmbH"), ("Van Oord N.V.", "Van Oord Deutschland GmbH"),
        ("Jinko Solar Co., Ltd.", "Jinko Solar (Xinjiang) Co., Ltd."), ("Trina Solar Co., Ltd.", "Trina Solar (Netherlands) B.V."),
        ("Heerema Marine Contractors", "Heerema Marine Contractors Nederland SE"), ("Dura Vermeer Groep N.V.", "Dura Vermeer Beheer B.V."),
        ("Hermans Transport B.V.", "Hermans & Zn. Transport B.V."),
    ]
    /// The same company with its legal form written out or abbreviated, the same qualifier on both sides (rule 1).
    static let relatedSame: [(String, String)] = [
        ("Siemens Aktiengesellschaft", "Siemens AG"),
        ("Hoshine Silicon Industry (Shanshan) Co., Ltd.", "Hoshine Silicon Industry (Shanshan) Co. Ltd"),
        ("Jansen & Zonen B.V.", "Jansen en Zonen BV"), ("Siemens Nederland N.V.", "Siemens Nederland NV"),
        ("Van Oord Deutschland GmbH", "Van Oord Deutschland G.m.b.H."), ("Bakker Bouw Beheer B.V.", "Bakker Bouw Beheer BV"),
    ]

    // MARK: - Held out (2026-12-06)

    /// Source names written by the same rules after the matcher's changes of 2026-12-06 and
    /// measured once, never tuned against: whatever they score is reported (README).
    static let heldOutCyrillic: [(String, String)] = [
        ("Григорий", "Явлинский"), ("Анатолий", "Чубайс"), ("Валерий", "Гергиев"), ("Наталья", "Поклонская"),
        ("Михаил", "Ходорковский"), ("Ирина", "Роднина"), ("Святослав", "Вакарчук"), ("Людмила", "Улицкая"),
        ("Фёдор", "Бондарчук"), ("Евгения", "Медведева"), ("Тимур", "Иванов"), ("Олег", "Тиньков"),
    ]
    static let heldOutDifferentCyrillic: [((String, String), (String, String))] = [
        (("Тимур", "Иванов"), ("Тимур", "Иваненко")), (("Ирина", "Роднина"), ("Ирина", "Родионова")),
        (("Олег", "Тиньков"), ("Олег", "Титов")), (("Наталья", "Поклонская"), ("Наталья", "Покровская")),
    ]
    static let heldOutDoubledCyrillic: [(String, String)] = [
        ("Алексей", "Мусин"), ("Денис", "Осипов"), ("Василиса", "Волкова"), ("Кирилл", "Серебренников"),
    ]
    static let heldOutDoubledDifferent: [(String, String)] = [
        ("Hans Hofmann", "Hans Hoffmann"), ("Kim Kramer", "Kim Krammer"), ("Anna Schmit", "Anna Schmitt"),
        ("Erik Weber", "Erik Webber"), ("Iris Hamer", "Iris Hammer"), ("Mila Rosen", "Mila Rossen"),
    ]
    static let heldOutRelated: [(String, String)] = [
        ("Philips N.V.", "Philips Nederland B.V."), ("Boskalis Westminster N.V.", "Boskalis Westminster Nederland B.V."),
        ("Van Leeuwen Buizen B.V.", "Van Leeuwen Buizen Europe B.V."), ("Kuijpers & Zonen B.V.", "Kuijpers B.V."),
        ("GCL Technology Holdings Ltd", "GCL Technology (Xuzhou) Co., Ltd."), ("Meyer Burger Technology AG", "Meyer Burger (Germany) GmbH"),
        ("Risen Energy Co., Ltd.", "Risen Energy (Changzhou) Co., Ltd."), ("BayWa r.e. AG", "BayWa r.e. Nederland B.V."),
        ("De Vries Beheer B.V.", "De Vries B.V."),
    ]
    static let heldOutRelatedSame: [(String, String)] = [
        ("Philips Nederland B.V.", "Philips Nederland BV"), ("Risen Energy (Changzhou) Co., Ltd.", "Risen Energy (Changzhou) Co Ltd"),
    ]

    /// The held-out pairs, labelled by the rules of NAME-PAIRS.md.
    static let heldOut: [Pair] = {
        var pairs: [Pair] = []
        for (i, (_, tableA)) in conventions.enumerated() {
            for (_, tableB) in conventions[(i + 1)...] {
                for person in heldOutCyrillic {
                    pairs.append(
                        Pair(kind: "person", a: written(person, tableA), b: written(person, tableB), same: true, label: "held out"))
                }
                for (x, y) in heldOutDifferentCyrillic {
                    pairs.append(Pair(kind: "person", a: written(x, tableA), b: written(y, tableB), same: false, label: "held out"))
                }
            }
        }
        for person in heldOutDoubledCyrillic {
            for table in [french, german] {
                pairs.append(
                    Pair(kind: "person", a: written(person, english), b: writtenWithDoubleS(person, table), same: true, label: "held out"))
            }
        }
        for (a, b) in heldOutDoubledDifferent { pairs.append(Pair(kind: "person", a: a, b: b, same: false, label: "held out")) }
        for (a, b) in heldOutRelated {
            pairs.append(Pair(kind: "company", a: a, b: b, same: false, label: "held out", related: true))
        }
        for (a, b) in heldOutRelatedSame { pairs.append(Pair(kind: "company", a: a, b: b, same: true, label: "held out")) }
        return pairs
    }()

    @Test("Held-out pairs (written after this round's changes, measured once): precision and recall are reported")
    func heldOutPairs() {
        let rules = Fixtures.rules
        let matcher = NameMatcher(rules: rules.names)
        var score = Score()
        var misses: [String] = []
        var related = 0
        for pair in Self.heldOut {
            let said = matches(pair, matcher, rules)
            switch (pair.same, said) {
            case (true, true): score.tp += 1
            case (true, false):
                score.fn += 1
                misses.append("missed: \(pair.a) / \(pair.b)")
            case (false, true):
                score.fp += 1
                misses.append("false hit: \(pair.a) / \(pair.b)")
            case (false, false): score.tn += 1
            }
            if pair.related {
                let match = matcher.matchCompany(pair.a, pair.b)
                if match.score >= rules.names.companyThreshold && match.relation == .related {
                    related += 1
                } else {
                    misses.append("not reported as related: \(pair.a) / \(pair.b)")
                }
            }
        }
        print(
            String(
                format: "name pairs held out: %d pairs, precision %.3f, recall %.3f (tp %d, fp %d, fn %d, tn %d); related %d of %d",
                Self.heldOut.count, score.precision, score.recall, score.tp, score.fp, score.fn, score.tn, related,
                Self.heldOut.filter(\.related).count) + (misses.isEmpty ? "" : "; " + misses.joined(separator: "; ")))
        #expect(score.precision >= 0.95, "\(misses)")
        #expect(score.recall >= 0.95, "\(misses)")
    }

    // MARK: - Conventions (this test's own tables)

    static let english: [Character: String] = [
        "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "yo", "ж": "zh", "з": "z", "и": "i", "й": "y", "к": "k", "л": "l",
        "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch",
        "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya",
    ]
    static let dutch: [Character: String] = [
        "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "jo", "ж": "zj", "з": "z", "и": "i", "й": "j", "к": "k", "л": "l",
        "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "oe", "ф": "f", "х": "ch", "ц": "ts", "ч": "tsj",
        "ш": "sj", "щ": "sjtsj", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "joe", "я": "ja",
    ]
    static let german: [Character: String] = [
        "а": "a", "б": "b", "в": "w", "г": "g", "д": "d", "е": "e", "ё": "jo", "ж": "sch", "з": "s", "и": "i", "й": "i", "к": "k", "л": "l",
        "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "ch", "ц": "z", "ч": "tsch",
        "ш": "sch", "щ": "schtsch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "ju", "я": "ja",
    ]
    static let french: [Character: String] = [
        "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "io", "ж": "j", "з": "z", "и": "i", "й": "i", "к": "k", "л": "l",
        "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "ou", "ф": "f", "х": "kh", "ц": "ts", "ч": "tch",
        "ш": "ch", "щ": "chtch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "iou", "я": "ia",
    ]
    static let conventions: [(String, [Character: String])] = [
        ("English", english), ("Dutch", dutch), ("German", german), ("French", french),
    ]

    static func transliterate(_ word: String, _ table: [Character: String]) -> String {
        let latin = word.lowercased().map { table[$0] ?? String($0) }.joined()
        return latin.prefix(1).uppercased() + latin.dropFirst()
    }

    static func written(_ person: (String, String), _ table: [Character: String]) -> String {
        "\(transliterate(person.0, table)) \(transliterate(person.1, table))"
    }

    /// French and German usage: с between two vowels is written `ss` (Vassili, Wassili).
    static func writtenWithDoubleS(_ person: (String, String), _ table: [Character: String]) -> String {
        let vowels = Set("аеёиоуыэюяі")
        func word(_ text: String) -> String {
            let letters = Array(text.lowercased())
            var latin = ""
            for (index, letter) in letters.enumerated() {
                if letter == "с", index > 0, index + 1 < letters.count, vowels.contains(letters[index - 1]),
                    vowels.contains(letters[index + 1])
                {
                    latin += "ss"
                } else {
                    latin += table[letter] ?? String(letter)
                }
            }
            return latin.prefix(1).uppercased() + latin.dropFirst()
        }
        return "\(word(person.0)) \(word(person.1))"
    }

    // MARK: - The set

    static let pairs: [Pair] = {
        var pairs: [Pair] = []
        // Transliteration: every two conventions of the same person (rule 1), and the different
        // people in every convention pair (rule 2).
        for (i, (nameA, tableA)) in conventions.enumerated() {
            for (nameB, tableB) in conventions[(i + 1)...] {
                let kind = "transliteration \(nameA)/\(nameB)"
                for person in cyrillicPeople {
                    pairs.append(Pair(kind: "person", a: written(person, tableA), b: written(person, tableB), same: true, label: kind))
                }
                for (x, y) in differentPeople {
                    pairs.append(Pair(kind: "person", a: written(x, tableA), b: written(y, tableB), same: false, label: kind))
                }
            }
        }
        // Dutch particles: joined, capitalised, list order (rule 1); a different particle (rule 2).
        for (given, particle, surname) in dutchPeople {
            let full = "\(given) \(particle) \(surname)"
            let joined = particle.replacingOccurrences(of: " ", with: "").replacingOccurrences(of: "'", with: "")
            pairs.append(
                Pair(kind: "person", a: full, b: "\(given) \(joined.capitalized)\(surname.lowercased())", same: true, label: "particles"))
            pairs.append(Pair(kind: "person", a: full, b: "\(surname), \(given) \(particle)", same: true, label: "particles"))
            pairs.append(Pair(kind: "person", a: full, b: "\(given) \(particle.capitalized) \(surname)", same: true, label: "particles"))
            let other =
                particle == "van der"
                ? "van den" : particle == "van den" ? "van der" : particle == "de" ? "van" : particle == "van" ? "de" : "van der"
            pairs.append(Pair(kind: "person", a: full, b: "\(given) \(other) \(surname)", same: false, label: "particles"))
        }
        // German umlauts written out or left off (rule 1); other people (rule 2).
        for (given, surname) in germanPeople {
            let full = "\(given) \(surname)"
            let outWritten = full.replacingOccurrences(of: "ä", with: "ae").replacingOccurrences(of: "ö", with: "oe").replacingOccurrences(
                of: "ü", with: "ue"
            )
            .replacingOccurrences(of: "Ä", with: "Ae").replacingOccurrences(of: "Ö", with: "Oe").replacingOccurrences(of: "Ü", with: "Ue")
            .replacingOccurrences(of: "ß", with: "ss")
            let dotless = full.folding(options: .diacriticInsensitive, locale: nil).replacingOccurrences(of: "ß", with: "ss")
            pairs.append(Pair(kind: "person", a: full, b: outWritten, same: true, label: "umlauts"))
            pairs.append(Pair(kind: "person", a: outWritten, b: dotless, same: true, label: "umlauts"))
        }
        for (a, b) in differentGerman { pairs.append(Pair(kind: "person", a: a, b: b, same: false, label: "umlauts")) }
        // Compound given names (rule 1); a different second part is another person (rule 2).
        for (given, surname) in compoundGiven {
            let parts = given.split(separator: "-")
            pairs.append(
                Pair(kind: "person", a: "\(given) \(surname)", b: "\(parts.joined()) \(surname)", same: true, label: "compound given names")
            )
            pairs.append(
                Pair(
                    kind: "person", a: "\(given) \(surname)", b: "\(parts.joined(separator: " ")) \(surname)", same: true,
                    label: "compound given names"))
            pairs.append(
                Pair(
                    kind: "person", a: "\(given) \(surname)", b: "\(parts[0])-Sophie \(surname)", same: false, label: "compound given names"
                ))
        }
        // Companies: compound words (rule 1) and near namesakes (rule 2).
        for (name, variants) in companies {
            for variant in variants { pairs.append(Pair(kind: "company", a: name, b: variant, same: true, label: "company compounds")) }
        }
        for (a, b) in differentCompanies { pairs.append(Pair(kind: "company", a: a, b: b, same: false, label: "company compounds")) }
        // Chinese: tone marks, order (given name first), capitalised surname, a hyphen or a space in
        // the given name (rule 1); another person with the same surname or given name (rule 2).
        for (surname, given) in chinesePeople {
            let plainSurname = surname.folding(options: .diacriticInsensitive, locale: nil)
            let plainGiven = given.map { $0.folding(options: .diacriticInsensitive, locale: nil) }
            let listed = "\(plainSurname) \(plainGiven.joined())"
            pairs.append(Pair(kind: "person", a: listed, b: "\(surname) \(given.joined())", same: true, label: "Chinese names"))
            pairs.append(Pair(kind: "person", a: listed, b: "\(plainGiven.joined()) \(plainSurname)", same: true, label: "Chinese names"))
            pairs.append(
                Pair(
                    kind: "person", a: listed, b: "\(plainSurname.uppercased()) \(plainGiven.joined())", same: true, label: "Chinese names")
            )
            if plainGiven.count > 1 {
                pairs.append(
                    Pair(
                        kind: "person", a: listed, b: "\(plainSurname) \(plainGiven[0])-\(plainGiven[1].lowercased())", same: true,
                        label: "Chinese names"))
                pairs.append(
                    Pair(
                        kind: "person", a: listed, b: "\(plainSurname) \(plainGiven.joined(separator: " "))", same: true,
                        label: "Chinese names"))
            }
        }
        for (a, b) in differentChinese { pairs.append(Pair(kind: "person", a: a, b: b, same: false, label: "Chinese names")) }
        // Arabic: every two romanisations of the same person (rule 1); another given name (rule 2).
        func arabic(_ person: (String, String, String), _ variant: Int) -> String {
            [person.0, person.1, person.2].map { part in
                let forms = arabicParts[part]!
                return forms[variant % forms.count]
            }.joined(separator: " ")
        }
        for person in arabicPeople {
            for variant in 1...3 {
                pairs.append(Pair(kind: "person", a: arabic(person, 0), b: arabic(person, variant), same: true, label: "Arabic names"))
            }
        }
        for (x, y) in differentArabic {
            pairs.append(Pair(kind: "person", a: arabic(x, 0), b: arabic(y, 1), same: false, label: "Arabic names"))
            pairs.append(Pair(kind: "person", a: arabic(x, 1), b: arabic(y, 0), same: false, label: "Arabic names"))
        }
        // Doubled letters: a convention's `ss` or a doubled source letter (rule 1); family names
        // that differ in a doubled letter (rule 2).
        for person in doubledCyrillic {
            for table in [french, german] {
                pairs.append(
                    Pair(
                        kind: "person", a: written(person, english), b: writtenWithDoubleS(person, table), same: true,
                        label: "doubled letters"))
            }
        }
        for (a, b) in doubledDifferent { pairs.append(Pair(kind: "person", a: a, b: b, same: false, label: "doubled letters")) }
        for (a, b) in doubledDifferentCompanies { pairs.append(Pair(kind: "company", a: a, b: b, same: false, label: "doubled letters")) }
        // Related companies (rule 3) and the same company written twice (rule 1).
        for (a, b) in relatedCompanies {
            pairs.append(Pair(kind: "company", a: a, b: b, same: false, label: "related companies", related: true))
        }
        for (a, b) in relatedSame { pairs.append(Pair(kind: "company", a: a, b: b, same: true, label: "related companies")) }
        // Hidden and look-alike characters on one side of a same pair (rule 1).
        let disguised: [(String, (String) -> String)] = [
            ("zero-width space", { String($0.prefix(3)) + "\u{200B}" + String($0.dropFirst(3)) }),
            ("soft hyphen", { String($0.prefix(4)) + "\u{00AD}" + String($0.dropFirst(4)) }),
            ("Cyrillic look-alikes", { String($0.map { ["a": "а", "e": "е", "o": "о", "p": "р", "c": "с", "y": "у"][$0] ?? $0 }) }),
            ("Greek look-alikes", { String($0.map { ["o": "ο", "i": "ι", "v": "ν", "K": "Κ", "T": "Τ", "M": "Μ"][$0] ?? $0 }) }),
        ]
        for (label, disguise) in disguised {
            for person in cyrillicPeople.prefix(12) {
                let name = written(person, english)
                pairs.append(Pair(kind: "person", a: name, b: disguise(name), same: true, label: "hidden characters"))
            }
        }
        return pairs
    }()

    /// Whether the matcher says the pair is the same person or company: a hit that is not a related entity.
    func matches(_ pair: Pair, _ matcher: NameMatcher, _ rules: RuleBook) -> Bool {
        let match = pair.kind == "person" ? matcher.matchPerson(pair.a, pair.b) : matcher.matchCompany(pair.a, pair.b)
        return match.score >= (pair.kind == "person" ? rules.names.personThreshold : rules.names.companyThreshold)
            && match.relation != .related
    }

    struct Score {
        var tp = 0, fp = 0, fn = 0, tn = 0
        var precision: Double { tp + fp == 0 ? 1 : Double(tp) / Double(tp + fp) }
        var recall: Double { tp + fn == 0 ? 1 : Double(tp) / Double(tp + fn) }
    }

    static func classes() -> [String] { Array(Set(pairs.map(\.label))).sorted() }

    /// Classes the matcher does not fully handle, reported as known issues rather than left out:
    /// an Arabic name romanised differently (Umar / Omar) is only compared as such when one of the
    /// two names is marked as Arabic (article, bin, abu, abd…); without a marker it is missed.
    static let knownGaps: Set<String> = ["Arabic names"]

    @Test("The set has at least 300 labelled pairs, both labels in every class")
    func size() {
        #expect(Self.pairs.count >= 300)
        for label in Self.classes() {
            #expect(Self.pairs.contains { $0.label == label && $0.same }, "\(label)")
            if label != "hidden characters" { #expect(Self.pairs.contains { $0.label == label && !$0.same }, "\(label)") }
        }
    }

    @Test("Precision and recall over the whole set are at least 0.95")
    func overall() {
        let rules = Fixtures.rules
        let matcher = NameMatcher(rules: rules.names)
        var score = Score()
        for pair in Self.pairs {
            switch (pair.same, matches(pair, matcher, rules)) {
            case (true, true): score.tp += 1
            case (true, false): score.fn += 1
            case (false, true): score.fp += 1
            case (false, false): score.tn += 1
            }
        }
        print(
            String(
                format: "name pairs overall: %d pairs, precision %.3f, recall %.3f (tp %d, fp %d, fn %d, tn %d)",
                Self.pairs.count, score.precision, score.recall, score.tp, score.fp, score.fn, score.tn))
        #expect(score.precision >= 0.95)
        #expect(score.recall >= 0.95)
    }

    @Test("A parent, subsidiary or branch is reported as a related entity (rule 3)")
    func relatedEntities() {
        let rules = Fixtures.rules
        let matcher = NameMatcher(rules: rules.names)
        let related = Self.pairs.filter(\.related)
        let reported = related.filter {
            let match = matcher.matchCompany($0.a, $0.b)
            return match.score >= rules.names.companyThreshold && match.relation == .related
        }
        let missed = related.filter { pair in !reported.contains { $0.a == pair.a && $0.b == pair.b } }
        print(String(format: "name pairs related entities: %d pairs, reported as related %d", related.count, reported.count))
        #expect(Double(reported.count) / Double(related.count) >= 0.95, "\(missed.map { "\($0.a) / \($0.b)" })")
    }

    @Test("Precision and recall per class are at least 0.95", arguments: NamePairEvaluationTests.classes())
    func perClass(label: String) {
        let rules = Fixtures.rules
        let matcher = NameMatcher(rules: rules.names)
        var score = Score()
        var misses: [String] = []
        for pair in Self.pairs where pair.label == label {
            switch (pair.same, matches(pair, matcher, rules)) {
            case (true, true): score.tp += 1
            case (true, false):
                score.fn += 1
                misses.append("missed: \(pair.a) / \(pair.b)")
            case (false, true):
                score.fp += 1
                misses.append("false hit: \(pair.a) / \(pair.b)")
            case (false, false): score.tn += 1
            }
        }
        print(
            String(
                format: "name pairs %@: %d pairs, precision %.2f, recall %.2f (tp %d, fp %d, fn %d, tn %d)",
                label, score.tp + score.fp + score.fn + score.tn, score.precision, score.recall, score.tp, score.fp, score.fn, score.tn)
                + (misses.isEmpty ? "" : "; " + misses.joined(separator: "; ")))
        let check = {
            #expect(score.precision >= 0.95, "\(label): \(misses.prefix(12).joined(separator: "; "))")
            #expect(score.recall >= 0.95, "\(label): \(misses.prefix(12).joined(separator: "; "))")
        }
        if Self.knownGaps.contains(label) {
            // Shown as a known issue in every test report until the matcher handles it.
            withKnownIssue("\(label): below 0.95, see README (names: evaluation set)") { check() }
        } else {
            check()
        }
    }
}
