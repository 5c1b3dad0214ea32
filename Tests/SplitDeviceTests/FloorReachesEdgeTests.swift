import Foundation
import SplitControl
import SplitEdge
import SplitEngine
import SplitSession
import Testing
@testable import SplitDevice

/// An accuracy floor set through the operator queue on one of two devices sharing a real edge
/// over loopback gRPC: the device sends the edge a new options table holding only the versions
/// that meet the floor, and the edge's next allocation assigns it one of them.
@Suite("An accuracy floor reaches the shared edge", .serialized)
struct FloorReachesEdgeTests {
    @Test func aFloorOnOneDeviceNarrowsWhatTheEdgeAssignsIt() async throws {
        let versions = [try SharedEdgeTests.full(), try SharedEdgeTests.p50()]
        let edge = try await SharedEdgeTests.startEdge(serving: versions)
        defer { edge.serving.cancel() }
        let port = edge.port

        // cam-2 cares little for accuracy, so without a floor the edge gives it the cheaper p50.
        let devices = [("cam-1", 0.95), ("cam-2", 0.05)]
        let recordings = devices.map { _ in SharedEdgeTests.Recording() }
        let operators = OperatorQueue()
        var runs: [Task<LiveReport, any Error>] = []
        for ((id, weight), recording) in zip(devices, recordings) {
            let device = SharedEdgeTests.sharingDevice(id, weight: weight, versions: versions, port: port)
            let queue = id == "cam-2" ? operators : nil
            runs.append(Task { try await device.run(onReady: { _, _ in }, emit: { recording.append($0) }, operators: queue,
                                                   stop: recording.stop) })
        }
        defer { for recording in recordings { recording.stop.stop() } }
        let cam2 = recordings[1]
        func versionOfCam2(_ shares: SharesEvent) -> String? { shares.share(of: "cam-2")?.version }

        let onP50 = try await SharedEdgeTests.eventually(150) {
            cam2.shares.last.map { $0.devices.count == 2 && versionOfCam2($0) == "p50" } ?? false
        }
        try #require(onP50, "before the floor the edge assigned cam-2 p50: \(cam2.shares.map { versionOfCam2($0) ?? "-" })")

        let sharesBefore = cam2.shares.count
        operators.push(.command(.setConstraint(.accuracyFloor, 90)))
        // An allocation already on its way when the floor is set may still say p50; the edge's next one says full.
        let reallocated = try await SharedEdgeTests.eventually(60) {
            cam2.shares.dropFirst(sharesBefore).contains { $0.devices.count == 2 && versionOfCam2($0) == "full" }
        }
        let after = cam2.shares.dropFirst(sharesBefore).map { versionOfCam2($0) ?? "-" }
        #expect(reallocated, "after a 90 % floor the edge assigned cam-2 full: \(after)")
        #expect(after.last == "full", "and kept it: \(after)")
        for recording in recordings { recording.stop.stop() }
        for run in runs { _ = try await run.value }
    }
}
