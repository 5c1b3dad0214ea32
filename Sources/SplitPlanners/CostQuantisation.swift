/// How a problem's Double costs become Int64 flow capacities: saturated into `0…greatestFiniteMagnitude`,
/// scaled by a power of two and rounded to the nearest integer.
///
/// The scale `2^exponent` is the largest that keeps the sum of all the problem's costs below
/// 2^60 units, so the sum of every finite capacity, plus one for "infinite", stays far below
/// `Int64.max` and no flow arithmetic can overflow. A power of two makes the scaling itself
/// exact; only the rounding errs, by at most half a unit per cost.
struct CostQuantisation {
    /// Costs are multiplied by `2^exponent`.
    let exponent: Int

    /// The scale for this problem's costs, after ``saturated(_:)``.
    init(_ problem: CutProblem) {
        var sum = Self.saturated(problem.inputTransferCost)
        for costs in [problem.deviceCost, problem.edgeCost, problem.transferCost] {
            for cost in costs { sum += Self.saturated(cost) }
        }
        var offset = 0
        if !sum.isFinite {
            // Finite costs can still overflow when added; sum them scaled down instead.
            offset = 64
            let scaleDown = Double(sign: .plus, exponent: -offset, significand: 1)
            sum = Self.saturated(problem.inputTransferCost) * scaleDown
            for costs in [problem.deviceCost, problem.edgeCost, problem.transferCost] {
                for cost in costs { sum += Self.saturated(cost) * scaleDown }
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

    /// A cost in whole units, rounded to nearest, after ``saturated(_:)``; never more than 2^60.
    func units(_ cost: Double) -> Int64 {
        let scaled = Double(sign: .plus, exponent: exponent, significand: Self.saturated(cost)).rounded()
        return scaled < Self.maximumUnits ? Int64(scaled) : Int64(Self.maximumUnits)
    }

    /// The most units one cost can take (the whole problem's costs sum to less, by the choice of scale).
    private static let maximumUnits = 0x1p60

    /// A cost the network can carry: negative (and -∞) costs become 0, +∞ and NaN the largest
    /// finite Double, so any Doubles give a solvable network instead of a trap.
    static func saturated(_ cost: Double) -> Double {
        if cost.isNaN { return .greatestFiniteMagnitude }
        return min(max(cost, 0), .greatestFiniteMagnitude)
    }
}
