import CXMLTree
import Foundation

/// A local name as one document spells it: comparing two is comparing two pointers. Readers
/// look names up once per document (`XMLDocument.name`) and match children against them.
public struct XMLName: Equatable, @unchecked Sendable {
    let pointer: UnsafePointer<CChar>?
}

/// An element of a parsed document. Holds its document, so it stays valid as long as it exists.
/// Names are matched by namespace URI and local name, never by prefix.
public struct XMLElement: @unchecked Sendable {
    public let document: XMLDocument
    let index: Int32
    /// Position among same-named siblings when the element was found by `children(named:)`;
    /// saves `path` a walk over all earlier siblings (hundreds at an ESPD's root).
    let position: Int?

    init(document: XMLDocument, index: Int32, position: Int? = nil) {
        self.document = document
        self.index = index
        self.position = position
    }

    private var row: UnsafeMutablePointer<uea_element> { document.elements + Int(index) }

    /// The local name (without prefix).
    public var localName: String { String(cString: row.pointee.localName) }

    /// The namespace URI, or nil for an element in no namespace.
    public var namespaceURI: String? { row.pointee.uri.map { String(cString: $0) } }

    /// The 1-based line of the start tag in the source (libxml2's: where the start tag ends).
    public var line: Int { Int(row.pointee.line) }

    /// True when the local name is `name` (any namespace).
    public func isNamed(_ name: String) -> Bool { row.pointee.localName == document.intern(name) }

    /// The local name as a token of this document (see `XMLDocument.name`).
    public var name: XMLName { XMLName(pointer: row.pointee.localName) }

    /// The first child element named `name`.
    public func child(_ name: XMLName) -> XMLElement? {
        guard let interned = name.pointer else { return nil }
        var found: Int32?
        forEachChild { child, element in
            if element.pointee.localName == interned {
                found = child
                return false
            }
            return true
        }
        return found.map { XMLElement(document: document, index: $0) }
    }

    /// Child element indexes in document order, while `body` returns true.
    private func forEachChild(_ body: (Int32, UnsafeMutablePointer<uea_element>) -> Bool) {
        var child = row.pointee.firstChild
        while child >= 0 {
            let element = document.elements + Int(child)
            if !body(child, element) { return }
            child = element.pointee.nextSibling
        }
    }

    /// Child elements in document order (comments, text and processing instructions skipped),
    /// walked in place: readers loop over the children of every property and group, and an array
    /// per loop was a tenth of reading a document.
    public var children: XMLChildren { XMLChildren(document: document, first: row.pointee.firstChild) }

    /// Child elements with local name `name`, in document order.
    public func children(named name: String) -> [XMLElement] { children(document.name(name)) }

    /// Child elements named `name`, in document order.
    public func children(_ name: XMLName) -> [XMLElement] {
        guard let interned = name.pointer else { return [] }
        var result: [XMLElement] = []
        // Same local name; the position counts same-namespace siblings, as `path` does.
        var counts: [(uri: UnsafePointer<CChar>?, count: Int)] = []
        forEachChild { child, element in
            if element.pointee.localName == interned {
                let uri = element.pointee.uri
                let position: Int
                if let slot = counts.firstIndex(where: { $0.uri == uri }) {
                    counts[slot].count += 1
                    position = counts[slot].count
                } else {
                    counts.append((uri, 1))
                    position = 1
                }
                result.append(XMLElement(document: document, index: child, position: position))
            }
            return true
        }
        return result
    }

    /// The first child element with local name `name`.
    public func child(named name: String) -> XMLElement? { child(document.name(name)) }

    /// Follows a chain of local names, taking the first match at each step.
    public func child(path names: String...) -> XMLElement? {
        var current: XMLElement? = self
        for name in names { current = current?.child(named: name) }
        return current
    }

    /// All descendant elements with local name `name`, in document order (walked through the
    /// child links, so elements taken out by `XMLDocument.detachElements` are not found).
    public func descendants(named name: String) -> [XMLElement] {
        guard let interned = document.intern(name) else { return [] }
        var result: [XMLElement] = []
        func visit(_ element: XMLElement) {
            for child in element.children {
                if document.elements[Int(child.index)].localName == interned { result.append(child) }
                visit(child)
            }
        }
        visit(self)
        return result
    }

    /// True when `other` is this very element.
    public func isSame(as other: XMLElement) -> Bool { document === other.document && index == other.index }

    /// The parent element, nil at the root.
    public var parent: XMLElement? {
        let parent = row.pointee.parent
        return parent >= 0 ? XMLElement(document: document, index: parent) : nil
    }

    /// The concatenated text content (text and CDATA of this element and its descendants, in
    /// document order), exactly as in the document.
    public var rawText: String { withTextBytes { String(decoding: $0, as: UTF8.self) } }

    /// Text with leading/trailing white space removed and inner runs collapsed to one space
    /// (v1 files split ids and codes over several lines).
    public var text: String { withTextBytes(Self.collapse) }

