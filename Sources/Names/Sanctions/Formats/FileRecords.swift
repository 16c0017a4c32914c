import Basics
import DossierModel
import Foundation
import RuleData

/// Reads a list file in 64 KiB chunks and hands out one record at a time, so that memory holds a
/// record and the entries made so far, never the whole published file (the OFAC, UN and
/// OpenSanctions files are tens of megabytes to gigabytes).
enum FileRecords {
    static let chunkSize = 1 << 16

    /// Calls `body` with each chunk of the file at `path`.
    static func chunks(path: String, _ body: (Data) throws -> Void) throws {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw InputError(file: path, message: "cannot be read") }
        defer { try? handle.close() }
        while true {
            let chunk: Data
            do { chunk = try handle.read(upToCount: chunkSize) ?? Data() } catch {
                throw InputError(file: path, message: "cannot be read: \(error.localizedDescription)")
            }
            if chunk.isEmpty { return }
            try body(chunk)
        }
    }

    /// Each line (without its line break) with its 1-based number; a last line without a break counts.
    static func lines(path: String, _ body: (_ line: Int, _ bytes: [UInt8]) throws -> Void) throws {
        var current: [UInt8] = []
        var number = 0
        try chunks(path: path) { chunk in
            for byte in chunk {
                if byte == UInt8(ascii: "\n") {
                    number += 1
                    if current.last == UInt8(ascii: "\r") { current.removeLast() }
                    try body(number, current)
                    current.removeAll(keepingCapacity: true)
                } else {
                    current.append(byte)
                }
            }
        }
        if !current.isEmpty { try body(number + 1, current) }
    }

    /// RFC 4180 records (quoted fields, doubled quotes, line breaks inside quotes, CRLF, a leading
    /// byte-order mark) with the line each starts on. Blank lines are skipped. A quote that is never
    /// closed is refused at the line it opens on: read on, the rest of the file would become one field.
    static func csv(path: String, _ body: (_ line: Int, _ fields: [String]) throws -> Void) throws {
        var reader = CSV.RecordReader()
        var first = true
        // A blank line, or the DOS end-of-file mark (0x1A) OFAC's files end with, is no record.
        func emit(line: Int, record: [String]) throws {
            if !(record.count == 1 && (record[0].isEmpty || record[0] == "\u{1A}")) { try body(line, record) }
        }
        try chunks(path: path) { chunk in
            let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
            try reader.feed(first && chunk.starts(with: bom) ? chunk.dropFirst(3) : chunk[...], emit)
            first = false
        }
        do { try reader.finish(strict: true, emit) } catch let error as CSV.UnterminatedQuote { throw error.refusal(of: path) }
    }
}

/// What reading a list noticed and did not use, said once per list at import (nothing silent):
/// country values that name no country, rows that refer to no entry, records of kinds never matched.
struct ReadingNotes {
    private var unreadableCountries: [String: Int] = [:]
    private var other: [String] = []

    /// The alpha-2 code of `text`, or nil (remembered for the note) when it names no country.
    mutating func country(_ text: String?) -> String? {
        guard let text = text?.trimmingBlanks(), !text.isEmpty else { return nil }
        if let country = Country(reading: text) { return country.alpha2 }
        unreadableCountries[text, default: 0] += 1
        return nil
    }

    mutating func add(_ note: String) { other.append(note) }

    var lines: [String] {
        var lines = other
        if !unreadableCountries.isEmpty {
            let total = unreadableCountries.values.reduce(0, +)
            let shown = unreadableCountries.keys.sorted().prefix(5).map { "'\($0)'" }.joined(separator: ", ")
            lines.append(
                "\(total) country values name no country and are not used to confirm or weaken a hit (\(shown)\(unreadableCountries.count > 5 ? ", …" : ""))"
            )
        }
        return lines
    }
}
