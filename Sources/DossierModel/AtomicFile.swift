import Foundation

/// Writes a file so that a crash leaves either the old or the new content, never a torn one:
/// write a temporary file in the same folder, flush it to disk, then rename over the target.
public enum AtomicFile {
    /// `mode`: private (0600) unless the file is meant to be shared, such as a template to edit.
    public static func write(_ data: Data, to path: String, mode: Int = 0o600) throws {
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent()
        let temporary = directory.appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp")
        // Private to the user: dossiers and reports may hold criminal-law data (AVG art. 10).
        guard FileManager.default.createFile(atPath: temporary.path, contents: nil, attributes: [.posixPermissions: mode]) else {
            throw InputError(file: path, message: "cannot create a file in \(directory.path)")
        }
        do {
            let handle = try FileHandle(forWritingTo: temporary)
            try handle.write(contentsOf: data)
            try handle.synchronize()
            try handle.close()
            if rename(temporary.path, url.path) != 0 {
                throw InputError(file: path, message: "rename failed: \(String(cString: strerror(errno)))")
            }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        }
    }
}
