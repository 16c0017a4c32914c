import Foundation

/// A minimal POSIX ustar writer and reader for export bundles: regular files only, names up to
/// 100 bytes, readable by `tar -xf` anywhere.
enum Tar {
    static func archive(_ files: [(name: String, data: Data)], mtime: Date = Date()) -> Data {
        var out = Data()
        for file in files {
            var header = [UInt8](repeating: 0, count: 512)
            func put(_ text: String, at offset: Int, width: Int) {
                let bytes = Array(text.utf8.prefix(width))
                header.replaceSubrange(offset..<(offset + bytes.count), with: bytes)
            }
            func octal(_ value: Int, at offset: Int, width: Int) {
                put(String(String(value, radix: 8).suffix(width - 1)).leftPadded(to: width - 1), at: offset, width: width - 1)
            }
            put(file.name, at: 0, width: 100)
            octal(0o644, at: 100, width: 8)
            octal(0, at: 108, width: 8)
            octal(0, at: 116, width: 8)
            octal(file.data.count, at: 124, width: 12)
            octal(Int(mtime.timeIntervalSince1970), at: 136, width: 12)
            put("        ", at: 148, width: 8)  // checksum field counts as spaces
            header[156] = UInt8(ascii: "0")
            put("ustar", at: 257, width: 6)
            put("00", at: 263, width: 2)
            let checksum = header.reduce(0) { $0 + Int($1) }
            put(String(String(checksum, radix: 8)).leftPadded(to: 6), at: 148, width: 6)
            header[154] = 0
            header[155] = UInt8(ascii: " ")
            out.append(contentsOf: header)
            out.append(file.data)
            let padding = (512 - file.data.count % 512) % 512
            out.append(Data(count: padding))
        }
        out.append(Data(count: 1024))
        return out
    }

    struct FormatError: Error, CustomStringConvertible { var description: String }

    static func extract(_ data: Data) throws -> [String: Data] {
        var files: [String: Data] = [:]
        var offset = 0
        let bytes = [UInt8](data)
        while offset + 512 <= bytes.count {
            let header = Array(bytes[offset..<(offset + 512)])
            if header.allSatisfy({ $0 == 0 }) { break }
            let stored = Int(String(decoding: header[148..<154].filter { $0 != 0 && $0 != 0x20 }, as: UTF8.self), radix: 8)
            var check = header
            check.replaceSubrange(148..<156, with: [UInt8](repeating: 0x20, count: 8))
            guard stored == check.reduce(0, { $0 + Int($1) }) else { throw FormatError(description: "tar header checksum mismatch at byte \(offset)") }
            let name = String(decoding: header[0..<100].prefix { $0 != 0 }, as: UTF8.self)
            guard let size = Int(String(decoding: header[124..<136].filter { $0 != 0 && $0 != 0x20 }, as: UTF8.self), radix: 8),
                  offset + 512 + size <= bytes.count else { throw FormatError(description: "bad size for \(name)") }
            if header[156] == UInt8(ascii: "0") || header[156] == 0 {
                files[name] = Data(bytes[(offset + 512)..<(offset + 512 + size)])
            }
            offset += 512 + (size + 511) / 512 * 512
        }
        return files
    }
}

extension String {
    func leftPadded(to width: Int) -> String { count >= width ? self : String(repeating: "0", count: width - count) + self }
}
