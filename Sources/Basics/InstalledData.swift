import Foundation

/// Where the data shipped with uea-screen (checklists/, templates/, schemas/espd/) is found for a
/// default run: the working directory, then upwards from the executable's real location, where an
/// installed binary (PREFIX/bin) finds it in PREFIX/share/uea-screen. `marker` is a file the folder must hold.
public enum InstalledData {
    public static func directory(_ folder: String, marker: String, executablePath: String = InstalledData.executablePath) -> String? {
        var candidates = [FileManager.default.currentDirectoryPath + "/" + folder]
        var url = URL(fileURLWithPath: executablePath).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<5 {
            candidates.append(url.appendingPathComponent(folder).path)
            candidates.append(url.appendingPathComponent("share/uea-screen/" + folder).path)
            url = url.deletingLastPathComponent()
        }
        return candidates.first { FileManager.default.fileExists(atPath: $0 + "/" + marker) }
    }

    /// The running executable's real path, whatever it was called as: `argv[0]` is only the bare
    /// name when the binary was found through PATH, so the kernel's link (`/proc/self/exe`) comes
    /// first, then Foundation's own answer, and `argv[0]` only as the last resort.
    public static let executablePath: String = {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let length = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        if length > 0 {
            buffer[length] = 0
            return String(cString: buffer)
        }
        return Bundle.main.executablePath ?? CommandLine.arguments[0]
    }()
}
