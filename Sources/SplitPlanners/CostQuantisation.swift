/// How a problem's Double costs become Int64 flow capacities: scaled by a power of two and
/// rounded to the nearest integer.
///
/// The scale `2^exponent` is the largest that keeps the sum of all the problem's costs below
/// 2^60 units, so the sum of every finite capacity, plus one for "infinite", stays far below
/// `Int64.max` and no flow arithmetic can overflow. A power of two makes the scaling itself
/// exact; only the rounding errs, by at most half a unit per cost.
struct CostQuantisation {
    /// Costs are multiplied by `2^exponent`.
    let exponent: Int

    /// The scale for this problem's costs (which must be finite and non-negative).
    init(_ problem: CutProblem) {
        var sum = problem.inputTransferCost
        for costs in [problem.deviceCost, problem.edgeCost, problem.transferCost] {
            for cost in costs { sum += cost }
        }
        var offset = 0
        if !sum.isFinite {
            // Finite costs can still overflow when added; sum them scaled down instead.
            offset = 64
            let scaleDown = Double(sign: .plus, exponent: -offset, significand: 1)
            sum = problem.inputTransferCost * scaleDown
            for costs in [problem.deviceCost, problem.edgeCost, problem.transferCost] {
                for cost in costs { sum += cost * scaleDown }
            }
        }
        // 2^e ≤ sum < 2^(e+1), so sum · 2^(59 − e) < 2^60.
        exponent = sum > 0 ? 59 - (Int(sum.exponent) + offset) : 0
    }

    /// The real cost of one unit, `2^-exponent` (0 when smaller than the least Double, in which
    /// case every Double cost is a whole number of units and rounding is exact).
    var unit: Double {
        Double(sign: .plus, exponent: -exponent, significand: 1)
    }

    /// A cost in whole units, rounded to nearest.
    func units(_ cost: Double) -> Int64 {
        Int64(Double(sign: .plus, exponent: exponent, significand: cost).rounded())
    }
}
