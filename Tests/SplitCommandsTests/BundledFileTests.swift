import Foundation
import SplitJSON
import SplitTerminal
import Testing

/// splitscope finds its own files (the training manifest and models, the sample traces, the
/// themes, scripts) from any working directory, by one rule (``BundledFile``).
@Suite("Bundled files from any folder")
struct BundledFileTests {
    @Test("the search order: the working directory, beside the executable, its install share, the package root above .build")
    func candidatesInSearchOrder() {
        let found = BundledFile.candidates("Models/fashion-expected.json", executablePath: "/repo/.build/x86_64-unknown-linux-gnu/debug/splitscope",
                                           currentDirectory: "/work")
        #expect(found == [
            "/work/Models/fashion-expected.json",
            "/repo/.build/x86_64-unknown-linux-gnu/debug/Models/fashion-expected.json",
            "/repo/.build/x86_64-unknown-linux-gnu/share/splitscope/Models/fashion-expected.json",
            "/repo/.build/Models/fashion-expected.json",
            "/repo/Models/fashion-expected.json",
        ])
        #expect(BundledFile.candidates("Themes", installed: "themes", executablePath: nil, currentDirectory: "/work") == ["/work/Themes"])
    }

    /// `simulate --devices` with its defaults (the training manifest, its models, the sample
    /// traces) run from an empty folder outside the checkout, as from its root.
    @Test func fleetDefaultsFromAnotherFolder() throws {
        let elsewhere = try SplitscopeBinary.temporaryDirectory()
        let arguments = ["simulate", "--devices", "2", "--duration", "2", "--edge-gmacs-per-s", "1", "--rtt-ms", "10", "--json"]
        let there = try SplitscopeBinary.run(arguments, seconds: 300, in: elsewhere)
        #expect(there.status == 0, "\(there.stderr)")
        let here = try SplitscopeBinary.run(arguments, seconds: 300, in: FleetCommandTests.root)
        #expect(here.status == 0, "\(here.stderr)")
        // The same devices, traces and versions (solve times differ from run to run).
        let fields = { (text: String) throws -> [JSONValue?] in
            let object = try JSONValue.parse(text).objectValue
            return [object?["devices"], object?["versions"]]
        }
        #expect(try fields(there.stdout) == fields(here.stdout))
        #expect(try JSONValue.parse(there.stdout).objectValue?["versions"]?.arrayValue?.count == 2)
    }

    /// `eval --data digits` finds the digits beside the checkout from any folder (the file lives
    /// in `shared/` next to the clone; a clone without it says where it looked).
    @Test(.enabled(if: FileManager.default.fileExists(atPath: FleetCommandTests.root.appendingPathComponent("../shared/data/digits.csv.gz").path)))
    func digitsFromAnotherFolder() throws {
        let elsewhere = try SplitscopeBinary.temporaryDirectory()
        let model = FleetCommandTests.root.appendingPathComponent("Models/fashion-device.onnx").path
        let result = try SplitscopeBinary.run(["eval", "--data", "digits", "--model-file", model], seconds: 300, in: elsewhere)
        // The digits were read: what stops the run is the model, which takes Fashion-MNIST's images.
        #expect(!result.stderr.contains("the UCI digits are not at"), "\(result.stderr)")
        #expect(result.stderr.contains("does not match the 1×8×8 images of digits"), "\(result.stderr)")
    }
}
