/// The baseline: each device chooses for itself, assuming an equal share of the edge.
///
/// Every device takes 1/N of the compute and 1/N of the uplink whatever it runs (the edge does not
/// coordinate: a device that stays local leaves its share unused), and picks the option with the
/// best utility for itself at those shares.
public enum GreedyAllocator {
    /// Each device's own best option at an equal share: 1/N of each resource, or 1/`sharing` when
    /// given (1: each device as if it had the whole edge, where the fast allocator also starts).
    public static func choices(_ problem: AllocationProblem, sharing: Int? = nil) -> [Int] {
        let n = Double(sharing ?? problem.devices.count)
        return problem.candidates.indices.map { d in
            problem.candidates[d].max { lhs, rhs in
                equalShareValue(problem, d, lhs, n) < equalShareValue(problem, d, rhs, n)
            } ?? 0
        }
    }

    /// The baseline's allocation: each device's own choice, every device with 1/N of each resource.
    public static func solve(_ problem: AllocationProblem) -> Allocation {
        let share = 1 / Double(problem.devices.count)
        let shares = Array(repeating: share, count: problem.devices.count)
        return problem.allocation(choosing: choices(problem), computeShares: shares, bandwidthShares: shares)
    }

    /// A device's utility for an option at a 1/n share: base − n·(α² + γ²).
    static func equalShareValue(_ problem: AllocationProblem, _ d: Int, _ o: Int, _ n: Double) -> Double {
        guard let t = problem.terms[d][o] else { return -.infinity }
        return t.base - n * (t.alpha * t.alpha + t.gamma * t.gamma)
    }
}
