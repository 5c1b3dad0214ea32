/// The best allocation, found by branch and bound over the devices' options.
///
/// Shares need no search (``AllocationProblem`` gives them in closed form for any choice of
/// options), so the search is over one option per device, depth first, devices in order, each
/// device's options best base first. A partial choice is cut off when even its upper bound
/// cannot beat the best complete choice so far:
///
///     bound = Σ_chosen base + Σ_rest max base − (Σ_chosen α + Σ_rest min α)² − (Σ_chosen γ + Σ_rest min γ)²
///
/// which is never below the true best completion because the share penalties only grow as devices
/// are added. The search starts from the fast allocator's answer, so it mostly proves it optimal
/// or improves it. The work is at most the product of the devices' undominated option counts;
/// `nodeBudget` bounds it and turns a search too large into an error instead of a hang.
public struct ExactAllocator: Sendable {
    /// The most partial choices the search may visit before giving up.
    public var nodeBudget: Int

    public init(nodeBudget: Int = 20_000_000) {
        self.nodeBudget = nodeBudget
    }

    /// The optimal allocation, or an error when the search would visit more than `nodeBudget` nodes.
    public func solve(_ problem: AllocationProblem) throws(AllocationError) -> Allocation {
        let start = FastAllocator().solve(problem)
        var best = problem.utility(of: start.choices)
        var bestChoices = start.choices
        let n = problem.devices.count
        let candidates = problem.candidates
        let terms = problem.terms
        // Bounds on what devices d..<n can still add: their best base, their least claims.
        var restBase = Array(repeating: 0.0, count: n + 1)
        var restAlpha = Array(repeating: 0.0, count: n + 1)
        var restGamma = Array(repeating: 0.0, count: n + 1)
        for d in stride(from: n - 1, through: 0, by: -1) {
            let row = candidates[d].compactMap { terms[d][$0] }
            restBase[d] = restBase[d + 1] + (row.map(\.base).max() ?? 0)
            restAlpha[d] = restAlpha[d + 1] + (row.map(\.alpha).min() ?? 0)
            restGamma[d] = restGamma[d + 1] + (row.map(\.gamma).min() ?? 0)
        }
        var choices = Array(repeating: 0, count: n)
        var nodes = 0
        var exhausted = false

        func search(_ d: Int, base: Double, alpha: Double, gamma: Double) {
            if exhausted { return }
            if d == n {
                let value = base - alpha * alpha - gamma * gamma
                if value > best {
                    best = value
                    bestChoices = choices
                }
                return
            }
            for option in candidates[d] {
                guard let t = terms[d][option] else { continue }
                nodes += 1
                if nodes > nodeBudget {
                    exhausted = true
                    return
                }
                let b = base + t.base, a = alpha + t.alpha, g = gamma + t.gamma
                let la = a + restAlpha[d + 1], lg = g + restGamma[d + 1]
                let bound = b + restBase[d + 1] - la * la - lg * lg
                guard bound > best + 1e-12 * max(1, abs(best)) else { continue }
                choices[d] = option
                search(d + 1, base: b, alpha: a, gamma: g)
            }
        }
        search(0, base: 0, alpha: 0, gamma: 0)
        if exhausted {
            throw AllocationError("the exact search for \(n) devices needs more than \(nodeBudget) steps; use the fast allocator")
        }
        return problem.allocation(choosing: bestChoices)
    }
}
