import SplitControl
import SplitPlanners
import Testing

/// A header's policy name read once: the device's own policy and whether it followed its edge,
/// for every name a recording holds, and the name after the operator sets another policy.
@Suite struct RecordedPolicyTests {
    @Test("an edge-assigned name gives the own policy inside it, for every adaptive policy")
    func edgeAssignedNames() {
        for kind in [PolicyKind.neurosurgeon, .dsc, .gads, .mincut] {
            let recorded = RecordedPolicy(name: EdgeAssignedPolicy.name(own: kind))
            #expect(recorded.own == kind && recorded.followsEdge, "\(recorded)")
        }
    }

    @Test("a plain policy, a fleet's allocator and an unknown own policy")
    func otherNames() {
        let plain = RecordedPolicy(name: "static:3")
        #expect(plain.own == .staticSplit(3) && !plain.followsEdge)
        let allocator = RecordedPolicy(name: "fast allocator")
        #expect(allocator.own == nil && !allocator.followsEdge && allocator.name == "fast allocator")
        let unknown = RecordedPolicy(name: "edge-assigned (future when alone)")
        #expect(unknown.own == nil && unknown.followsEdge)
    }

    @Test("the operator's policy keeps a following device following, unless the new policy is fixed")
    func setting() {
        let following = RecordedPolicy(name: EdgeAssignedPolicy.name(own: .mincut))
        #expect(following.setting("gads") == RecordedPolicy(name: "edge-assigned (gads when alone)"))
        #expect(following.setting("device") == RecordedPolicy(name: "device"))
        #expect(following.setting("oracle").own == nil)
        #expect(RecordedPolicy(name: "mincut").setting("gads") == RecordedPolicy(name: "gads"))
        #expect(RecordedPolicy(name: "fast allocator").setting("dsc").name == "dsc")
    }
}
