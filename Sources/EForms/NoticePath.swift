import SafeXML

/// The XPaths of the eForms SDK's `fields.json`, read over SafeXML's element tree: the subset the
/// SDK writes for the fields uea-screen reads. Steps of prefixed names (or `*`), each with
/// predicates; a last step `@name` for an attribute. A predicate is a relative path (true when it
/// selects something), a relative path `= 'literal'` or `!= 'literal'` (true when any selected
/// value compares so, as in XPath 1.0), `not(…)`, or two of them joined by `and`. Anything else is
/// refused when `checklists/eforms.yaml` is loaded, never guessed.
public struct NoticePath: Sendable, CustomStringConvertible {
    struct Name: Sendable, Equatable {
        /// nil for `*`.
        var namespace: String?
        var local: String?
    }

    indirect enum Predicate: Sendable {
        case exists(NoticePath)
        case compare(NoticePath, String, equal: Bool)
        case not(Predicate)
        case and(Predicate, Predicate)
    }

    struct Step: Sendable {
        var name: Name
        var predicates: [Predicate]
    }

    let absolute: Bool
    let steps: [Step]
    /// The attribute a path ends in (`…/cbc:X/@currencyID`), nil for an element path.
    let attribute: String?
    public let description: String

    /// A value a path selects: an element's text or an attribute's value, with the element's line.
    public struct Value: Sendable, Equatable {
        public var text: String
        public var line: Int
    }

    public struct SyntaxError: Error, CustomStringConvertible {
        public var description: String
    }

    /// Parses `text`, with `namespaces` giving each prefix its URI.
    public init(_ text: String, namespaces: [String: String]) throws(SyntaxError) {
        var parser = Parser(characters: Array(text), namespaces: namespaces, text: text)
        let path = try parser.path()
        guard parser.atEnd else { throw parser.failure("unexpected '\(parser.rest)'") }
        self = path
    }

    init(absolute: Bool, steps: [Step], attribute: String?, description: String) {
        self.absolute = absolute
        self.steps = steps
        self.attribute = attribute
        self.description = description
    }

    /// The path below `parent` (both absolute, `self` starting with `parent`'s text and a `/`), for
    /// reading a field once per lot, organisation or result; nil when `self` is not below it.
    public func below(_ parent: NoticePath) -> NoticePath? {
        guard absolute, parent.absolute, parent.attribute == nil, steps.count > parent.steps.count,
            description.hasPrefix(parent.description + "/")
        else { return nil }
        return NoticePath(
            absolute: false, steps: Array(steps.dropFirst(parent.steps.count)), attribute: attribute,
            description: String(description.dropFirst(parent.description.count + 1)))
    }

    /// The elements the path selects from `context` (the document's root element for an absolute path).
    public func elements(from context: XMLElement) -> [XMLElement] {
        var current: [XMLElement]
        var remaining = steps[...]
        if absolute {
            guard let first = remaining.first, Self.matches(first, context) else { return [] }
            current = [context]
            remaining = remaining.dropFirst()
        } else {
            current = [context]
        }
        for step in remaining {
            current = current.flatMap { element in element.children.filter { Self.matches(step, $0) } }
            if current.isEmpty { break }
        }
        return current
    }

    /// The values the path selects: the text of each element, or the attribute of each.
    public func values(from context: XMLElement) -> [Value] {
        elements(from: context).compactMap { element in
            if let attribute {
                return element.attribute(attribute).map { Value(text: $0, line: element.line) }
            }
            return Value(text: element.rawText, line: element.line)
        }
    }

    static func matches(_ step: Step, _ element: XMLElement) -> Bool {
        if let local = step.name.local {
            guard element.localName == local, element.namespaceURI == step.name.namespace else { return false }
        }
        return step.predicates.allSatisfy { holds($0, at: element) }
    }

