import DossierModel
import Foundation
import RuleData

/// A bidder's folder read as a manifest: every file and folder in it is listed as read, refused
/// (with why) or not read. Subfolders are walked (an ESPD in `leden/` is an ESPD of the bid); a
/// backup copy is refused by its name; nothing is reached through a symbolic link at any
/// component of its path, because every folder and file is opened relative to its parent's
/// descriptor with `O_NOFOLLOW` (`NoFollow`), not looked up by path.
struct BidderFolder {
    /// Every entry, in walk order (name order per folder).
    var entries: [FolderEntry] = []
    /// ESPD files to read, relative to the folder.
    var espdFiles: [String] = []
    /// `bidder.yaml` at the top of the folder, when present.
    var bidderFile: String?

    /// Folders below the bidder's own that are walked; deeper ones are refused.
    static let maxDepth = 3
    /// Entries listed per bidder; a folder with more is refused (a submission is a few files).
    static let maxEntries = 2_000

    /// Names a bidder's tools and editors give to earlier versions and copies.
    static func isBackupCopy(_ name: String) -> Bool {
        let lower = name.lowercased()
        let suffixes = [".bak", ".old", ".orig", ".tmp", ".swp", "~", ".backup", ".sav"]
        let marks = [" - kopie", " - copy", "copy of ", "kopie van ", "(kopie)", "(copy)", ".bak.", ".old."]
        return suffixes.contains { lower.hasSuffix($0) } || marks.contains { lower.contains($0) } || lower.hasPrefix("~$")
    }

    /// Walks `location` (a folder) without following links; refuses the whole bidder only where the
    /// bid itself cannot be read: the folder is a link, or a file that would be read is a link or
    /// not a regular file (as before: a link to /etc/shadow or to another bidder's file).
    static func survey(_ location: String) throws -> BidderFolder {
        let root = try NoFollow.openFolder(location, display: location)
        defer { close(root) }
        var folder = BidderFolder()
        try folder.walk(root, relative: "", depth: 0, location: location)
        return folder
    }

    private mutating func walk(_ descriptor: Int32, relative: String, depth: Int, location: String) throws {
        for name in try NoFollow.names(in: descriptor, display: PathText.child(location, relative)) {
            guard entries.count < Self.maxEntries else {
                throw InputError(
                    file: location, message: "the folder holds more than \(Self.maxEntries) files; a bid is its ESPDs and a few documents")
            }
            let path = relative + name
            let display = PathText.child(location, path)
            let kind = NoFollow.kind(of: name, in: descriptor)
            let isXML = name.lowercased().hasSuffix(".xml")
            let isBidderFile = relative.isEmpty && name == "bidder.yaml"
            switch kind {
            case .folder:
                if name.hasPrefix(".") {
                    entries.append(FolderEntry(path: path + "/", status: .notRead, reason: "hidden folder"))
                } else if depth >= Self.maxDepth {
                    entries.append(
                        FolderEntry(path: path + "/", status: .refused, reason: "nested more than \(Self.maxDepth) folders deep; not read"))
                } else {
                    entries.append(FolderEntry(path: path + "/", status: .read))
                    let child = try NoFollow.openFolder(name, in: descriptor, display: display)
                    defer { close(child) }
                    try walk(child, relative: path + "/", depth: depth + 1, location: location)
                }
            case .link, .special:
                let why =
                    kind == .link
                    ? "is a symbolic link; hand in the file itself" : "is not a regular file (a pipe or device); hand in the file itself"
                if (isXML && !Self.isBackupCopy(name)) || isBidderFile { throw InputError(file: display, message: why) }
                entries.append(FolderEntry(path: path, status: .refused, reason: why))
            case .file:
                if name.hasPrefix(".") {
                    entries.append(FolderEntry(path: path, status: .notRead, reason: "hidden file"))
                } else if Self.isBackupCopy(name) {
                    entries.append(
                        FolderEntry(
                            path: path, status: .refused, reason: "a backup copy by its name; only the files handed in as final are read"))
                } else if isXML {
                    entries.append(FolderEntry(path: path, status: .read))
                    espdFiles.append(path)
                } else if isBidderFile {
                    entries.append(FolderEntry(path: path, status: .read))
                    bidderFile = path
                } else {
                    entries.append(
                        FolderEntry(
                            path: path, status: .notRead,
                            reason: name == "bidder.yaml"
                                ? "a bidder.yaml in a subfolder; only the one at the top of the bidder's folder is read"
                                : "not an ESPD (XML), bidder.yaml or the supply-chain declaration"))
                }
            case .missing:
                entries.append(FolderEntry(path: path, status: .refused, reason: "cannot be read"))
            }
        }
    }

