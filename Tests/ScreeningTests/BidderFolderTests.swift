import DossierModel
import Foundation
import TestSupport
import Testing

@testable import Screening

/// Issue 31: a bidder's folder is read as a manifest. Generated from the sample's clean bidder:
/// its folder copied, one entry added.
@Suite("The bidder's folder as a manifest")
struct BidderFolderTests {
    let manager = FileManager.default

    func load(_ folder: String) -> Result<Submission, Submission.LoadError> {
        Result { () throws(Submission.LoadError) in try Submission.load(folder) }
    }

    func context(_ submission: Submission) -> ScreeningContext {
        ScreeningContext(
            submission: submission, tender: Fixtures.tender, tenderFilePath: Fixtures.tenderPath, request: nil, rules: Fixtures.rules,
            sanctions: Fixtures.sanctions)
    }

    /// A member's ESPD in a subfolder is an ESPD of the bid; every entry is listed.
    @Test func subfolderIsRead() throws {
        let folder = try Fixtures.cleanBidderCopy()
        try manager.createDirectory(atPath: folder + "/leden", withIntermediateDirectories: true)
        try manager.copyItem(atPath: Fixtures.sample + "/bidders/3-sunrise-pv-trading/espd.xml", toPath: folder + "/leden/lid.xml")
        try Data("%PDF-1.4".utf8).write(to: URL(fileURLWithPath: folder + "/gva.pdf"))
        let submission = try load(folder).get()
        #expect(submission.otherESPDs.map { $0.source.hasSuffix("/leden/lid.xml") } == [true])
        #expect(
            submission.folder.map { "\($0.path) \($0.status.rawValue)" } == [
                "bidder.yaml read", "gva.pdf not-read", "leden/ read", "leden/lid.xml read", "supply-chain.csv read", "uea.xml read",
            ])
        #expect(Fixtures.findings(context(submission), "espd.refused-file").isEmpty)
    }

    /// A backup copy is refused by its name, listed, and is a finding pointing at it; the bid's
    /// own files are screened as before.
    @Test(arguments: ["uea.xml.bak", "uea - kopie.xml", "uea.xml~", "leden/uea.old"])
    func backupCopyRefused(name: String) throws {
        let folder = try Fixtures.cleanBidderCopy()
        try manager.createDirectory(atPath: folder + "/leden", withIntermediateDirectories: true)
        try manager.copyItem(atPath: folder + "/uea.xml", toPath: folder + "/" + name)
        let submission = try load(folder).get()
        #expect(submission.otherESPDs.isEmpty)
        #expect(submission.folder.first { $0.path == name }?.status == .refused)
        let findings = Fixtures.findings(context(submission), "espd.refused-file")
        #expect(findings.map(\.severity) == [.attention])
        #expect(findings.first?.evidence.map(\.file) == [folder + "/" + name])
        #expect(findings.first?.message.nl.contains("een reservekopie (naar de naam)") == true)
    }

    /// The supply-chain file named through a linked folder (`sub` → a folder outside the bid) is
    /// refused, though the file itself is no link: no component of a path is followed.
    @Test func linkedComponentRefused() throws {
        let outside = try Paths.temporaryDirectory().appendingPathComponent("outside").path
        try manager.createDirectory(atPath: outside, withIntermediateDirectories: true)
        try manager.copyItem(atPath: Fixtures.sample + "/bidders/1-zonnebouw-flevoland/supply-chain.csv", toPath: outside + "/chain.csv")
        let folder = try Fixtures.cleanBidderCopy { files in
            files["bidder.yaml"] = files["bidder.yaml"]!.replacingOccurrences(
                of: "supplyChain: supply-chain.csv", with: "supplyChain: sub/chain.csv")
        }
        try manager.createSymbolicLink(atPath: folder + "/sub", withDestinationPath: outside)
        guard case .failure(.input(let error)) = load(folder) else {
            Issue.record("a file under a linked folder was read")
            return
        }
        #expect(error.file == folder + "/sub/chain.csv")
        #expect(error.message.contains("symbolic link"), "\(error.message)")
    }

    /// A linked subfolder that nothing names is refused and reported, not walked.
    @Test func linkedSubfolderReported() throws {
        let outside = try Paths.temporaryDirectory().appendingPathComponent("elsewhere").path
        try manager.createDirectory(atPath: outside, withIntermediateDirectories: true)
        try manager.copyItem(atPath: Fixtures.sample + "/bidders/3-sunrise-pv-trading/espd.xml", toPath: outside + "/lid.xml")
        let folder = try Fixtures.cleanBidderCopy()
        try manager.createSymbolicLink(atPath: folder + "/leden", withDestinationPath: outside)
        let submission = try load(folder).get()
        #expect(submission.otherESPDs.isEmpty)
        #expect(submission.folder.first { $0.path == "leden" }?.status == .refused)
        #expect(Fixtures.findings(context(submission), "espd.refused-file").count == 1)
    }

    /// A linked bidder folder among the tender's bidders is a bidder of the run, refused by name
    /// when loaded: it cannot read another folder's files as its own, nor vanish.
    @Test func linkedBidderFolderRefused() throws {
        let tender = try Paths.temporaryDirectory().appendingPathComponent("tender").path
        try manager.createDirectory(atPath: tender + "/bidders", withIntermediateDirectories: true)
        try manager.copyItem(atPath: Fixtures.sample + "/tender.yaml", toPath: tender + "/tender.yaml")
        try manager.copyItem(atPath: Fixtures.sample + "/espd-request.xml", toPath: tender + "/espd-request.xml")
        try manager.createSymbolicLink(
            atPath: tender + "/bidders/9-link", withDestinationPath: Fixtures.sample + "/bidders/1-zonnebouw-flevoland")
        let job = try ScreeningJob.plan(paths: [tender], tenderFile: nil)
        #expect(job.bidderLocations == [tender + "/bidders/9-link"])
        guard case .failure(.input(let error)) = load(tender + "/bidders/9-link") else {
            Issue.record("a linked bidder folder was read")
            return
        }
        #expect(error.message.contains("symbolic link"), "\(error.message)")
    }
}
