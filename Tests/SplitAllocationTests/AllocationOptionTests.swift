import SplitAllocation
import SplitModels
import SplitTestSupport
import Testing

@Suite struct AllocationOptionTests {
    /// The hand chain's prefixes: input 1000 B at split 0, L1's 2000 B at 1, L2's 50 B at 2,
    /// nothing at 3; device ms add up; edge work is the edge ms at the rate given (no MACs recorded).
    @Test func prefixOptionsOfTheHandChain() {
        let options = AllocationOption.prefixOptions(version: "hand", accuracyPercent: 75, profile: HandModels.chain(),
                                                     edgeGmacsPerSecond: 2)
        #expect(options.map(\.split) == [0, 1, 2, 3])
        #expect(options.map(\.transferBytes) == [1000, 2000, 50, 0])
        #expect(options.map(\.deviceMs) == [0, 10, 30, 80])
        #expect(options.map(\.edgeMacs) == [7e6, 5e6, 1e6, 0])
        #expect(options.allSatisfy { $0.accuracyPercent == 75 && $0.version == "hand" })
        #expect(options.map(\.usesEdge) == [true, true, true, false])
    }

    /// A diamond sends a's output once even though two edge layers read it.
    @Test func aTensorReadTwiceIsSentOnce() {
        let options = AllocationOption.prefixOptions(version: "d", accuracyPercent: 50, profile: HandModels.diamond(), edgeGmacsPerSecond: 1)
        #expect(options[1].transferBytes == 100)
    }
}
