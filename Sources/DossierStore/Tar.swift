import Foundation

/// A POSIX tar writer and a strict reader for export bundles. The writer makes regular files and
/// folders (pax headers for names over 100 bytes), readable by `tar -xf` anywhere. The reader
/// accepts exactly that: regular files, folders and pax path records; any other entry type, a
/// name that leaves the folder, a repeated name or a malformed size is an error, never a trap.
enum Tar {
    struct FormatError: Error, CustomStringConvertible { var description: String }

    /// Writes members one after another to `write`, so a bundle never has to fit in memory.
    struct Writer {
        let write: (Data) throws -> Void
        var mtime = Int(Date().timeIntervalSince1970)

        func add(_ name: String, _ data: Data) throws {
            if name.utf8.count > 100 {
                // A pax record "<length> path=<name>\n", the length counting itself.
                let body = " path=\(name)\n"
                var length = body.utf8.count + 1
                while String(length).utf8.count + body.utf8.count != length { length += 1 }
                let record = Data((String(length) + body).utf8)
                try write(
                    header(
                        name: "PaxHeaders/" + String(decoding: Array(name.utf8.suffix(80)), as: UTF8.self).filter { $0 != "/" },
                        size: record.count, type: "x"))
                try write(record + Data(count: (512 - record.count % 512) % 512))
            }
            try write(header(name: name, size: data.count, type: "0"))
            // The file, then its padding: not `data + padding`, which copies the file (the 24 MB
            // manifest of 8,000 dossiers) once more.
            try write(data)
            if data.count % 512 != 0 { try write(Data(count: 512 - data.count % 512)) }
        }

        func finish() throws { try write(Data(count: 1024)) }

        private func header(name: String, size: Int, type: Character) -> Data {
            var header = [UInt8](repeating: 0, count: 512)
            func put(_ bytes: [UInt8], at offset: Int, width: Int) {
                let bytes = Array(bytes.prefix(width))
                header.replaceSubrange(offset..<(offset + bytes.count), with: bytes)
            }
            func octal(_ value: Int, at offset: Int, width: Int) {
                put(Array(String(value, radix: 8).leftPadded(to: width - 1).utf8), at: offset, width: width - 1)
            }
            // Names over 100 bytes are carried by the pax record; this one is cut on a character boundary.
            var short = Array(name.utf8)
            if short.count > 100 {
                short = Array(
                    String(decoding: short.prefix(100), as: UTF8.self).replacingOccurrences(of: "\u{FFFD}", with: "").utf8.prefix(100))
            }
            put(short, at: 0, width: 100)
            octal(type == "5" ? 0o700 : 0o600, at: 100, width: 8)
            octal(0, at: 108, width: 8)
            octal(0, at: 116, width: 8)
            octal(size, at: 124, width: 12)
            octal(mtime, at: 136, width: 12)
            put(Array("        ".utf8), at: 148, width: 8)  // the checksum field counts as spaces
            header[156] = type.asciiValue!
            put(Array("ustar".utf8), at: 257, width: 6)
            put(Array("00".utf8), at: 263, width: 2)
            let checksum = header.reduce(0) { $0 + Int($1) }
            put(Array(String(checksum, radix: 8).leftPadded(to: 6).utf8), at: 148, width: 6)
            header[154] = 0
            header[155] = UInt8(ascii: " ")
            return Data(header)
        }
    }

    static func archive(_ files: [(name: String, data: Data)], mtime: Date = Date()) -> Data {
        var out = Data()
        let writer = Writer(write: { out.append($0) }, mtime: Int(mtime.timeIntervalSince1970))
        for file in files { try! writer.add(file.name, file.data) }  // appending to Data cannot fail
        try! writer.finish()
        return out
    }

    /// One regular file of an archive: where its bytes are.
    struct Member {
        var name: String
        var offset: Int
        var size: Int
    }

    /// Bytes read by position: a file on disk (bundles can be large) or data in memory.
    struct Source {
        let count: Int
        let read: (_ offset: Int, _ length: Int) throws -> Data

        static func data(_ data: Data) -> Source {
            Source(count: data.count) { offset, length in data.subdata(in: (data.startIndex + offset)..<(data.startIndex + offset + length))
            }
        }

        static func file(_ handle: FileHandle) throws -> Source {
            let count = Int(try handle.seekToEnd())
            return Source(count: count) { offset, length in
                try handle.seek(toOffset: UInt64(offset))
                let data = try handle.read(upToCount: length) ?? Data()
                guard data.count == length else { throw FormatError(description: "the file ended early") }
                return data
            }
        }
    }

