import SplitAllocation
import SplitModels
import Testing

/// The one conversion from a task weight (0…1) to the allocator's weight, shared by the edge and
/// `simulate --devices`.
struct TaskWeightTests {
    @Test func aWeightOfOneKeepsSomeWeightOnLatency() {
        #expect(AllocationDevice.accuracyWeight(forTask: 1) == Quantity.fraction.highest)
        #expect(AllocationDevice.accuracyWeight(forTask: 0) == 0)
        #expect(AllocationDevice.accuracyWeight(forTask: 0.8) == 0.8)
        #expect(Quantity.taskWeight.accepts(1) && !Quantity.taskWeight.accepts(1.5) && !Quantity.taskWeight.accepts(.nan))
    }
}
