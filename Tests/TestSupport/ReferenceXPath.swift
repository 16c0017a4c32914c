import CLibXML2
import Foundation

/// libxml2's own XPath engine over libxml2's own tree: the independent reading the eForms tests
/// compare uea-screen's notice reader with (the product reads notices through SafeXML's tree and
/// its own XPath subset).
public final class ReferenceXPath {
    private let document: xmlDocPtr
    private let context: xmlXPathContextPtr

    /// Opens `path` without network access; nil when libxml2 cannot read it.
    public init?(path: String, namespaces: [String: String]) {
        let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_BIG_LINES.rawValue)
        // From memory: a process that also parses with SafeXML has libxml2's entity loader refusing
        // every file, the document's own included.
        guard let bytes = FileManager.default.contents(atPath: path),
            let document = bytes.withUnsafeBytes({ buffer in
                xmlReadMemory(buffer.baseAddress!.assumingMemoryBound(to: CChar.self), Int32(buffer.count), "notice.xml", nil, options)
            })
        else { return nil }
        guard let context = xmlXPathNewContext(document) else {
            xmlFreeDoc(document)
            return nil
        }
        for (prefix, uri) in namespaces { _ = xmlXPathRegisterNs(context, prefix, uri) }
        self.document = document
        self.context = context
    }

    deinit {
        xmlXPathFreeContext(context)
        xmlFreeDoc(document)
    }

    /// The string value of every node `xpath` selects (element text or attribute value), with
    /// white space trimmed, empty ones left out, in document order; nil when the XPath fails.
    public func values(_ xpath: String) -> [String]? {
        guard let result = xmlXPathEvalExpression(xpath, context) else { return nil }
        defer { xmlXPathFreeObject(result) }
        guard let nodes = result.pointee.nodesetval else { return [] }
        var values: [String] = []
        for index in 0..<Int(nodes.pointee.nodeNr) {
            guard let node = nodes.pointee.nodeTab[index], let content = xmlNodeGetContent(node) else { continue }
            let text = String(cString: content).trimmingCharacters(in: .whitespacesAndNewlines)
            uea_free(content)
            if !text.isEmpty { values.append(text) }
        }
        return values
    }

    /// How many nodes `xpath` selects.
    public func count(_ xpath: String) -> Int? {
        guard let result = xmlXPathEvalExpression(xpath, context) else { return nil }
        defer { xmlXPathFreeObject(result) }
        return result.pointee.nodesetval.map { Int($0.pointee.nodeNr) } ?? 0
    }
}