    static func holds(_ predicate: Predicate, at element: XMLElement) -> Bool {
        switch predicate {
        case .exists(let path):
            return path.attribute == nil ? !path.elements(from: element).isEmpty : !path.values(from: element).isEmpty
        case .compare(let path, let literal, let equal):
            return path.values(from: element).contains { ($0.text == literal) == equal }
        case .not(let inner):
            return !holds(inner, at: element)
        case .and(let left, let right):
            return holds(left, at: element) && holds(right, at: element)
        }
    }

    /// Recursive descent over the subset.
    struct Parser {
        var characters: [Character]
        var namespaces: [String: String]
        var text: String
        var position = 0

        var atEnd: Bool { position >= characters.count }
        var rest: String { String(characters[position...]) }

        func failure(_ problem: String) -> SyntaxError {
            SyntaxError(description: "XPath '\(text)': \(problem) at character \(position + 1)")
        }

        func peek(_ literal: String) -> Bool {
            let wanted = Array(literal)
            return position + wanted.count <= characters.count && Array(characters[position..<position + wanted.count]) == wanted
        }

        mutating func skipSpaces() {
            while !atEnd, characters[position] == " " { position += 1 }
        }

        mutating func path() throws(SyntaxError) -> NoticePath {
            let start = position
            let absolute = peek("/")
            if absolute { position += 1 }
            var steps: [Step] = []
            var attribute: String?
            while true {
                if peek("@") {
                    position += 1
                    attribute = name()
                    guard attribute?.isEmpty == false else { throw failure("an attribute name is missing") }
                    break
                }
                steps.append(try step())
                guard peek("/") else { break }
                position += 1
            }
            guard !steps.isEmpty || attribute != nil else { throw failure("an empty path") }
            return NoticePath(
                absolute: absolute, steps: steps, attribute: attribute, description: String(characters[start..<position]))
        }

        mutating func name() -> String {
            let start = position
            while !atEnd, characters[position].isLetter || characters[position].isNumber || "-_.:".contains(characters[position]) {
                position += 1
            }
            return String(characters[start..<position])
        }

        mutating func step() throws(SyntaxError) -> Step {
            let qualified: Name
            if peek("*") {
                position += 1
                qualified = Name(namespace: nil, local: nil)
            } else {
                let written = name()
                let parts = written.split(separator: ":", omittingEmptySubsequences: false)
                guard parts.count == 2, let namespace = namespaces[String(parts[0])], !parts[1].isEmpty else {
                    throw failure("'\(written)' is not a prefixed name with a known prefix")
                }
                qualified = Name(namespace: namespace, local: String(parts[1]))
            }
            var predicates: [Predicate] = []
            while peek("[") {
                position += 1
                predicates.append(try expression())
                skipSpaces()
                guard peek("]") else { throw failure("']' expected") }
                position += 1
            }
            return Step(name: qualified, predicates: predicates)
        }

        mutating func expression() throws(SyntaxError) -> Predicate {
            var result = try unary()
            skipSpaces()
            while peek("and ") {
                position += 4
                skipSpaces()
                result = .and(result, try unary())
                skipSpaces()
            }
            return result
        }

        mutating func unary() throws(SyntaxError) -> Predicate {
            skipSpaces()
            if peek("not(") {
                position += 4
                let inner = try expression()
                skipSpaces()
                guard peek(")") else { throw failure("')' expected") }
                position += 1
                return .not(inner)
            }
            let path = try path()
            guard !path.absolute else { throw failure("an absolute path inside a predicate") }
            skipSpaces()
            var equal = true
            if peek("!=") {
                position += 2
                equal = false
            } else if peek("=") {
                position += 1
            } else {
                return .exists(path)
            }
            skipSpaces()
            guard peek("'") else { throw failure("a quoted literal expected") }
            position += 1
            let start = position
            while !atEnd, characters[position] != "'" { position += 1 }
            guard !atEnd else { throw failure("an unterminated literal") }
            let literal = String(characters[start..<position])
            position += 1
            return .compare(path, literal, equal: equal)
        }
    }
}
