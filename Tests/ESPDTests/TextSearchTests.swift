import Foundation
import Testing

@testable import ESPD

/// `String.includes` replaces Foundation's `contains` on a hot path; it must answer the same.
@Suite("Byte-wise substring test")
struct TextSearchTests {
    @Test("includes agrees with Foundation's contains, on ASCII and non-ASCII text")
    func agreesWithFoundation() {
        let haystacks = [
            "", "a", "Have you been convicted", "fulfilled its obligations by paying", "Müller über Ærø", "日本語のテキスト", "aaab", "ababab",
        ]
        let needles = ["", "a", "b", "ab", "aab", "convicted", "paying", "über", "Ærø", "テキスト", "x", "obligations by paying or"]
        for haystack in haystacks {
            for needle in needles {
                #expect(haystack.includes(needle) == (needle.isEmpty || haystack.contains(needle)), "\(haystack) / \(needle)")
            }
        }
    }
}
