import SplitDashboard
import SplitModels
import SplitSession
import SplitTerminal
import Testing

/// The replay's what-if decides version × split as the recording did: over the header's model
/// versions under the accuracy floor, and for a fleet's device by its edge's assignment while the
/// floor allows it, keeping the recorded policy.
@Suite("What-if over model versions")
struct WhatIfVersionsTests {
    static func type(_ state: inout DashboardState, _ text: String) {
        for c in text { _ = state.reduce(.key(.character(c))) }
        _ = state.reduce(.key(.enter))
    }

    /// A session of the hand chain's two versions whose frames ran the pruned one (80.74 %).
    static func prunedRunning() -> DashboardState {
        var state = VersionViewTests.state()
        let frames = (1...5).map { VersionViewTests.versioned(Double($0), split: 1, version: "p50") }
        _ = state.reduce(.loaded(frames, upTo: 5, reset: false))
        return state
    }

    @Test("a floor the running version misses moves the what-if to a version that meets it, shown in the header")
    func floorMovesTheVersion() {
        var state = Self.prunedRunning()
        #expect(state.context.version?.name == "p50")
        Self.type(&state, "a85")
        #expect(state.whatIf?.versionName == "full")
        #expect(state.whatIf?.controller.constraints.accuracyFloorPercent == 85)
        #expect(state.context.version?.name == "full")
        #expect(state.context.modelTitle == "hand (full) 90.2 %")
        #expect(state.log.contains { $0.text.hasPrefix("what-if version p50 → full  (constraint)  90.2 %") }, "\(state.log.map(\.text))")
        // The next recorded frame (p50 again) is re-decided under the floor too.
        _ = state.reduce(.loaded([VersionViewTests.versioned(6, split: 1, version: "p50")], upTo: 6, reset: false))
        #expect(state.whatIf?.versionName == "full")
        #expect(state.recordedVersion == "p50")
        // Back to the recording: its version is drawn again.
        _ = state.reduce(.key(.character("r")))
        #expect(state.context.version?.name == "p50")
    }

    @Test("a floor no version meets says so and runs the most accurate")
    func floorNobodyMeets() {
        var state = Self.prunedRunning()
        Self.type(&state, "a95")
        #expect(state.whatIf?.versionName == "full")
        #expect(state.whatIf?.choiceReason == .noVersionMeetsFloor)
        #expect(state.log.contains {
            $0.text == "what-if: no version meets the accuracy floor: falling back to the most accurate (floor 95 %; full is 90.21 %)"
        },
                "\(state.log.map(\.text))")
        #expect(state.status?.contains("no version meets the accuracy floor") == true)
    }

    @Test("in a fleet's replay the floor moves a device off a version below it, and its policy stays the allocator's")
    func fleetDeviceUnderAFloor() throws {
        var state = try FleetViewTests.state()
        FleetViewTests.press(&state, "d")
        #expect(state.shownDeviceID == "cam-2")
        #expect(state.recordedVersion == "fashion-device")
        #expect(state.policyNameInForce == "fast allocator")
        Self.type(&state, "a90")
        #expect(state.whatIf?.versionName == "fashion-edge")
        #expect(state.policyNameInForce == "fast allocator")
        #expect(state.policyInForce == .mincut)
        let index = try SessionIndex.open(path: packageRoot.appendingPathComponent(FleetViewTests.recording).path)
        for action in ReplayFeed(index: index).perform(.load(from: 20, to: 30)) { _ = state.reduce(action) }
        #expect(state.clock == 30)
        #expect(state.whatIf?.versionName == "fashion-edge")
        #expect(state.policyNameInForce == "fast allocator")
    }

    @Test("in a fleet's replay an override the assignment allows keeps the device on the edge's version and split")
    func fleetDeviceFollowsItsEdge() throws {
        var state = try FleetViewTests.state()
        FleetViewTests.press(&state, "d")
        let recorded = try #require(state.recordedPartition)
        Self.type(&state, "s400")
        #expect(state.whatIf?.versionName == "fashion-device")
        #expect(state.whatIf?.followedEdge == true)
        #expect(state.whatIf?.partition?.prefixSplit == recorded.splitIndex)
        #expect(state.policyNameInForce == "fast allocator")
    }
}
