// libFuzzer target for the hand-edited inputs: supply-chain CSV, bidder and tender YAML,
// watchlist CSV and FSF XML. Build and run with fuzz/run.sh.
import DossierModel
import Foundation
import Names
import RuleData
import Screening

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzInputs(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let text = String(decoding: bytes, as: UTF8.self)
    let chain = try? SupplyChainTier.parse(text: text, path: "fuzz.csv")
    let bidder = try? YAMLFile.decode(BidderFile.self, text: text, path: "fuzz.yaml")
    let tender = try? YAMLFile.decode(TenderContext.self, text: text, path: "fuzz.yaml")
    // What decodes is also screened: a value a parser accepts must not trap a check (an amount of
    // 1e19 once did). The sample bidder with the fuzzed tender, bidder file or supply chain.
    if let base = Harness.base, tender != nil || bidder != nil || chain != nil {
        var submission = base.submission
        if let bidder { submission.bidder = bidder }
        if let chain { submission.supplyChain = chain }
        let context = ScreeningContext(
            submission: submission, tender: tender ?? base.tender, tenderFilePath: nil, request: nil, rules: base.rules)
        _ = Screener().findings(context)
        if let tender { _ = Screener().tenderDossier(tender: tender, tenderFilePath: nil, request: nil, rules: base.rules, sources: []) }
    }
    _ = try? WatchlistParser.parse(bytes: bytes, format: .csv, path: "fuzz.csv")
    _ = try? WatchlistParser.parse(bytes: bytes, format: .euFSF, path: "fuzz.xml")
    return 0
}

/// The sample bidder and rule data, loaded once (from the repository root, where fuzz/run.sh and the tests run).
enum Harness {
    static let base: (submission: Submission, tender: TenderContext, rules: RuleBook)? = {
        guard let rules = try? RuleBook.load(directory: "checklists"),
            let submission = try? Submission.load("samples/zonnepark-lelystad/bidders/1-zonnebouw-flevoland"),
            let job = try? ScreeningJob.plan(
                paths: ["samples/zonnepark-lelystad/bidders/1-zonnebouw-flevoland"], tenderFile: "samples/zonnepark-lelystad/tender.yaml")
        else { return nil }
        return (submission, job.tender, rules)
    }()
}

#if !FUZZING
    /// Without libFuzzer (a normal build) the target replays inputs: `fuzz-inputs FILE...`.
    /// The regression inputs in fuzz/regressions/ run this way in the tests.
    @main
    struct Replay {
        static func main() {
            for path in CommandLine.arguments.dropFirst() {
                guard let data = FileManager.default.contents(atPath: path) else { continue }
                _ = [UInt8](data).withUnsafeBufferPointer { fuzzInputs($0.baseAddress ?? UnsafePointer(bitPattern: 1)!, $0.count) }
            }
        }
    }
#endif
