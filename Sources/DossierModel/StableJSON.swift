import Foundation

/// Pretty-printed JSON with sorted keys: the same value always gives the same bytes.
///
/// The output is byte for byte what `JSONEncoder` writes with `[.prettyPrinted, .sortedKeys,
/// .withoutEscapingSlashes]` (a test compares the two over the corpus and the samples), so stored
/// dossiers keep their hashes. Why not `JSONEncoder` itself: it asks the runtime for a protocol
/// conformance for every value it wraps, a large part of writing a dossier (bench/README.md);
/// here the type is compared, not cast.
public enum StableJSON {
    public static func string<T: Encodable>(_ value: T) throws -> String {
        let root = Node()
        try Encoding(node: root, codingPath: []).encode(value)
        var out: [UInt8] = []
        out.reserveCapacity(16 * 1024)
        write(root, indent: 0, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    public static func data<T: Encodable>(_ value: T) throws -> Data { Data(try string(value).utf8) }

    /// One JSON value under construction; containers append to it in place.
    final class Node {
        enum Kind { case null, literal, string, array, object }
        var kind = Kind.null
        /// The number or `true`/`false` for `.literal`, the unescaped text for `.string`.
        var text = ""
        var items: [Node] = []
        var pairs: [(key: String, node: Node)] = []

        func becomeObject() {
            if kind != .object {
                kind = .object
                pairs = []
            }
        }
        func becomeArray() {
            if kind != .array {
                kind = .array
                items = []
            }
        }

        /// The node for `key`; a key encoded twice keeps its last value, as JSONEncoder does.
        func child(_ key: String) -> Node {
            let node = Node()
            if let index = pairs.firstIndex(where: { $0.key == key }) { pairs[index].node = node } else { pairs.append((key, node)) }
            return node
        }
    }

    struct Encoding: Encoder, SingleValueEncodingContainer {
        let node: Node
        let codingPath: [any CodingKey]
        var userInfo: [CodingUserInfoKey: Any] { [:] }

        func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
            node.becomeObject()
            return KeyedEncodingContainer(Keyed<Key>(node: node, codingPath: codingPath))
        }

        func unkeyedContainer() -> any UnkeyedEncodingContainer {
            node.becomeArray()
            return Unkeyed(node: node, codingPath: codingPath)
        }

        func singleValueContainer() -> any SingleValueEncodingContainer { self }

        func encodeNil() { node.kind = .null }
        func encode(_ value: Bool) { literal(value ? "true" : "false") }
        func encode(_ value: String) {
            node.kind = .string
            node.text = value
        }
        func encode(_ value: Double) throws { literal(try Self.number(value, value.description)) }
        func encode(_ value: Float) throws { literal(try Self.number(Double(value), value.description)) }
        func encode(_ value: Int) { literal(String(value)) }
        func encode(_ value: Int8) { literal(String(value)) }
        func encode(_ value: Int16) { literal(String(value)) }
        func encode(_ value: Int32) { literal(String(value)) }
        func encode(_ value: Int64) { literal(String(value)) }
        func encode(_ value: UInt) { literal(String(value)) }
        func encode(_ value: UInt8) { literal(String(value)) }
        func encode(_ value: UInt16) { literal(String(value)) }
        func encode(_ value: UInt32) { literal(String(value)) }
        func encode(_ value: UInt64) { literal(String(value)) }

        func encode<T: Encodable>(_ value: T) throws {
            // JSONEncoder's default strategies for the Foundation types it treats specially.
            if T.self == Data.self {
                encode((value as! Data).base64EncodedString())
            } else if T.self == Date.self {
                try encode((value as! Date).timeIntervalSinceReferenceDate)
            } else if T.self == URL.self {
                encode((value as! URL).absoluteString)
            } else {
                try value.encode(to: self)
            }
        }

        private func literal(_ text: String) {
            node.kind = .literal
            node.text = text
        }

        /// `description` without a trailing ".0" (1 → "1", 1e-07, 1e+21), as JSONEncoder writes numbers.
        static func number(_ value: Double, _ description: String) throws -> String {
            guard value.isFinite else {
                throw EncodingError.invalidValue(value, .init(codingPath: [], debugDescription: "\(value) is not valid in JSON"))
            }
            return description.hasSuffix(".0") ? String(description.dropLast(2)) : description
        }
    }

    struct Keyed<Key: CodingKey>: KeyedEncodingContainerProtocol {
        let node: Node
        let codingPath: [any CodingKey]

        func encoding(_ key: Key) -> Encoding { Encoding(node: node.child(key.stringValue), codingPath: codingPath + [key]) }

        mutating func encodeNil(forKey key: Key) { encoding(key).encodeNil() }
        mutating func encode(_ value: Bool, forKey key: Key) { encoding(key).encode(value) }
        mutating func encode(_ value: String, forKey key: Key) { encoding(key).encode(value) }
        mutating func encode(_ value: Double, forKey key: Key) throws { try encoding(key).encode(value) }
        mutating func encode(_ value: Int, forKey key: Key) { encoding(key).encode(value) }
        mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws { try encoding(key).encode(value) }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<
            NestedKey
        > {
            encoding(key).container(keyedBy: keyType)
        }
        mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer { encoding(key).unkeyedContainer() }
        mutating func superEncoder() -> any Encoder { Encoding(node: node.child("super"), codingPath: codingPath) }
        mutating func superEncoder(forKey key: Key) -> any Encoder { encoding(key) }
    }

    struct Unkeyed: UnkeyedEncodingContainer {
        let node: Node
        let codingPath: [any CodingKey]
        var count: Int { node.items.count }

        func next() -> Encoding {
            let child = Node()
            node.items.append(child)
            return Encoding(node: child, codingPath: codingPath)
        }

        mutating func encodeNil() { next().encodeNil() }
        mutating func encode(_ value: Bool) { next().encode(value) }
        mutating func encode(_ value: String) { next().encode(value) }
        mutating func encode(_ value: Double) throws { try next().encode(value) }
        mutating func encode(_ value: Int) { next().encode(value) }
        mutating func encode<T: Encodable>(_ value: T) throws { try next().encode(value) }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
            next().container(keyedBy: keyType)
        }
        mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer { next().unkeyedContainer() }
        mutating func superEncoder() -> any Encoder { next() }
    }

