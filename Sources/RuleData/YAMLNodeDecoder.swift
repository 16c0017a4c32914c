import Basics
import DossierModel
import Yams

/// A key a type does not know, named in the error that refuses it.
struct UnknownKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}

/// Decodes `Decodable` values straight from a composed YAML node tree.
///
/// Why not Yams' `YAMLDecoder`: it resolves every scalar with regular expressions and a dynamic
/// cast per value, and reading the rule data that way cost more than parsing a 1 MB ESPD
/// (bench/README.md). Here the target type decides
/// how a scalar is read (a plain `2025-01-01` is a string for `Day`, `5538000` a number for
/// `Double`), and errors carry the line of the node that failed.
struct YAMLNodeDecoder: Decoder {
    let node: Node
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    /// Parses `text` (YAML 1.1 through libyaml; no tag resolution) and decodes it.
    static func decode<T: Decodable>(_ type: T.Type, from text: String) throws -> T {
        // An empty document decodes like an empty mapping, so "every field missing" is reported.
        let root = try Yams.compose(yaml: text, .basic, .default, .utf8) ?? Node.mapping(Node.Mapping([]))
        return try T(from: YAMLNodeDecoder(node: root, codingPath: []))
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard case .mapping(let mapping) = node else { throw mismatch([String: String].self, "expected a mapping (key: value lines)") }
        // A key the type does not know is refused, not ignored: a misspelt `submisionDeadline`
        // would otherwise move the reference date without a word. (Dictionaries accept any key.)
        for (name, _) in mapping {
            guard let key = name.scalar?.string, Key(stringValue: key) == nil else { continue }
            let suggestion =
                Self.nearbyKey(key, Key.self).map { "; did you mean '\($0)'?" } ?? "; check its spelling (README lists the fields)"
            throw YAMLNodeError(
                line: name.mark?.line,
                error: .dataCorrupted(
                    .init(
                        codingPath: codingPath + [UnknownKey(stringValue: key)],
                        debugDescription: "not a known field" + suggestion)))
        }
        return KeyedDecodingContainer(Keyed<Key>(mapping: mapping, codingPath: codingPath))
    }

    /// Lists in hand-edited files are short (people, subcontractors, grounds); aliases could make one
    /// line a hundred thousand entries, each a finding. Longer lists are refused.
    static var maxListLength: Int { InputLimits.listEntries }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard case .sequence(let sequence) = node else { throw mismatch([String].self, "expected a list (lines starting with '- ')") }
        if sequence.count > Self.maxListLength {
            throw YAMLNodeError(
                line: node.mark?.line,
                error: .dataCorrupted(
                    .init(
                        codingPath: codingPath,
                        debugDescription: "the list has \(sequence.count) entries; at most \(Self.maxListLength) are read")))
        }
        return Unkeyed(nodes: Array(sequence), codingPath: codingPath)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer { self }

    func mismatch(_ type: Any.Type, _ message: String) -> YAMLNodeError {
        YAMLNodeError(line: node.mark?.line, error: .typeMismatch(type, .init(codingPath: codingPath, debugDescription: message)))
    }

    /// The scalar text of this node, or a type error naming what was expected.
    func scalar(_ type: Any.Type, _ expected: String) throws -> Node.Scalar {
        guard case .scalar(let scalar) = node else { throw mismatch(type, "expected \(expected)") }
        return scalar
    }

    struct Keyed<Key: CodingKey>: KeyedDecodingContainerProtocol {
        let mapping: Node.Mapping
        let codingPath: [any CodingKey]

        var allKeys: [Key] { mapping.keys.compactMap { $0.scalar.flatMap { Key(stringValue: $0.string) } } }

        func value(_ key: Key) -> Node? {
            for (name, value) in mapping where name.scalar?.string == key.stringValue { return value }
            return nil
        }

        func contains(_ key: Key) -> Bool { value(key) != nil }

        func decoder(_ key: Key) throws -> YAMLNodeDecoder {
            guard let node = value(key) else {
                throw YAMLNodeError(
                    line: mapping.mark?.line, error: .keyNotFound(key, .init(codingPath: codingPath, debugDescription: "missing")))
            }
            return YAMLNodeDecoder(node: node, codingPath: codingPath + [key])
        }

