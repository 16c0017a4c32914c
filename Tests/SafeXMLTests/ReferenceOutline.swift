import CLibXML2
import CXMLTree

@testable import SafeXML

/// One line per element (path, line, namespace, attributes in no namespace, raw text), from
/// libxml2's own tree and from ours. The tests compare the two over every corpus file: the
/// compact tree must read exactly what libxml2's tree builder would have built.
enum ReferenceOutline {
    /// From libxml2's tree (xmlReadMemory with the strict options, entity loader refusing).
    static func libxml2(_ bytes: [UInt8]) -> [String]? {
        XMLDocument.initializeOnce  // the refusing entity loader, as for our own parse
        let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_BIG_LINES.rawValue | XML_PARSE_NOCDATA.rawValue)
        guard
            let document = bytes.withUnsafeBufferPointer({ buffer in
                buffer.withMemoryRebound(to: CChar.self) {
                    xmlReadMemory($0.baseAddress!, Int32(buffer.count), "reference.xml", nil, options)
                }
            })
        else { return nil }
        defer { xmlFreeDoc(document) }
        var lines: [String] = []
        func string(_ pointer: UnsafePointer<xmlChar>?) -> String { pointer.map { String(cString: $0) } ?? "" }
        func visit(_ node: xmlNodePtr, path: String) {
            var attributes: [String] = []
            var property = node.pointee.properties
            while let current = property {
                if current.pointee.ns == nil, let value = xmlGetNoNsProp(node, current.pointee.name) {
                    attributes.append(string(current.pointee.name) + "=" + String(cString: value))
                    uea_free(value)
                }
                property = current.pointee.next
            }
            var text = ""
            if let content = xmlNodeGetContent(node) {
                text = String(cString: content)
                uea_free(content)
            }
            lines.append(
                [path, String(xmlGetLineNo(node)), string(node.pointee.ns?.pointee.href), attributes.joined(separator: " "), text].joined(
                    separator: "|"))
            var counts: [String: Int] = [:]
            var child = node.pointee.children
            while let current = child {
                if current.pointee.type == XML_ELEMENT_NODE {
                    var name = string(current.pointee.name)
                    if let prefix = current.pointee.ns?.pointee.prefix { name = String(cString: prefix) + ":" + name }
                    let key = string(current.pointee.name) + "\u{0}" + string(current.pointee.ns?.pointee.href)
                    counts[key, default: 0] += 1
                    visit(current, path: path + "/\(name)[\(counts[key]!)]")
                }
                child = current.pointee.next
            }
        }
        guard let root = xmlDocGetRootElement(document) else { return nil }
        var name = string(root.pointee.name)
        if let prefix = root.pointee.ns?.pointee.prefix { name = String(cString: prefix) + ":" + name }
        visit(root, path: "/\(name)[1]")
        return lines
    }

    /// From the compact tree, through the public element API.
    static func compact(_ document: XMLDocument) -> [String] {
        var lines: [String] = []
        func visit(_ element: XMLElement) {
            let tree = document.tree.pointee
            let row = document.elements[Int(element.index)]
            let first = Int(row.firstAttribute)
            let attributes = (first..<first + Int(row.attributeCount)).filter { tree.attributes[$0].uri == nil }.map { slot -> String in
                let name = String(cString: tree.attributes[slot].localName)
                return name + "=" + (element.attribute(name) ?? "?")
            }
            lines.append(
                [element.path, String(element.line), element.namespaceURI ?? "", attributes.joined(separator: " "), element.rawText].joined(
                    separator: "|"))
            for child in element.children { visit(child) }
        }
        visit(document.root)
        return lines
    }
}

extension XMLElement {
    /// The earlier scalar-by-scalar white-space collapse: the oracle for the byte version.
    static func collapseScalars(_ value: String) -> String {
        var result = ""
        result.reserveCapacity(value.utf8.count)
        var pendingSpace = false
        for scalar in value.unicodeScalars {
            if scalar == " " || scalar == "\n" || scalar == "\t" || scalar == "\r" {
                pendingSpace = !result.isEmpty
            } else {
                if pendingSpace {
                    result.unicodeScalars.append(" ")
                    pendingSpace = false
                }
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