    // MARK: - Writing

    static func write(_ node: Node, indent: Int, into out: inout [UInt8]) {
        switch node.kind {
        case .null: out.append(contentsOf: "null".utf8)
        case .literal: out.append(contentsOf: node.text.utf8)
        case .string: writeString(node.text, into: &out)
        case .array:
            out.append(UInt8(ascii: "["))
            out.append(UInt8(ascii: "\n"))
            for (index, item) in node.items.enumerated() {
                if index > 0 { out.append(contentsOf: ",\n".utf8) }
                pad(indent + 2, &out)
                write(item, indent: indent + 2, into: &out)
            }
            out.append(UInt8(ascii: "\n"))
            pad(indent, &out)
            out.append(UInt8(ascii: "]"))
        case .object:
            out.append(UInt8(ascii: "{"))
            out.append(UInt8(ascii: "\n"))
            let sorted = node.pairs.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
            for (index, pair) in sorted.enumerated() {
                if index > 0 { out.append(contentsOf: ",\n".utf8) }
                pad(indent + 2, &out)
                writeString(pair.key, into: &out)
                out.append(contentsOf: " : ".utf8)
                write(pair.node, indent: indent + 2, into: &out)
            }
            out.append(UInt8(ascii: "\n"))
            pad(indent, &out)
            out.append(UInt8(ascii: "}"))
        }
    }

    static func pad(_ count: Int, _ out: inout [UInt8]) {
        out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: count))
    }

    /// Quotes and escapes: `"` and `\`, the short forms \b \f \n \r \t, other controls as \u00XX.
    static func writeString(_ text: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { bytes in
            // Runs of bytes that need no escape are copied whole.
            var run = 0
            for (index, byte) in bytes.enumerated() where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run..<index]))
                run = index + 1
                switch byte {
                case UInt8(ascii: "\""): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
                case UInt8(ascii: "\\"): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
                case 0x08: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "b")])
                case 0x0C: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "f")])
                case 0x0A: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
                case 0x0D: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
                case 0x09: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
                default:
                    let hex = { (nibble: UInt8) in nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10 }
                    out.append(contentsOf: [
                        UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), hex(byte >> 4), hex(byte & 0xF),
                    ])
                }
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run...]))
        }
        out.append(UInt8(ascii: "\""))
    }
}
