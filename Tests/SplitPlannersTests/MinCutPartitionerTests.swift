import Testing
import SplitPlanners

@Test func chainSplitsAfterTheCheapTransfer() {
    let plan = MinCutPartitioner.solve(.chainOfThree)
    #expect(plan.onDevice == [true, true, false])
    #expect(plan.cost == 7)
}

@Test func diamondSendsTheSharedTensorOnce() {
    let plan = MinCutPartitioner.solve(.diamond)
    #expect(plan.onDevice == [true, false, false, false])
    #expect(plan.cost == 10)
}

@Test func everythingOnTheDeviceWhenSendingIsDear() {
    let problem = CutProblem(
        layerCount: 3, inputConsumers: [0, 2], consumers: [[1], [2], []],
        deviceCost: [1, 1, 1], edgeCost: [0.5, 0.5, 0.5], transferCost: [50, 50, 50],
        inputTransferCost: 100, forcedDevice: [false, false, false])
    let plan = MinCutPartitioner.solve(problem)
    #expect(plan.onDevice == [true, true, true])
    #expect(plan.cost == 3)
}

@Test func everythingOnTheEdgeWhenTheDeviceIsSlow() {
    let problem = CutProblem(
        layerCount: 4, inputConsumers: [0, 1], consumers: [[2, 3], [3], [3], []],
        deviceCost: [40, 40, 40, 40], edgeCost: [1, 2, 3, 4], transferCost: [1, 1, 1, 1],
        inputTransferCost: 2, forcedDevice: [false, false, false, false])
    let plan = MinCutPartitioner.solve(problem)
    #expect(plan.onDevice == [false, false, false, false])
    #expect(plan.cost == 12)  // 10 on the edge + the input once, though two layers read it
}

@Test func forcedLayerPullsItsAncestorsOntoTheDevice() {
    // Without forcing, all-edge costs 3 + 1 = 4; forcing layer 1 makes {0, 1} the best left.
    let problem = CutProblem(
        layerCount: 4, inputConsumers: [0], consumers: [[1, 3], [2], [3], []],
        deviceCost: [5, 5, 5, 5], edgeCost: [1, 1, 1, 1], transferCost: [2, 3, 0, 0],
        inputTransferCost: 1, forcedDevice: [false, true, false, false])
    let plan = MinCutPartitioner.solve(problem)
    #expect(plan.onDevice == [true, true, false, false])
    #expect(plan.cost == 17)  // 10 + 2 + a's transfer 2 + b's transfer 3
    var free = problem
    free.forcedDevice = [false, false, false, false]
    #expect(MinCutPartitioner.solve(free).onDevice == [false, false, false, false])
}

@Test func tiesGoToTheSmallestDeviceSet() {
    let zero = CutProblem(
        layerCount: 5, inputConsumers: [0], consumers: [[1, 2], [3], [3], [4], []],
        deviceCost: [0, 0, 0, 0, 0], edgeCost: [0, 0, 0, 0, 0], transferCost: [0, 0, 0, 0, 0],
        inputTransferCost: 0, forcedDevice: [false, false, false, false, false])
    #expect(MinCutPartitioner.solve(zero) == CutSolution(onDevice: [false, false, false, false, false], cost: 0))
    var forced = zero
    forced.forcedDevice[2] = true
    #expect(MinCutPartitioner.solve(forced).onDevice == [true, false, true, false, false])
}

@Test func emptyModelCostsNothing() {
    let empty = CutProblem(
        layerCount: 0, inputConsumers: [], consumers: [], deviceCost: [], edgeCost: [],
        transferCost: [], inputTransferCost: 7, forcedDevice: [])
    #expect(MinCutPartitioner.solve(empty) == CutSolution(onDevice: [], cost: 0))
}

@Test func duplicateConsumersCountOnce() {
    let problem = CutProblem(
        layerCount: 3, inputConsumers: [0, 0], consumers: [[1, 1, 2], [2, 2], []],
        deviceCost: [1, 8, 8], edgeCost: [2, 1, 1], transferCost: [3, 9, 9],
        inputTransferCost: 4, forcedDevice: [false, false, false])
    // All edge: 4 + 4 = 8; {0}: 1 + 2 + 3 = 6 (transfer once though two edges lead to 1).
    let plan = MinCutPartitioner.solve(problem)
    #expect(plan.onDevice == [true, false, false])
    #expect(plan.cost == 6)
}

@Test func quantisationUnitScalesWithTheCosts() {
    let unit = MinCutPartitioner.quantisationUnit(for: .chainOfThree)
    // The costs sum to 63, so the unit is 2^-54: 63 · 2^54 < 2^60.
    #expect(unit == Double(sign: .plus, exponent: -54, significand: 1))
    #expect(MinCutPartitioner.quantisationBound(for: .chainOfThree) == 7 * unit)
    var huge = CutProblem.chainOfThree
    huge.deviceCost = [.greatestFiniteMagnitude, .greatestFiniteMagnitude, 1]
    #expect(MinCutPartitioner.solve(huge).onDevice == [false, false, false])
}