    /// The regular files of an archive, in order, after checking every header.
    static func members(_ source: Source) throws -> [Member] {
        var members: [Member] = []
        var seen = Set<String>()
        var offset = 0
        var paxPath: String? = nil
        while true {
            guard offset + 512 <= source.count else {
                if offset == source.count { break }  // no end marker: accepted, nothing is missing
                throw FormatError(description: "the archive ends inside a header at byte \(offset)")
            }
            let header = [UInt8](try source.read(offset, 512))
            if header.allSatisfy({ $0 == 0 }) {
                // The end marker: only zeros may follow (tar pads to its record size). Anything
                // else, such as a second archive appended, is not part of what was verified.
                try checkOnlyZeros(source, from: offset + 512)
                break
            }
            let storedSum = number(header[148..<156])
            var check = header
            check.replaceSubrange(148..<156, with: [UInt8](repeating: 0x20, count: 8))
            guard let storedSum, storedSum == check.reduce(0, { $0 + Int($1) }) else {
                throw FormatError(description: "tar header checksum mismatch at byte \(offset)")
            }
            var name = String(decoding: header[0..<100].prefix { $0 != 0 }, as: UTF8.self)
            let prefix = String(decoding: header[345..<500].prefix { $0 != 0 }, as: UTF8.self)
            if !prefix.isEmpty { name = prefix + "/" + name }
            guard let size = number(header[124..<136]) else {
                throw FormatError(description: "\(display(name)): the size field is not an octal number")
            }
            let start = offset + 512
            guard size <= source.count - start else {
                throw FormatError(description: "\(display(name)): size \(size) runs past the end of the archive")
            }
            let type = header[156]
            switch type {
            case UInt8(ascii: "x"):
                guard size <= 65_536 else { throw FormatError(description: "a pax header of \(size) bytes; at most 65,536 are read") }
                paxPath = try paxRecords(try source.read(start, size))["path"]
            case UInt8(ascii: "0"), 0, UInt8(ascii: "5"):
                if let path = paxPath { name = path }
                paxPath = nil
                if name.hasSuffix("/") { name.removeLast() }
                guard !name.isEmpty, !name.hasPrefix("/"), !name.split(separator: "/").contains(".."), !name.utf8.contains(0) else {
                    throw FormatError(description: "\(display(name)): a name outside the bundle's folder is not allowed")
                }
                guard seen.insert(name).inserted else { throw FormatError(description: "\(display(name)) appears twice in the archive") }
                if type == UInt8(ascii: "5") {
                    guard size == 0 else { throw FormatError(description: "\(display(name)): a folder with a size") }
                } else {
                    members.append(Member(name: name, offset: start, size: size))
                }
            default:
                let kind = type >= 0x20 && type < 0x7F ? "'\(Character(UnicodeScalar(type)))'" : "byte \(type)"
                throw FormatError(
                    description:
                        "\(display(name)): entry of type \(kind) (a link, device or other special entry); a bundle holds only regular files and folders"
                )
            }
            offset = start + (size + 511) / 512 * 512
        }
        return members
    }

    static func checkOnlyZeros(_ source: Source, from start: Int) throws {
        var offset = start
        while offset < source.count {
            let length = min(1 << 20, source.count - offset)
            guard try source.read(offset, length).allSatisfy({ $0 == 0 }) else {
                throw FormatError(description: "data after the archive's end marker at byte \(start - 512) (a second archive appended?)")
            }
            offset += length
        }
    }

    /// An octal field (NUL- or space-terminated); nil for anything else, including base-256 sizes.
    static func number(_ field: ArraySlice<UInt8>) -> Int? {
        let digits = field.drop { $0 == 0x20 }.prefix { $0 != 0 && $0 != 0x20 }
        guard !digits.isEmpty, digits.count <= 12, digits.allSatisfy({ $0 >= 0x30 && $0 <= 0x37 }) else { return nil }
        return Int(String(decoding: digits, as: UTF8.self), radix: 8)
    }

    static func paxRecords(_ data: Data) throws -> [String: String] {
        var records: [String: String] = [:]
        var rest = Substring(String(decoding: data, as: UTF8.self))
        while !rest.isEmpty {
            guard let space = rest.firstIndex(of: " "), let length = Int(rest[..<space]), length > 0, length <= rest.utf8.count,
                let record = String(rest.utf8.prefix(length)), record.hasSuffix("\n"), let equals = record.firstIndex(of: "=")
            else {
                throw FormatError(description: "a malformed pax header")
            }
            let key = record[record.index(after: record.firstIndex(of: " ")!)..<equals]
            records[String(key)] = String(record[record.index(after: equals)...].dropLast())
            rest = Substring(String(rest.utf8.dropFirst(length)) ?? "")
        }
        return records
    }

    static func display(_ name: String) -> String {
        String(name.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? "?" : Character($0) }.prefix(120))
    }

    /// Every regular file of an archive in memory (for tests and small bundles).
    static func extract(_ data: Data) throws -> [String: Data] {
        let source = Source.data(data)
        var files: [String: Data] = [:]
        for member in try members(source) { files[member.name] = try source.read(member.offset, member.size) }
        return files
    }
}

extension String {
    func leftPadded(to width: Int) -> String { count >= width ? self : String(repeating: "0", count: width - count) + self }
}
