import Foundation
import Testing

/// A task's weight on accuracy against latency has one range, 0…1 (`Quantity.taskWeight`), for
/// `device --task-weight` and `simulate --devices --accuracy-weights` alike.
struct TaskWeightRangeTests {
    @Test(arguments: [("0", true), ("1", true), ("1.5", false), ("nan", false)])
    func accuracyWeights(_ weight: String, _ accepted: Bool) throws {
        let result = try SplitscopeBinary.run(["simulate", "--devices", "2", "--duration", "1", "--traces", FleetCommandTests.traces,
                                               "--versions", FleetCommandTests.manifest, "--accuracy-weights", "\(weight),0.5"])
        if accepted {
            #expect(result.status == 0, "\(weight): \(result.stderr)")
        } else {
            #expect(result.status == 2, "\(weight): \(result.stderr)")
            #expect(result.stderr.contains("--accuracy-weights"), "\(result.stderr)")
        }
        if weight == "1.5" { #expect(result.stderr.contains("task weight must be from 0 to 1, got 1.5"), "\(result.stderr)") }
    }

    /// `device` checks the weight before it connects; an accepted weight lets it go on to the
    /// next flag, here a refused `--slowdown`, so no edge is needed.
    @Test(arguments: [("0", true), ("1", true), ("1.5", false), ("nan", false)])
    func taskWeight(_ weight: String, _ accepted: Bool) throws {
        let result = try SplitscopeBinary.run(["device", "--edge", "127.0.0.1:1", "--task-weight", weight, "--slowdown", "0"])
        #expect(result.status == 2, "\(weight): \(result.stderr)")
        #expect(result.stderr.contains("--task-weight") != accepted, "\(weight): \(result.stderr)")
        if accepted { #expect(result.stderr.contains("--slowdown"), "\(result.stderr)") }
        if weight == "1.5" { #expect(result.stderr.contains("task weight must be from 0 to 1, got 1.5"), "\(result.stderr)") }
    }
}
