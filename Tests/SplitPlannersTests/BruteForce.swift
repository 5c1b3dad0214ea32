import SplitPlanners

/// Exhaustive search over every subset of at most 20 layers, written independently of
/// `CutProblem.cost(onDevice:)` (bit masks instead of arrays) so the two can check each other.
struct BruteForce {
    let problem: CutProblem
    private let readsMask: [UInt32]
    private let consumerMask: [UInt32]
    private let inputMask: UInt32
    private let forcedMask: UInt32

    init(_ problem: CutProblem) {
        precondition(problem.layerCount <= 20)
        self.problem = problem
        var reads = [UInt32](repeating: 0, count: problem.layerCount)
        var readBy = [UInt32](repeating: 0, count: problem.layerCount)
        for u in 0..<problem.layerCount {
            for c in problem.consumers[u] {
                reads[c] |= 1 << UInt32(u)
                readBy[u] |= 1 << UInt32(c)
            }
        }
        readsMask = reads
        consumerMask = readBy
        inputMask = problem.inputConsumers.reduce(0) { $0 | 1 << UInt32($1) }
        forcedMask = (0..<problem.layerCount).reduce(0) {
            problem.forcedDevice[$1] ? $0 | 1 << UInt32($1) : $0
        }
    }

    /// Whether the device set is closed under predecessors and contains every forced layer.
    func isValid(_ device: UInt32) -> Bool {
        guard device & forcedMask == forcedMask else { return false }
        for v in 0..<problem.layerCount where device & (1 << UInt32(v)) != 0 {
            if readsMask[v] & ~device != 0 { return false }
        }
        return true
    }

    /// The cost of a device set, summed term by term.
    func cost(_ device: UInt32) -> Double {
        let all: UInt32 = (1 << UInt32(problem.layerCount)) - 1
        let edge = ~device & all
        var total = 0.0
        for v in 0..<problem.layerCount {
            let bit: UInt32 = 1 << UInt32(v)
            if device & bit != 0 {
                total += problem.deviceCost[v]
                if consumerMask[v] & edge != 0 { total += problem.transferCost[v] }
            } else {
                total += problem.edgeCost[v]
            }
        }
        if inputMask & edge != 0 { total += problem.inputTransferCost }
        return total
    }

    /// The least cost over all valid device sets.
    func optimum() -> (cost: Double, device: UInt32) {
        var best = (cost: Double.infinity, device: UInt32(0))
        for device in UInt32(0)..<(1 << UInt32(problem.layerCount)) where isValid(device) {
            let c = cost(device)
            if c < best.cost { best = (c, device) }
        }
        return best
    }

    static func mask(_ onDevice: [Bool]) -> UInt32 {
        onDevice.indices.reduce(0) { onDevice[$1] ? $0 | 1 << UInt32($1) : $0 }
    }
}

/// Checks shared by the random tests: `solution` is valid for `problem` and its cost is the
/// brute-force optimum within rounding and the quantisation bound. Returns a description of
/// the first failure, or nil.
func bruteForceMismatch(_ problem: CutProblem, _ solution: CutSolution) -> String? {
    let brute = BruteForce(problem)
    let best = brute.optimum()
    let n = problem.layerCount
    guard solution.onDevice.count == n else { return "wrong length \(solution.onDevice.count)" }
    let device = BruteForce.mask(solution.onDevice)
    guard brute.isValid(device) else { return "partition not closed or ignores forcedDevice: \(solution.onDevice)" }
    guard problem.cost(onDevice: solution.onDevice) == solution.cost else {
        return "reported cost \(solution.cost) is not cost(onDevice:) \(String(describing: problem.cost(onDevice: solution.onDevice)))"
    }
    let independent = brute.cost(device)
    guard abs(independent - solution.cost) <= 1e-12 * max(independent, 1e-300) else {
        return "reported cost \(solution.cost) but the brute-force sum is \(independent)"
    }
    let tolerance = Double(max(n, 1)) * 1e-9 * best.cost
        + MinCutPartitioner.quantisationBound(for: problem)
    guard solution.cost <= best.cost + tolerance, solution.cost >= best.cost - tolerance else {
        return "cost \(solution.cost) (device \(device)) but optimum \(best.cost) (device \(best.device)), tolerance \(tolerance)"
    }
    return nil
}