        func decodeNil(forKey key: Key) throws -> Bool { value(key).map(YAMLNodeDecoder.isNull) ?? true }
        func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try decoder(key).decode(type) }
        func decode(_ type: String.Type, forKey key: Key) throws -> String { try decoder(key).decode(type) }
        func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try decoder(key).decode(type) }
        func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try decoder(key).decode(type) }
        func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
            let field = try decoder(key)
            do { return try T(from: field) } catch DecodingError.dataCorrupted(let context) {
                // An enum value it does not know: say which values are allowed, in the file's terms.
                guard let cases = T.self as? any CaseIterable.Type, case .scalar(let scalar)? = Optional(field.node) else {
                    throw DecodingError.dataCorrupted(context)
                }
                throw YAMLNodeError(
                    line: field.node.mark?.line,
                    error: .dataCorrupted(
                        .init(
                            codingPath: field.codingPath,
                            debugDescription:
                                "'\(scalar.string)' is not allowed; allowed: \(YAMLNodeDecoder.caseNames(cases).joined(separator: ", "))")))
            }
        }

        func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<
            NestedKey
        > {
            try decoder(key).container(keyedBy: type)
        }
        func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer { try decoder(key).unkeyedContainer() }
        func superDecoder() throws -> any Decoder { YAMLNodeDecoder(node: .mapping(mapping), codingPath: codingPath) }
        func superDecoder(forKey key: Key) throws -> any Decoder { try decoder(key) }
    }

    struct Unkeyed: UnkeyedDecodingContainer {
        let nodes: [Node]
        let codingPath: [any CodingKey]
        var currentIndex = 0

        init(nodes: [Node], codingPath: [any CodingKey]) {
            self.nodes = nodes
            self.codingPath = codingPath
        }

        var count: Int? { nodes.count }
        var isAtEnd: Bool { currentIndex >= nodes.count }

        mutating func next() throws -> YAMLNodeDecoder {
            guard !isAtEnd else {
                throw YAMLNodeError(
                    line: nodes.last?.mark?.line,
                    error: .valueNotFound(Any.self, .init(codingPath: codingPath, debugDescription: "list ended early")))
            }
            defer { currentIndex += 1 }
            return YAMLNodeDecoder(node: nodes[currentIndex], codingPath: codingPath + [ListIndex(intValue: currentIndex)])
        }

        mutating func decodeNil() throws -> Bool {
            guard !isAtEnd, YAMLNodeDecoder.isNull(nodes[currentIndex]) else { return false }
            currentIndex += 1
            return true
        }
        mutating func decode(_ type: Bool.Type) throws -> Bool { try next().decode(type) }
        mutating func decode(_ type: String.Type) throws -> String { try next().decode(type) }
        mutating func decode(_ type: Double.Type) throws -> Double { try next().decode(type) }
        mutating func decode(_ type: Int.Type) throws -> Int { try next().decode(type) }
        mutating func decode<T: Decodable>(_ type: T.Type) throws -> T { try T(from: next()) }
        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
            try next().container(keyedBy: type)
        }
        mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer { try next().unkeyedContainer() }
        mutating func superDecoder() throws -> any Decoder { try next() }
    }

    struct ListIndex: CodingKey {
        var intValue: Int?
        var stringValue: String { "\(intValue ?? 0)" }
        init(intValue: Int) { self.intValue = intValue }
        init?(stringValue: String) { nil }
    }

    /// `~`, `null` or nothing, written plainly (a quoted "null" is text).
    static func isNull(_ node: Node) -> Bool {
        guard case .scalar(let scalar) = node, scalar.style == .plain else { return false }
        switch scalar.string {
        case "", "~", "null", "Null", "NULL": return true
        default: return false
        }
    }
}

extension YAMLNodeDecoder: SingleValueDecodingContainer {
    func decodeNil() -> Bool { Self.isNull(node) }

    func decode(_ type: String.Type) throws -> String {
        let scalar = try scalar(type, "text")
        if scalar.style == .plain && Self.isNull(node) { throw mismatch(type, "expected text, found nothing") }
        // An escape in a quoted scalar ("\0", "\x01") writes a control character the file's text
        // did not show: refused like one written in the file.
        if let (_, code) = ControlCharacters.first(in: scalar.string) { throw mismatch(type, ControlCharacters.message(code)) }
        return scalar.string
    }

    func decode(_ type: Bool.Type) throws -> Bool {
        let scalar = try scalar(type, "true or false")
        switch scalar.string {
        case "true", "True", "TRUE", "yes", "Yes", "YES", "on", "On", "ON": return true
        case "false", "False", "FALSE", "no", "No", "NO", "off", "Off", "OFF": return false
        default: throw mismatch(type, "expected true or false, found '\(scalar.string)'")
        }
    }

