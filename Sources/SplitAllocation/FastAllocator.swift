/// A good allocation quickly: local search over options with the exact shares of each choice.
///
/// Starts from two choices — each device's best option at an equal share (the greedy baseline's
/// choice) and each device's best option as if it had the whole edge — and from each moves one
/// device at a time to the option that most raises the total utility, until no single move helps.
/// Each move is priced in O(1) from the running sums of base, α and γ (``AllocationProblem``), so
/// a sweep costs O(devices × options) and 100 devices with dozens of options each take
/// milliseconds. Shares are the closed form, so the only gap to ``ExactAllocator`` is in the
/// options chosen: a local optimum that no single device's change improves.
public struct FastAllocator: Sendable {
    /// The most sweeps over all devices before stopping (each sweep must improve the utility).
    public var maxSweeps: Int

    public init(maxSweeps: Int = 1_000) {
        self.maxSweeps = maxSweeps
    }

    /// The allocation the local search ends at (never worse than the greedy baseline's choice).
    public func solve(_ problem: AllocationProblem) -> Allocation {
        let greedy = GreedyAllocator.choices(problem)
        let alone = GreedyAllocator.choices(problem, sharing: 1)
        let answers = [improve(greedy, in: problem), improve(alone, in: problem)]
        let best = answers.max { problem.utility(of: $0) < problem.utility(of: $1) } ?? greedy
        return problem.allocation(choosing: best)
    }

    /// Single-device moves from `start` until none raises the total utility.
    func improve(_ start: [Int], in problem: AllocationProblem) -> [Int] {
        var choices = start
        var base = 0.0, alpha = 0.0, gamma = 0.0
        for (d, o) in choices.enumerated() {
            guard let t = problem.terms[d][o] else { continue }
            base += t.base
            alpha += t.alpha
            gamma += t.gamma
        }
        for _ in 0..<maxSweeps {
            var improved = false
            for d in choices.indices {
                guard let current = problem.terms[d][choices[d]] else { continue }
                let value = base - alpha * alpha - gamma * gamma
                var bestGain = 1e-12 * max(1, abs(value))
                var bestOption: Int?
                for o in problem.candidates[d] where o != choices[d] {
                    guard let t = problem.terms[d][o] else { continue }
                    let a = alpha - current.alpha + t.alpha
                    let g = gamma - current.gamma + t.gamma
                    let gain = (base - current.base + t.base - a * a - g * g) - value
                    if gain > bestGain {
                        bestGain = gain
                        bestOption = o
                    }
                }
                if let o = bestOption, let t = problem.terms[d][o] {
                    base += t.base - current.base
                    alpha += t.alpha - current.alpha
                    gamma += t.gamma - current.gamma
                    choices[d] = o
                    improved = true
                }
            }
            if !improved { break }
        }
        return choices
    }
}
