import Foundation
import SplitControl
import SplitSession
import Testing
@testable import SplitDevice

/// A live device's closing summary names its policy as its recording's header does: an adaptive
/// policy on a splitscope edge is `edge-assigned (mincut when alone)` in both, not `mincut` in one.
@Suite("The policy a live device's closing table names")
struct ClosingPolicyTests {
    /// The header's policy, written by the device's ready callback.
    final class HeaderPolicy: @unchecked Sendable {
        private let lock = NSLock()
        private var stored: String?
        var value: String? {
            get { lock.withLock { stored } }
            set { lock.withLock { stored = newValue } }
        }
    }

    @Test func anAdaptivePolicyIsNamedAsTheRecordingNamesIt() async throws {
        let edge = try LoopbackEdge()
        let recorded = HeaderPolicy()
        let report = try await edge.serving(edge.service, durationS: 2, fps: 10) { base in
            var config = base
            config.policy = .mincut
            return try await LiveDevice(config).run(onReady: { header, _ in recorded.value = header.policy },
                                                    emit: { _ in }, operators: nil, stop: LiveStop())
        }
        #expect(recorded.value == "edge-assigned (mincut when alone)")
        #expect(report.summary.policy == recorded.value)
    }

    @Test func theNameIsOneFunctionOfPolicyAndCut() {
        #expect(EdgeAssignedPolicy.recordedName(of: .mincut, foreignCut: false) == "edge-assigned (mincut when alone)")
        #expect(EdgeAssignedPolicy.recordedName(of: .mincut, foreignCut: true) == "mincut")
        #expect(EdgeAssignedPolicy.recordedName(of: .staticSplit(3), foreignCut: false) == "static:3")
        #expect(EdgeAssignedPolicy.recordedName(of: .device, foreignCut: false) == "device")
    }
}
