import CLibXML2

/// An element of a parsed document. Holds its document, so it stays valid as long as it exists.
/// Names are matched by namespace URI and local name, never by prefix.
public struct XMLElement: @unchecked Sendable {
    public let document: XMLDocument
    let node: xmlNodePtr
    /// Position among same-named siblings when the element was found by `children(named:)`;
    /// saves `path` a walk over all earlier siblings (hundreds at an ESPD's root).
    let position: Int?

    init(document: XMLDocument, node: xmlNodePtr, position: Int? = nil) {
        self.document = document
        self.node = node
        self.position = position
    }

    /// The local name (without prefix).
    public var localName: String { String(cString: node.pointee.name) }

    /// The namespace URI, or nil for an element in no namespace.
    public var namespaceURI: String? {
        guard let ns = node.pointee.ns, let href = ns.pointee.href else { return nil }
        return String(cString: href)
    }

    /// The 1-based line of the start tag in the source.
    public var line: Int { Int(xmlGetLineNo(node)) }

    /// True when the local name is `name` (any namespace).
    public func isNamed(_ name: String) -> Bool {
        name.withCString { xmlStrEqual(node.pointee.name, $0) != 0 }
    }

    /// Child elements in document order (comments, text and processing instructions skipped).
    public var children: [XMLElement] {
        var result: [XMLElement] = []
        var child = node.pointee.children
        while let current = child {
            if current.pointee.type == XML_ELEMENT_NODE { result.append(XMLElement(document: document, node: current)) }
            child = current.pointee.next
        }
        return result
    }

    /// Child elements with local name `name`, in document order.
    public func children(named name: String) -> [XMLElement] {
        name.withCString { cName in
            var result: [XMLElement] = []
            // Same local name; the position counts same-namespace siblings, as `path` does.
            var counts: [(ns: xmlNsPtr?, count: Int)] = []
            var child = node.pointee.children
            while let current = child {
                if current.pointee.type == XML_ELEMENT_NODE, xmlStrEqual(current.pointee.name, cName) != 0 {
                    let ns = current.pointee.ns
                    let position: Int
                    if let index = counts.firstIndex(where: { $0.ns == ns }) {
                        counts[index].count += 1
                        position = counts[index].count
                    } else {
                        counts.append((ns, 1))
                        position = 1
                    }
                    result.append(XMLElement(document: document, node: current, position: position))
                }
                child = current.pointee.next
            }
            return result
        }
    }

    /// The first child element with local name `name`.
    public func child(named name: String) -> XMLElement? {
        name.withCString { cName in
            var child = node.pointee.children
            while let current = child {
                if current.pointee.type == XML_ELEMENT_NODE, xmlStrEqual(current.pointee.name, cName) != 0 {
                    return XMLElement(document: document, node: current)
                }
                child = current.pointee.next
            }
            return nil
        }
    }

    /// Follows a chain of local names, taking the first match at each step.
    public func child(path names: String...) -> XMLElement? {
        var current: XMLElement? = self
        for name in names { current = current?.child(named: name) }
        return current
    }

    /// All descendant elements with local name `name`, in document order.
    public func descendants(named name: String) -> [XMLElement] {
        var result: [XMLElement] = []
        name.withCString { cName in
            func walk(_ parent: xmlNodePtr) {
                var child = parent.pointee.children
                while let current = child {
                    if current.pointee.type == XML_ELEMENT_NODE {
                        if xmlStrEqual(current.pointee.name, cName) != 0 { result.append(XMLElement(document: document, node: current)) }
                        walk(current)
                    }
                    child = current.pointee.next
                }
            }
            walk(node)
        }
        return result
    }

    /// The parent element, nil at the root.
    public var parent: XMLElement? {
        guard let parent = node.pointee.parent, parent.pointee.type == XML_ELEMENT_NODE else { return nil }
        return XMLElement(document: document, node: parent)
    }

    /// The concatenated text content, exactly as in the document.
    public var rawText: String {
        // Fast path: one text (or CDATA) child, read in place without libxml2 allocating a copy.
        if let only = node.pointee.children, only.pointee.next == nil,
           only.pointee.type == XML_TEXT_NODE || only.pointee.type == XML_CDATA_SECTION_NODE {
            return only.pointee.content.map { String(cString: $0) } ?? ""
        }
        if node.pointee.children == nil { return "" }
        guard let content = xmlNodeGetContent(node) else { return "" }
        defer { uea_free(content) }
        return String(cString: content)
    }

