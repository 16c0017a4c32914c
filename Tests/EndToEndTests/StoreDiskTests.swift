import Foundation
import TestSupport
import Testing

/// A full disk and a read-only store, for real: a small tmpfs (needs root, as in CI; skipped otherwise).
/// Whether a tmpfs can be mounted here (root, mount, and a kernel that allows it); decided once.
enum TmpfsAvailability {
    static let canMount: Bool = {
        guard getuid() == 0, let mount = which("mount"), let directory = try? Paths.temporaryDirectory().path else { return false }
        guard (try? run(mount, ["-t", "tmpfs", "-o", "size=64k", "tmpfs", directory]))?.status == 0 else { return false }
        _ = try? run(which("umount") ?? "umount", [directory])
        return true
    }()
}

@Suite(
    "Dossier store on a full or read-only disk",
    .enabled(if: TmpfsAvailability.canMount, "needs root and a tmpfs mount (as in CI): skipped"))
struct StoreDiskTests {

    @Test("A full disk gives a clear error and loses nothing; a read-only store still answers")
    func fullAndReadOnly() throws {
        let mountPoint = try Paths.temporaryDirectory().path
        try #require(try run(which("mount")!, ["-t", "tmpfs", "-o", "size=400k", "tmpfs", mountPoint]).status == 0)
        defer { _ = try? run(which("umount")!, [mountPoint]) }
        let store = mountPoint + "/store.sqlite"
        let full = try ueaScreen("screen", "samples/zonnepark-lelystad", "--store", store, "--jobs", "1")
        #expect(full.status == 2)
        #expect(full.stderr.contains("database or disk is full"))
        let verify = try ueaScreen("dossier", "verify", "--store", store)
        #expect(verify.status == 0)
        let stored = try #require(Int(verify.stdout.split(separator: " ")[1]))
        #expect(stored >= 1)
        let before = try ueaScreen("dossier", "list", "--store", store).stdout
        #expect(before.split(separator: "\n").count == stored - 1)  // the tender's own dossier is stored first and not listed
        #expect(try run(which("mount")!, ["-o", "remount,ro", mountPoint]).status == 0)
        let readOnly = try ueaScreen("screen", "samples/zonnepark-lelystad", "--store", store, "--jobs", "1")
        #expect(readOnly.status == 2)
        #expect(readOnly.stderr.contains("readonly database"))
        let list = try ueaScreen("dossier", "list", "--store", store)
        #expect(list.stdout == before)
        #expect(list.stderr.contains("warning: access not logged"))
        #expect(try ueaScreen("dossier", "verify", "--store", store).status == 0)
    }
}
