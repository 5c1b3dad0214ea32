/// The exact DADS-style partitioner: a minimum s–t cut in a flow network built from a
/// ``CutProblem``.
///
/// The network is described at ``MinCutWorkspace``. Maximum flow runs on integers so no
/// floating-point comparison can pick a wrong cut: every cost is multiplied by `2^k` and
/// rounded, where `k` is the largest exponent keeping the sum of all costs below 2^60 units
/// (one unit, `2^-k`, is about 2^-60 of that sum). "Infinite" is the sum of all finite
/// capacities plus one, so every value stays far below `Int64.max`.
///
/// Quantisation bound: rounding moves each cost by at most half a unit, and a partition's cost
/// has at most `2n + 1` terms (`n` layer costs, at most `n + 1` transfers), so quantised and real
/// costs of any partition differ by at most `(2n + 1) / 2` units. The returned partition is
/// optimal for the quantised costs, hence within `(2n + 1)` units of the real optimum
/// (``quantisationBound(for:)``), before the ordinary rounding of adding Doubles.
///
/// ```swift
/// let plan = MinCutPartitioner.solve(problem)
/// let deviceLayers = plan.onDevice.indices.filter { plan.onDevice[$0] }
/// ```
public enum MinCutPartitioner {
    /// The exact minimum-cost closed partition.
    ///
    /// Among partitions tied at the optimum (after quantisation), returns the one with the
    /// fewest device layers. The cost is the real Double cost of that partition.
    ///
    /// Invalid costs are saturated (see ``MinCutWorkspace/solve(_:)``).
    ///
    /// - Precondition: `problem`'s graph is well formed (see ``CutProblem/defect``).
    public static func solve(_ problem: CutProblem) -> CutSolution {
        var workspace = MinCutWorkspace(structure: problem)
        return workspace.solve(problem)
    }

    /// The real cost of one quantisation unit for `problem`'s costs.
    public static func quantisationUnit(for problem: CutProblem) -> Double {
        CostQuantisation(problem).unit
    }

    /// How far, at most, the solution's cost can exceed the true optimum because of
    /// quantisation: `(2n + 1)` units.
    public static func quantisationBound(for problem: CutProblem) -> Double {
        Double(2 * problem.layerCount + 1) * quantisationUnit(for: problem)
    }
}
