import Foundation

/// Paths as text, worked out lexically without touching the disk, for paths as the user typed them.
///
/// Foundation's `NSString.deletingLastPathComponent` traps on a path without a slash (`x`,
/// `tender.yaml`) in the Linux toolchain, so nothing here goes through it. Relative paths stay
/// relative: dossiers name files as the user did.
public enum PathText {
    /// The folder that holds `path`: `a/b` → `a`, `x` → `.`, `.` → `..`, `/a` → `/`; nil for `/`.
    public static func parent(_ path: String) -> String? {
        let absolute = path.hasPrefix("/")
        var parts = components(path, absolute: absolute)
        if let last = parts.last, last != ".." {
            parts.removeLast()
        } else if absolute {
            return nil
        } else {
            parts.append("..")
        }
        return joined(parts, absolute: absolute)
    }

    /// `path` with `.` and `name/..` removed and repeated slashes folded; `.` for an empty result.
    public static func normalised(_ path: String) -> String {
        let absolute = path.hasPrefix("/")
        return joined(components(path, absolute: absolute), absolute: absolute)
    }

    /// `name` inside `folder` (`.` is left out, so `./x` is written `x`).
    public static func child(_ folder: String, _ name: String) -> String {
        if folder.isEmpty || folder == "." { return name }
        return folder.hasSuffix("/") ? folder + name : folder + "/" + name
    }

    /// The last component: `a/b.xml` → `b.xml`, `/` → `/`.
    public static func lastComponent(_ path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? (path.hasPrefix("/") ? "/" : path)
    }

    private static func components(_ path: String, absolute: Bool) -> [String] {
        var result: [String] = []
        for part in path.split(separator: "/") where part != "." {
            if part == "..", let last = result.last, last != ".." {
                result.removeLast()
            } else if part == ".." && absolute && result.isEmpty {
                continue
            } else {
                result.append(String(part))
            }
        }
        return result
    }

    private static func joined(_ parts: [String], absolute: Bool) -> String {
        if absolute { return "/" + parts.joined(separator: "/") }
        return parts.isEmpty ? "." : parts.joined(separator: "/")
    }
}
