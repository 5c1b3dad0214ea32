/// Which allocator decides: the exact search, the fast local search or the greedy baseline.
public enum AllocatorKind: String, CaseIterable, Hashable, Sendable {
    case exact
    case fast
    case greedy

    /// The allocation this allocator gives for a problem.
    public func solve(_ problem: AllocationProblem, exactBudget: Int = ExactAllocator().nodeBudget) throws(AllocationError) -> Allocation {
        switch self {
        case .exact: try ExactAllocator(nodeBudget: exactBudget).solve(problem)
        case .fast: FastAllocator().solve(problem)
        case .greedy: GreedyAllocator.solve(problem)
        }
    }
}