    /// Marks a file read (the supply-chain declaration, named in bidder.yaml).
    mutating func markRead(_ relative: String) {
        if let index = entries.firstIndex(where: { $0.path == relative }) { entries[index] = FolderEntry(path: relative, status: .read) }
    }
}

/// Opening a bidder's files one path component at a time, each relative to its parent folder's
/// descriptor and with `O_NOFOLLOW`: a symbolic link anywhere on the way (a linked subfolder, a
/// linked file) fails the open instead of leading outside the submission.
enum NoFollow {
    enum Kind { case file, folder, link, special, missing }

    static func kind(of name: String, in folder: Int32) -> Kind {
        var status = stat()
        guard fstatat(folder, name, &status, AT_SYMLINK_NOFOLLOW) == 0 else { return .missing }
        switch status.st_mode & S_IFMT {
        case S_IFREG: return .file
        case S_IFDIR: return .folder
        case S_IFLNK: return .link
        default: return .special
        }
    }

    /// The folder at `path` itself (not followed when it is a link).
    static func openFolder(_ path: String, display: String) throws -> Int32 {
        let descriptor = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard descriptor >= 0 else { throw InputError(file: display, message: reason(errno, folder: true)) }
        return descriptor
    }

    static func openFolder(_ name: String, in parent: Int32, display: String) throws -> Int32 {
        let descriptor = openat(parent, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard descriptor >= 0 else { throw InputError(file: display, message: reason(errno, folder: true)) }
        return descriptor
    }

    /// Opens `relative` (components separated by `/`) under the folder `root` for reading: each
    /// folder on the way and the file itself without following a link; the file must be regular.
    static func openFile(_ relative: String, under root: String) throws -> Int32 {
        let display = PathText.child(root, relative)
        var folder = try openFolder(root, display: root)
        let components = relative.split(separator: "/").map(String.init)
        for component in components.dropLast() {
            let next = openat(folder, component, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            let failure = errno
            close(folder)
            guard next >= 0 else { throw InputError(file: display, message: reason(failure, folder: true)) }
            folder = next
        }
        defer { close(folder) }
        guard let last = components.last else { throw InputError(file: display, message: "names no file") }
        // O_NONBLOCK: a FIFO put in place of the file must not hang the run (refused below).
        let descriptor = openat(folder, last, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else { throw InputError(file: display, message: reason(errno, folder: false)) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else {
            close(descriptor)
            throw InputError(file: display, message: "is not a regular file (a pipe, device or folder); hand in the file itself")
        }
        return descriptor
    }

    /// The entry names of a folder, sorted, without `.` and `..`.
    static func names(in folder: Int32, display: String) throws -> [String] {
        let copy = dup(folder)
        guard copy >= 0, let stream = fdopendir(copy) else {
            if copy >= 0 { close(copy) }
            throw InputError(file: display, message: "folder cannot be read")
        }
        defer { closedir(stream) }
        var names: [String] = []
        while let entry = readdir(stream) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names.sorted()
    }

    static func reason(_ code: Int32, folder: Bool) -> String {
        switch code {
        case ELOOP: return "is reached through a symbolic link; hand in the files themselves"
        case ENOTDIR: return folder ? "a folder on its path is a symbolic link or a file; hand in the files themselves" : "cannot be read"
        case ENOENT: return "no such file or folder"
        case EACCES: return "cannot be read (permission denied)"
        default: return "cannot be read"
        }
    }
}
