import SplitPlanners

/// Small problems whose every partition is worked out by hand in the tests.
extension CutProblem {
    /// input → 0 → 1 → 2, with costs chosen so each prefix costs something different.
    static let chainOfThree = CutProblem(
        layerCount: 3, inputConsumers: [0], consumers: [[1], [2], []],
        deviceCost: [2, 3, 10], edgeCost: [1, 1, 1], transferCost: [4, 1, 8],
        inputTransferCost: 20, forcedDevice: [false, false, false])

    /// input → a → {b, c} → d, with a = 0, b = 1, c = 2, d = 3. Sending a's output once (6) to
    /// both b and c beats sending the input (9); paying for it twice (12) would not.
    static let diamond = CutProblem(
        layerCount: 4, inputConsumers: [0], consumers: [[1, 2], [3], [3], []],
        deviceCost: [1, 10, 10, 10], edgeCost: [0.5, 1, 1, 1], transferCost: [6, 5, 5, 0],
        inputTransferCost: 9, forcedDevice: [false, false, false, false])
}