    func decode(_ type: Int.Type) throws -> Int { try integer(type) }
    func decode(_ type: Int8.Type) throws -> Int8 { try integer(type) }
    func decode(_ type: Int16.Type) throws -> Int16 { try integer(type) }
    func decode(_ type: Int32.Type) throws -> Int32 { try integer(type) }
    func decode(_ type: Int64.Type) throws -> Int64 { try integer(type) }
    func decode(_ type: UInt.Type) throws -> UInt { try integer(type) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try integer(type) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try integer(type) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try integer(type) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try integer(type) }
    func decode(_ type: Float.Type) throws -> Float { Float(try decode(Double.self)) }

    /// A key the type knows one edit away from `key` (a letter missing, extra, swapped or wrong):
    /// the known keys cannot be listed, but each candidate can be asked for.
    static func nearbyKey<Key: CodingKey>(_ key: String, _ type: Key.Type) -> String? {
        Spelling.oneEditAway(key) { Key(stringValue: $0) != nil }
    }

    /// The values an enum accepts, as written in a file (raw values).
    static func caseNames<T: CaseIterable>(_ type: T.Type) -> [String] {
        T.allCases.map { value in (value as? any RawRepresentable).map { "\($0.rawValue)" } ?? "\(value)" }
    }

    /// "€ 180.000" → 180000, "€ 1.250,50" → 1250.5; nil when the groups or decimals are not well formed.
    static func dutchAmount(_ text: String) -> Double? {
        let body = text.dropFirst().filter { $0 != " " && $0 != "\u{00A0}" }
        let parts = body.split(separator: ",", omittingEmptySubsequences: false)
        guard parts.count <= 2, let whole = parts.first, !whole.isEmpty else { return nil }
        let groups = whole.split(separator: ".", omittingEmptySubsequences: false)
        guard let head = groups.first, (1...3).contains(head.count) || groups.count == 1,
            groups.allSatisfy({ $0.allSatisfy(\.isNumber) && !$0.isEmpty }), groups.dropFirst().allSatisfy({ $0.count == 3 })
        else { return nil }
        var number = groups.joined()
        if parts.count == 2 {
            guard (1...2).contains(parts[1].count), parts[1].allSatisfy(\.isNumber) else { return nil }
            number += "." + parts[1]
        }
        return Double(number)
    }

    /// `180.000`, `4.850.000`: groups of three digits after points.
    static func looksLikeDutchThousands(_ text: String) -> Bool {
        let groups = text.split(separator: ".", omittingEmptySubsequences: false)
        guard groups.count >= 2, let head = groups.first, (1...3).contains(head.count), head.allSatisfy(\.isNumber) else { return false }
        return groups.dropFirst().allSatisfy { $0.count == 3 && $0.allSatisfy(\.isNumber) }
    }

    func integer<I: FixedWidthInteger>(_ type: I.Type) throws -> I {
        let text = try scalar(type, "a whole number").string
        guard let value = I(text.filter { $0 != "_" }) else { throw mismatch(type, "expected a whole number, found '\(text)'") }
        return value
    }

    func decode(_ type: Double.Type) throws -> Double {
        let text = try scalar(type, "a number").string
        switch text {
        case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF": return .infinity
        case "-.inf", "-.Inf", "-.INF": return -.infinity
        default: break
        }
        // An amount written the Dutch way with its currency sign ("€ 180.000", "€ 1.250,50") is
        // unambiguous: points group thousands, a comma marks the decimals.
        if text.hasPrefix("€") {
            if let value = Self.dutchAmount(text) { return value }
            throw mismatch(type, "'\(text)' is not an amount in euro (write € 180.000 or € 1.250,50, or 180000)")
        }
        // Only plain decimal notation: Double("nan"), Double("0x10") and Double("infinity") are not numbers here.
        let digits = text.filter { $0 != "_" }
        // 180.000 is 180 to YAML but 180,000 to a Dutch reader: refused as ambiguous.
        if Self.looksLikeDutchThousands(digits) {
            throw mismatch(
                type,
                "'\(text)' reads as \(Double(digits).map { String($0) } ?? text) but looks like a Dutch thousands separator; write the number without separators (e.g. \(digits.replacingOccurrences(of: ".", with: "")))"
            )
        }
        guard let first = digits.utf8.first,
            first == UInt8(ascii: "-") || first == UInt8(ascii: "+") || first == UInt8(ascii: ".")
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first),
            !digits.contains("x"), !digits.contains("X"), let value = Double(digits), value.isFinite
        else { throw mismatch(type, "expected a number, found '\(text)'") }
        return value
    }

    func decode<T: Decodable>(_ type: T.Type) throws -> T { try T(from: self) }
}

/// A decoding error with the line of the YAML node it is about.
struct YAMLNodeError: Error {
    var line: Int?
    var error: DecodingError
}
