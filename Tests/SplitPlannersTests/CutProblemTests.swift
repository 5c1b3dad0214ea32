import Testing
import SplitPlanners

@Test func chainCostsByHand() {
    #expect(CutProblem.chainOfThree.cost(onDevice: [false, false, false]) == 23)  // 3 on edge + input 20
    #expect(CutProblem.chainOfThree.cost(onDevice: [true, false, false]) == 8)    // 2 + 1 + 1 + 4
    #expect(CutProblem.chainOfThree.cost(onDevice: [true, true, false]) == 7)     // 2 + 3 + 1 + 1
    #expect(CutProblem.chainOfThree.cost(onDevice: [true, true, true]) == 15)     // no transfer at all
}

@Test func diamondPaysForASharedTensorOnce() {
    #expect(CutProblem.diamond.cost(onDevice: [true, false, false, false]) == 10)   // 1 + 3 + 6
    #expect(CutProblem.diamond.cost(onDevice: [false, false, false, false]) == 12.5) // 3.5 + 9
    #expect(CutProblem.diamond.cost(onDevice: [true, true, false, false]) == 24)    // 11 + 2 + 6 + 5
    #expect(CutProblem.diamond.cost(onDevice: [true, true, true, false]) == 32)     // 21 + 1 + 5 + 5
}

@Test func costRejectsPartitionsThatSendDataBack() {
    #expect(CutProblem.chainOfThree.cost(onDevice: [false, true, true]) == nil)
    #expect(CutProblem.chainOfThree.cost(onDevice: [true, false, true]) == nil)
    #expect(CutProblem.diamond.cost(onDevice: [false, true, false, false]) == nil)
    #expect(CutProblem.diamond.cost(onDevice: [true, true, false, true]) == nil)
}

@Test func costRejectsUnforcedAndMisSizedPartitions() {
    var forced = CutProblem.chainOfThree
    forced.forcedDevice = [false, true, false]
    #expect(forced.cost(onDevice: [true, false, false]) == nil)
    #expect(forced.cost(onDevice: [true, true, false]) == 7)
    #expect(CutProblem.chainOfThree.cost(onDevice: [true, true]) == nil)
    #expect(CutProblem.chainOfThree.cost(onDevice: [true, true, false, false]) == nil)
}

@Test func defectsNameWhatIsWrong() {
    #expect(CutProblem.chainOfThree.defect == nil)
    var backwards = CutProblem.chainOfThree
    backwards.consumers = [[1], [0], []]
    #expect(backwards.defect == .consumerNotLater(producer: 1, consumer: 0))
    #expect(backwards.cost(onDevice: [true, true, true]) == nil)

    var selfLoop = CutProblem.chainOfThree
    selfLoop.consumers = [[1], [2], [2]]
    #expect(selfLoop.defect == .consumerNotLater(producer: 2, consumer: 2))

    var short = CutProblem.chainOfThree
    short.edgeCost = [1, 1]
    #expect(short.defect == .lengthMismatch(array: "edgeCost", count: 2))

    var badInput = CutProblem.chainOfThree
    badInput.inputConsumers = [3]
    #expect(badInput.defect == .inputConsumerOutOfRange(3))

    var negative = CutProblem.chainOfThree
    negative.transferCost[2] = -1
    #expect(negative.defect == .invalidCost(array: "transferCost", layer: 2, value: -1))
    #expect(negative.cost(onDevice: [true, true, true]) == nil)

    var infinite = CutProblem.chainOfThree
    infinite.inputTransferCost = .infinity
    #expect(infinite.defect == .invalidCost(array: "inputTransferCost", layer: nil, value: .infinity))

    var notANumber = CutProblem.chainOfThree
    notANumber.deviceCost[0] = .nan
    #expect(notANumber.defect != nil)
}
