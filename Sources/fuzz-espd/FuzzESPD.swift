// libFuzzer target for the ESPD reader: any bytes go through the strict libxml2 parse, the
// generation readers and the text and JSON renderings. Build and run with fuzz/run.sh.
import ESPD
import Foundation

let sampleRequest: String? =
    FileManager.default.fileExists(atPath: "samples/zonnepark-lelystad/espd-request.xml")
    ? "samples/zonnepark-lelystad/espd-request.xml" : nil

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzESPD(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    // Read alone, and against the sample tender's request (the path that compares a response's
    // questions with the authority's), when it is there.
    for request in [nil, sampleRequest] {
        if let document = try? ESPDParser.read(bytes: bytes, sourceName: "fuzz.xml", request: request) {
            _ = TextSummary.render(document)
            _ = try? JSONEncoder().encode(document.redactingPersonalData())
        }
    }
    return 0
}

#if !FUZZING
    /// Without libFuzzer (a normal build) the target replays inputs: `fuzz-espd FILE...`.
    /// The regression inputs in fuzz/regressions/ run this way in the tests.
    @main
    struct Replay {
        static func main() {
            for path in CommandLine.arguments.dropFirst() {
                guard let data = FileManager.default.contents(atPath: path) else { continue }
                _ = [UInt8](data).withUnsafeBufferPointer { fuzzESPD($0.baseAddress ?? UnsafePointer(bitPattern: 1)!, $0.count) }
            }
        }
    }
#endif