    /// Text with leading/trailing white space removed and inner runs collapsed to one space
    /// (v1 files split ids and codes over several lines).
    public var text: String { Self.collapse(rawText) }

    /// The collapsed text, or nil when it is empty.
    public var nonEmptyText: String? {
        let value = text
        return value.isEmpty ? nil : value
    }

    /// The value of the attribute with local name `name` in no namespace.
    public func attribute(_ name: String) -> String? {
        guard let value = xmlGetNoNsProp(node, name) else { return nil }
        defer { uea_free(value) }
        return String(cString: value)
    }

    /// An XPath location such as `/QualificationApplicationResponse[1]/cac:TenderingCriterion[3]/cbc:ID[1]`:
    /// prefixed names as written, with the position among same-named siblings at every step.
    /// (Built here rather than with xmlGetNodePath, which scans every sibling at every level.)
    public var path: String {
        var steps: [String] = []
        var current: xmlNodePtr? = node
        var known = position
        while let element = current, element.pointee.type == XML_ELEMENT_NODE {
            var position = known ?? 1
            var sibling = known == nil ? element.pointee.prev : nil
            known = nil
            while let previous = sibling {
                if previous.pointee.type == XML_ELEMENT_NODE, xmlStrEqual(previous.pointee.name, element.pointee.name) != 0,
                   previous.pointee.ns == element.pointee.ns {
                    position += 1
                }
                sibling = previous.pointee.prev
            }
            var name = String(cString: element.pointee.name)
            if let prefix = element.pointee.ns?.pointee.prefix { name = String(cString: prefix) + ":" + name }
            steps.append("\(name)[\(position)]")
            current = element.pointee.parent
        }
        return "/" + steps.reversed().joined(separator: "/")
    }

    /// The namespace URI bound to `prefix` in scope here (nil prefix: the default namespace).
    /// Used to read `xmlns:espd="urn:com:grow:espd:X"` version hints.
    public func namespaceDeclarations() -> [(prefix: String?, uri: String)] {
        var result: [(String?, String)] = []
        var ns = node.pointee.nsDef
        while let current = ns {
            let prefix = current.pointee.prefix.map { String(cString: $0) }
            if let href = current.pointee.href { result.append((prefix, String(cString: href))) }
            ns = current.pointee.next
        }
        return result
    }

    /// The first element below this one (or this one) deeper than `limit`, if any.
    func depthExceeding(_ limit: Int) -> (line: Int, depth: Int)? {
        var stack: [(xmlNodePtr, Int)] = [(node, 1)]
        while let (current, depth) = stack.popLast() {
            if depth > limit { return (Int(xmlGetLineNo(current)), depth) }
            var child = current.pointee.children
            while let next = child {
                if next.pointee.type == XML_ELEMENT_NODE { stack.append((next, depth + 1)) }
                child = next.pointee.next
            }
        }
        return nil
    }

    static func collapse(_ value: String) -> String {
        // Most values need nothing: no white space at the ends, no runs, no tabs or newlines.
        let bytes = value.utf8
        var clean = true
        var previousSpace = true  // a leading space is not clean
        for byte in bytes {
            let space = byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D
            if space && (previousSpace || byte != 0x20) { clean = false; break }
            previousSpace = space
        }
        if clean && !previousSpace { return value }
        if bytes.isEmpty { return value }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var pending = false
        for byte in bytes {
            if byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D {
                pending = !out.isEmpty
            } else {
                if pending { out.append(0x20); pending = false }
                out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The previous scalar-by-scalar version, kept for the equivalence test.
    static func collapseScalars(_ value: String) -> String {
        var result = ""
        result.reserveCapacity(value.utf8.count)
        var pendingSpace = false
        for scalar in value.unicodeScalars {
            if scalar == " " || scalar == "\n" || scalar == "\t" || scalar == "\r" {
                pendingSpace = !result.isEmpty
            } else {
                if pendingSpace { result.unicodeScalars.append(" "); pendingSpace = false }
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
