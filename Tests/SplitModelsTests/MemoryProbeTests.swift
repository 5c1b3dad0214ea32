import SplitModels
import Testing

/// The allocator is asked, not physical memory: a block beyond any address space is refused.
@Suite struct MemoryProbeTests {
    @Test func aSmallBlockCanBeAllocated() {
        #expect(MemoryProbe.canAllocate(bytes: 0))
        #expect(MemoryProbe.canAllocate(bytes: 1 << 20))
    }

    @Test(arguments: [-1, 1 << 50, 1 << 62, Int.max])
    func aBlockNoProcessCanHaveIsRefused(bytes: Int) {
        #expect(!MemoryProbe.canAllocate(bytes: bytes))
    }
}
