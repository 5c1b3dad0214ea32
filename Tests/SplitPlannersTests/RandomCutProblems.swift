import SplitRandom
import Foundation
import SplitPlanners

/// Random DAGs with random costs for brute-force and scale tests.
enum RandomCutProblems {
    /// How costs are drawn.
    enum CostStyle: CaseIterable {
        /// Log-uniform from 1e-3 to 1e4, with some zeros.
        case spread
        /// Small integers, so many partitions tie.
        case ties
        /// Like `spread`, with transfers a thousand times larger.
        case bigTransfers
        /// Values that do not add exactly in binary: 0.1, 0.2, 0.1 + 0.2, 1e-12 beside 1e6.
        case trickyFloats
    }

    /// A DAG of `layerCount` layers where each layer reads earlier ones with `density`.
    static func make(layerCount n: Int, style: CostStyle, density: Double,
                     forcedChance: Double, using rng: inout SplitMix64) -> CutProblem {
        var consumers = [[Int]](repeating: [], count: n)
        var inputConsumers: [Int] = []
        for v in 0..<n {
            var readsSomething = false
            if Double.random(in: 0..<1, using: &rng) < (v == 0 ? 0.9 : 0.25) {
                inputConsumers.append(v)
                readsSomething = true
            }
            for u in 0..<v where Double.random(in: 0..<1, using: &rng) < density {
                consumers[u].append(v)
                readsSomething = true
            }
            if !readsSomething && v > 0 && Double.random(in: 0..<1, using: &rng) < 0.8 {
                consumers[Int.random(in: 0..<v, using: &rng)].append(v)
            }
        }
        func draw() -> Double { cost(style, using: &rng) }
        var transfer = (0..<n).map { _ in draw() }
        var inputTransfer = draw()
        if style == .bigTransfers {
            transfer = transfer.map { $0 * 1e3 }
            inputTransfer *= 1e3
        }
        return CutProblem(
            layerCount: n, inputConsumers: inputConsumers, consumers: consumers,
            deviceCost: (0..<n).map { _ in draw() }, edgeCost: (0..<n).map { _ in draw() },
            transferCost: transfer, inputTransferCost: inputTransfer,
            forcedDevice: (0..<n).map { _ in Double.random(in: 0..<1, using: &rng) < forcedChance })
    }

    static func cost(_ style: CostStyle, using rng: inout SplitMix64) -> Double {
        switch style {
        case .spread, .bigTransfers:
            if Double.random(in: 0..<1, using: &rng) < 0.1 { return 0 }
            return pow(10, Double.random(in: -3...4, using: &rng))
        case .ties:
            return Double(Int.random(in: 0...3, using: &rng))
        case .trickyFloats:
            let pool: [Double] = [0.1, 0.2, 0.3, 0.1 + 0.2, 0.7, 1e-12, 3e-12, 1e6, 1e6 + 1e-6,
                                  1e6 - 0.1, 1.0 / 3.0, 2.0 / 3.0, 0]
            return pool[Int.random(in: 0..<pool.count, using: &rng)]
        }
    }

    /// A ResNet-like DAG: a chain where every third layer also reads the layer three back.
    static func residualChain(layerCount n: Int, using rng: inout SplitMix64) -> CutProblem {
        var consumers = [[Int]](repeating: [], count: n)
        for v in 1..<n {
            consumers[v - 1].append(v)
            if v % 3 == 0 && v >= 3 { consumers[v - 3].append(v) }
        }
        let device = (0..<n).map { _ in Double.random(in: 0.05...5, using: &rng) }
        return CutProblem(
            layerCount: n, inputConsumers: [0], consumers: consumers, deviceCost: device,
            edgeCost: device.map { $0 / Double.random(in: 4...20, using: &rng) },
            transferCost: (0..<n).map { _ in pow(10, Double.random(in: -1...1.5, using: &rng)) },
            inputTransferCost: 25, forcedDevice: [Bool](repeating: false, count: n))
    }
}
