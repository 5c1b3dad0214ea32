import SplitControl
import SplitModels
import SplitPlanners
import SplitSession
import Testing
@testable import SplitDevice

/// A live device's recording says that the edge chooses for it while the edge is shared: the
/// header's policy is `edge-assigned (… when alone)` for an adaptive policy, and the policy
/// itself for a fixed one, which never follows.
@Suite("The policy a live device's header records")
struct EdgeAssignedHeaderTests {
    static func header(policy: PolicyKind) throws -> SessionHeader {
        let version = try SharedEdgeTests.full()
        var config = LiveDeviceConfiguration(edgeHost: "127.0.0.1", edgePort: 1, modelName: version.modelName,
                                             graph: version.graph, weights: version.weights)
        config.policy = policy
        let profile = ModelProfile(name: "fashion-edge", inputBytes: 3136, layers: [])
        return LiveDevice(config).header(profile: profile)
    }

    @Test func anAdaptivePolicyFollowsTheEdgeAndSaysSo() throws {
        let header = try Self.header(policy: .mincut)
        #expect(header.policy == "edge-assigned (mincut when alone)")
        #expect(header.policy.flatMap(EdgeAssignedPolicy.ownPolicy(named:)) == .mincut)
        #expect(try Self.header(policy: .gads).policy == "edge-assigned (gads when alone)")
    }

    @Test func aFixedPolicyNeverFollowsAndIsRecordedAsItIs() throws {
        #expect(try Self.header(policy: .device).policy == "device")
        #expect(try Self.header(policy: .staticSplit(3)).policy == "static:3")
    }
}
