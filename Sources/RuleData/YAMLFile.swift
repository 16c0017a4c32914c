import DossierModel
import Foundation
import Yams

public enum YAMLFile {
    /// Decodes a YAML file into `T`, turning decoding errors into `InputError` with the key path.
    /// Hand-edited files and rule data are small; a larger one is refused before it is read.
    public static var maxBytes: Int { InputLimits.yamlBytes }

    /// Whether a number is written with Dutch thousands separators (`1.500.000`), which a file
    /// must not use: read as a decimal it would be a thousand times too small.
    public static func looksLikeDutchThousands(_ text: String) -> Bool { YAMLNodeDecoder.looksLikeDutchThousands(text) }

    public static func load<T: Decodable>(_ type: T.Type, from path: String) throws -> T {
        if let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? nil, size > maxBytes {
            throw InputError(file: path, message: "the file is \(size) bytes; at most \(maxBytes) bytes are read")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InputError(file: path, message: "cannot be read")
        }
        return try decode(type, text: try TextFile.decode(data, path: path), path: path)
    }

    /// Decodes YAML text; `path` names it in errors.
    public static func decode<T: Decodable>(_ type: T.Type, text: String, path: String) throws -> T {
        _ = try TextFile.withoutControls(text, path: path)
        do {
            return try YAMLNodeDecoder.decode(T.self, from: text)
        } catch let error as YAMLNodeError {
            throw InputError(file: path, line: error.line ?? line(of: error.error, in: text), message: describe(error.error))
        } catch let error as DecodingError {
            throw InputError(file: path, line: line(of: error, in: text), message: describe(error))
        } catch let error as YamlError {
            // One line with the position and the problem; never the file's text (libyaml's messages
            // quote it, and the file may be a link to something secret).
            let (line, problem) = describe(error)
            throw InputError(file: path, line: line, message: "not valid YAML: \(problem)")
        } catch {
            throw InputError(file: path, message: "\(error)")
        }
    }

    static func describe(_ error: YamlError) -> (line: Int?, problem: String) {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
            return (mark.line, problem)
        case .duplicatedKeysInMapping(let duplicates, let context):
            return (
                context.mark.line,
                "a key appears more than once in one mapping (\(duplicates.map { "'\($0)'" }.joined(separator: ", "))); write each key once"
            )
        case .reader(let problem, _, _, _):
            return (nil, problem)
        default:
            return (nil, "the file cannot be read as YAML")
        }
    }

    static func describe(_ error: DecodingError) -> String {
        func path(_ codingPath: [any CodingKey]) -> String {
            let keys = codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }
            return keys.isEmpty ? "(top level)" : keys.joined(separator: ".").replacingOccurrences(of: ".[", with: "[")
        }
        switch error {
        case .keyNotFound(let key, let context): return "missing field '\(path(context.codingPath + [key]))'"
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            return "field '\(path(context.codingPath))': \(context.debugDescription)"
        case .dataCorrupted(let context): return "field '\(path(context.codingPath))': \(context.debugDescription)"
        @unknown default: return "\(error)"
        }
    }

    /// The line of the node at `codingPath` (mapping keys and list positions), walked in the
    /// composed document, so that a value in a flow mapping of a list (`- {name: X, share: -5}`)
    /// is named by its own line; nil when the path does not lead to a node.
    static func line(at codingPath: [any CodingKey], in text: String) -> Int? {
        guard !codingPath.isEmpty, var node = try? Yams.compose(yaml: text, .basic, .default, .utf8) else { return nil }
        for key in codingPath {
            if let index = key.intValue {
                guard case .sequence(let sequence) = node, index < sequence.count else { return nil }
                node = sequence[index]
            } else {
                guard case .mapping(let mapping) = node,
                    let value = mapping.first(where: { $0.key.scalar?.string == key.stringValue })?.value
                else { return nil }
                node = value
            }
        }
        return node.mark?.line
    }

    /// The line of the last key of the failing path: by the path in the document, else by a plain
    /// search (good enough for hand-edited files).
    static func line(of error: DecodingError, in text: String) -> Int? {
        let context: DecodingError.Context
        switch error {
        case .keyNotFound(_, let c), .typeMismatch(_, let c), .valueNotFound(_, let c), .dataCorrupted(let c): context = c
        @unknown default: return nil
        }
        if let line = line(at: context.codingPath, in: text) { return line }
        guard let key = context.codingPath.last(where: { $0.intValue == nil })?.stringValue else { return nil }
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.drop(while: { $0 == " " || $0 == "-" })
            if trimmed.hasPrefix(key + ":") { return index + 1 }
        }
        return nil
    }
}

extension YAMLFile {
    /// The line of each top-level key of a YAML file, for evidence pointers and error lines; empty
    /// when the file cannot be read (the pointer then has no line, the file is still named).
    public static func topLevelKeyLines(_ path: String) -> [String: Int] {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return [:] }
        return topLevelKeyLines(text: text)
    }

    public static func topLevelKeyLines(text: String) -> [String: Int] {
        var result: [String: Int] = [:]
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            guard let first = line.first, first.isLetter, let colon = line.firstIndex(of: ":") else { continue }
            result[String(line[..<colon])] = index + 1
        }
        return result
    }
}