    /// The text bytes in place when they are one run (almost always), joined otherwise.
    private func withTextBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        let tree = document.tree.pointee
        let first = Int(row.pointee.firstSegment)
        let end = Int(row.pointee.endSegment)
        switch end - first {
        case 0: return body(UnsafeBufferPointer(start: nil, count: 0))
        case 1: return body(textBytes(tree.segments[first].offset, tree.segments[first].length))
        default:
            var joined: [UInt8] = []
            for slot in first..<end { joined.append(contentsOf: textBytes(tree.segments[slot].offset, tree.segments[slot].length)) }
            return joined.withUnsafeBufferPointer(body)
        }
    }

    /// A byte range of the tree's text buffer (text runs and attribute values live there).
    private func textBytes(_ offset: UInt32, _ length: UInt32) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(
            start: UnsafeRawPointer(document.tree.pointee.text + Int(offset)).assumingMemoryBound(to: UInt8.self), count: Int(length))
    }

    /// The collapsed text, or nil when it is empty.
    public var nonEmptyText: String? {
        let value = text
        return value.isEmpty ? nil : value
    }

    /// The value of the attribute with local name `name` in no namespace.
    public func attribute(_ name: String) -> String? {
        let count = Int(row.pointee.attributeCount)
        guard count > 0, let interned = document.intern(name) else { return nil }
        let tree = document.tree.pointee
        for slot in Int(row.pointee.firstAttribute)..<Int(row.pointee.firstAttribute) + count {
            let attribute = tree.attributes[slot]
            if attribute.localName == interned && attribute.uri == nil {
                return String(decoding: textBytes(attribute.offset, attribute.length), as: UTF8.self)
            }
        }
        return nil
    }

    /// An XPath location such as `/QualificationApplicationResponse[1]/cac:TenderingCriterion[3]/cbc:ID[1]`:
    /// prefixed names as written, with the position among same-named siblings at every step.
    /// Written as bytes in one go: every answer and criterion of a dossier carries one.
    public var path: String {
        var steps: [(element: Int32, position: Int)] = []
        var current = index
        var known = position
        while current >= 0 {
            let element = document.elements[Int(current)]
            var position = known ?? 1
            var sibling = known == nil ? element.previousSibling : -1
            known = nil
            while sibling >= 0 {
                let previous = document.elements[Int(sibling)]
                if previous.localName == element.localName && previous.uri == element.uri { position += 1 }
                sibling = previous.previousSibling
            }
            steps.append((current, position))
            current = element.parent
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(32 * steps.count)
        func append(_ text: UnsafePointer<CChar>) {
            UnsafeRawPointer(text).withMemoryRebound(to: UInt8.self, capacity: 1) { start in
                bytes.append(contentsOf: UnsafeBufferPointer(start: start, count: strlen(text)))
            }
        }
        for step in steps.reversed() {
            let element = document.elements[Int(step.element)]
            bytes.append(UInt8(ascii: "/"))
            if let prefix = element.prefix {
                append(prefix)
                bytes.append(UInt8(ascii: ":"))
            }
            append(element.localName)
            bytes.append(UInt8(ascii: "["))
            bytes.append(contentsOf: String(step.position).utf8)
            bytes.append(UInt8(ascii: "]"))
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The namespaces declared on this element (`xmlns:espd="urn:com:grow:espd:X"` version hints).
    public func namespaceDeclarations() -> [(prefix: String?, uri: String)] {
        let tree = document.tree.pointee
        let first = Int(row.pointee.firstNamespace)
        return (first..<first + Int(row.pointee.namespaceCount)).compactMap { slot in
            let declaration = tree.namespaces[slot]
            guard let uri = declaration.uri else { return nil }
            return (declaration.prefix.map { String(cString: $0) }, String(cString: uri))
        }
    }

    static func collapse(_ value: String) -> String {
        var value = value
        return value.withUTF8(collapse)
    }

    /// Collapses white space over UTF-8 bytes (all white space here is ASCII, so no character is cut).
    static func collapse(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        // Most values need nothing: no white space at the ends, no runs, no tabs or newlines.
        var clean = true
        var previousSpace = true  // a leading space is not clean
        for byte in bytes {
            let space = byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D
            if space && (previousSpace || byte != 0x20) {
                clean = false
                break
            }
            previousSpace = space
        }
        if (clean && !previousSpace) || bytes.isEmpty { return String(decoding: bytes, as: UTF8.self) }
        return String(unsafeUninitializedCapacity: bytes.count) { out in
            var count = 0
            var pending = false
            for byte in bytes {
                if byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D {
                    pending = count > 0
                } else {
                    if pending {
                        out[count] = 0x20
                        count += 1
                        pending = false
                    }
                    out[count] = byte
                    count += 1
                }
            }
            return count
        }
    }

}

/// The child elements of one element, in document order, read from the tree as they are visited.
public struct XMLChildren: Collection, @unchecked Sendable {
    let document: XMLDocument
    let first: Int32

    /// A child's row in the tree; rows are in document order, so later siblings compare greater.
    public struct Index: Comparable, Sendable {
        let row: Int32
        public static func < (lhs: Index, rhs: Index) -> Bool { lhs.row < rhs.row }
    }

    public var startIndex: Index { Index(row: first >= 0 ? first : Int32.max) }
    public var endIndex: Index { Index(row: Int32.max) }

    public func index(after position: Index) -> Index {
        let next = document.elements[Int(position.row)].nextSibling
        return Index(row: next >= 0 ? next : Int32.max)
    }

    public subscript(position: Index) -> XMLElement { XMLElement(document: document, index: position.row) }
}
