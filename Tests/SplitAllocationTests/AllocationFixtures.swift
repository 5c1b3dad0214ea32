import SplitAllocation
import SplitRandom

/// Hand-worked and random allocation problems for the tests.
enum AllocationFixtures {
    /// A device that can run locally (accuracy 80 %, 50 ms on the device) or send `bytes` to the
    /// edge and get 90 % back with no device or edge time: w = 0.5, SLO 100 ms, no RTT, 8 Mbit/s.
    static func localOrSend(_ name: String, bytes: Double) -> AllocationDevice {
        AllocationDevice(name: name, accuracyWeight: 0.5, bandwidthMbps: 8, rttMs: 0, sloMs: 100, options: [
            AllocationOption(version: "small", accuracyPercent: 80, split: 3, deviceMs: 50, transferBytes: 0, edgeMacs: 0),
            AllocationOption(version: "big", accuracyPercent: 90, split: 0, deviceMs: 0, transferBytes: bytes, edgeMacs: 0),
        ])
    }

    /// An edge that never limits the uplink and computes 1 GMAC/s (10⁶ MACs take 1 ms).
    static let edge = EdgeCapacity(gmacsPerSecond: 1, uplinkMbps: 1000)

    /// A random problem (see ``AllocationProblem/random(devices:maxOptions:rng:)``); its devices are well formed.
    static func random(devices: Int, maxOptions: Int, rng: inout SplitMix64) -> AllocationProblem {
        try! AllocationProblem.random(devices: devices, maxOptions: maxOptions, rng: &rng)
    }

    /// The best utility over every combination of options (all of them, dominated or not).
    static func bruteForce(_ problem: AllocationProblem) -> (utility: Double, choices: [Int]) {
        var best = (utility: -Double.infinity, choices: [Int]())
        var choices = Array(repeating: 0, count: problem.devices.count)
        func visit(_ d: Int) {
            if d == choices.count {
                let value = problem.utility(of: choices)
                if value > best.utility { best = (value, choices) }
                return
            }
            for o in problem.devices[d].options.indices {
                choices[d] = o
                visit(d + 1)
            }
        }
        visit(0)
        return best
    }
}
