import Foundation

/// Where the data shipped with uea-screen (checklists/, templates/, schemas/espd/) is found for a
/// default run: the working directory, then upwards from the executable, where an installed binary
/// (PREFIX/bin) finds it in PREFIX/share/uea-screen. `marker` is a file the folder must hold.
public enum InstalledData {
    public static func directory(_ folder: String, marker: String, executablePath: String = CommandLine.arguments[0]) -> String? {
        var candidates = [FileManager.default.currentDirectoryPath + "/" + folder]
        var url = URL(fileURLWithPath: executablePath).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<5 {
            candidates.append(url.appendingPathComponent(folder).path)
            candidates.append(url.appendingPathComponent("share/uea-screen/" + folder).path)
            url = url.deletingLastPathComponent()
        }
        return candidates.first { FileManager.default.fileExists(atPath: $0 + "/" + marker) }
    }
}
