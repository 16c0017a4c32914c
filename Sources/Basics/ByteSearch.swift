import Foundation

extension String {
    /// Byte-wise substring test on the UTF-8. A match of UTF-8 bytes is a match of whole Unicode
    /// scalars (UTF-8 is self-synchronising); case and normalisation are the caller's (lower-case
    /// both sides first for a case-insensitive test). Two reasons not to use Foundation's
    /// `contains`/`localizedCaseInsensitiveContains`: they go through NSString on every call, which
    /// dominated reading a response's answers (bench/README.md), and they trap ("String index is out
    /// of bounds") on some strings a bidder can write, such as runs of U+FFFD from invalid UTF-8
    /// (found by fuzz-inputs; `fuzz/regressions/inputs/supply-chain-site-invalid-utf8.csv`).
    public func includes(_ needle: String) -> Bool {
        var haystack = self
        var needle = needle
        return haystack.withUTF8 { h in
            needle.withUTF8 { n in
                guard let first = n.first else { return true }
                guard h.count >= n.count else { return false }
                var i = 0
                let last = h.count - n.count
                while i <= last {
                    if h[i] == first && memcmp(h.baseAddress! + i, n.baseAddress!, n.count) == 0 { return true }
                    i += 1
                }
                return false
            }
        }
    }
}
