import SplitTestSupport
import Testing

/// An accuracy floor given to a session of one model is said not to apply (the model has no
/// measured accuracy; the floor chooses among `--versions`), on standard error, and the run goes on.
@Suite struct FloorOnOneModelTests {
    static let trace = FleetCommandTests.root.appendingPathComponent("SampleTraces/traces/pensieve-norway_bus_1").path

    @Test(arguments: [
        ["plan", "--model", "mobilenetv2", "--bandwidth-mbps", "10", "--accuracy-floor-pct", "90"],
        ["simulate", "--model", "smallcnn", "--duration", "2", "--bandwidth-trace", trace, "--accuracy-floor-pct", "90"],
    ])
    func theFloorIsSaidNotToApply(_ args: [String]) throws {
        let result = try SplitscopeBinary.run(args)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("--accuracy-floor-pct 90 % is not applied"), "\(args): \(result.stderr)")
        #expect(result.stderr.contains("give --versions"), "\(result.stderr)")
    }

    /// A floor too small to print plainly is written as every floor message writes it, never in e-notation.
    @Test func aTinyFloorIsWrittenPlainly() throws {
        let result = try SplitscopeBinary.run(["plan", "--model", "mobilenetv2", "--bandwidth-mbps", "10", "--accuracy-floor-pct", "1e-320"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("--accuracy-floor-pct 0 % is not applied"), "\(result.stderr)")
    }

    /// Without a floor, nothing is said.
    @Test func noFloorNoNote() throws {
        let result = try SplitscopeBinary.run(["plan", "--model", "mobilenetv2", "--bandwidth-mbps", "10"])
        #expect(result.status == 0)
        #expect(!result.stderr.contains("not applied"), "\(result.stderr)")
    }
}
