// libFuzzer target for the hand-edited inputs: supply-chain CSV, bidder and tender YAML,
// watchlist CSV and FSF XML. Build and run with fuzz/run.sh.
import Foundation
import Screening

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzInputs(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let text = String(decoding: bytes, as: UTF8.self)
    _ = try? SupplyChainTier.parse(text: text, path: "fuzz.csv")
    _ = try? YAMLFile.decode(BidderFile.self, text: text, path: "fuzz.yaml")
    _ = try? YAMLFile.decode(TenderContext.self, text: text, path: "fuzz.yaml")
    _ = try? WatchlistParser.parse(bytes: bytes, format: .csv, path: "fuzz.csv")
    _ = try? WatchlistParser.parse(bytes: bytes, format: .euFSF, path: "fuzz.xml")
    return 0
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
