import Foundation
import GRPCCore
import GRPCNIOTransportHTTP2Posix
import SplitControl
import SplitEdge
import SplitEngine
import SplitModels
import SplitSession
import Testing
@testable import SplitDevice

/// An operator's batch change on a live pair on loopback: the real edge in-process, the live
/// device splitting frames with it; after the command, frames carry N samples to the edge and
/// back, as the recording says.
@Suite("Live batch change", .serialized)
struct LiveBatchTests {
    final class Recorded: @unchecked Sendable {
        private let lock = NSLock()
        private var stored: [TimedEvent] = []
        private var sent = false
        let operators = OperatorQueue()
        let stop = LiveStop()
        func append(_ event: TimedEvent) {
            lock.withLock {
                stored.append(event)
                guard case .frame(let frame) = event.event, frame.edgeMs != nil else { return }
                // After the first frame the edge answered, the operator asks for batches of 4; once
                // the edge has answered two frames of 4, the session has shown what it must (a
                // loaded machine may take many seconds to get there, so the end is this, not a clock).
                if !sent {
                    sent = true
                    operators.push(.command(.setBatch(4)))
                } else if frame.batch == 4, frame.outcome == .ok {
                    answeredBatches += 1
                    if answeredBatches == 2 { stop.stop() }
                }
            }
        }
        private var answeredBatches = 0
        var events: [TimedEvent] { lock.withLock { stored } }
    }

    @Test func aBatchCommandMakesLaterFramesCarryNSamplesToTheEdgeAndBack() async throws {
        let edge = try LoopbackEdge()
        let recorded = Recorded()
        try await edge.serving(edge.service, durationS: 120, fps: 10) { config in
            _ = try await LiveDevice(config).run(onReady: { _, _ in }, emit: { recorded.append($0) }, operators: recorded.operators,
                                                 stop: recorded.stop)
        }
        // What the recording holds: every event through its line and back.
        let read = try recorded.events.map { event -> TimedEvent in
            guard case .event(let timed) = try SessionEventCodec.decode(line: SessionEventCodec.line(for: event).dropLast()) else {
                throw LiveDeviceError("not an event")
            }
            return timed
        }
        let change = try #require(read.first { if case .operatorAction = $0.event { true } else { false } }, "the operator event")
        guard case .operatorAction(let action) = change.event else { return }
        #expect(action == OperatorEvent(action: .setBatch, field: "batch", oldValue: 1, newValue: 4))
        let frames = read.compactMap { timed -> (t: Double, frame: FrameEvent)? in
            if case .frame(let frame) = timed.event { return (timed.t, frame) }
            return nil
        }
        let before = frames.filter { $0.t < change.t }.map(\.frame)
        let after = frames.filter { $0.t >= change.t }.map(\.frame)
        #expect(before.allSatisfy { $0.batch == nil })
        #expect(!after.isEmpty && after.allSatisfy { $0.batch == 4 })
        let one = try #require(before.first { $0.edgeMs != nil }?.bytesSent)
        let answered = after.filter { $0.edgeMs != nil && $0.outcome == .ok }
        #expect(!answered.isEmpty, "the edge answered frames of 4 samples")
        #expect(answered.allSatisfy { $0.bytesSent == 4 * one }, "four samples' boundary tensors per frame")
        let notes = read.compactMap { if case .note(let note) = $0.event { note.text } else { nil } }
        #expect(notes.contains { $0.hasPrefix("batch 4 measured at the switch: device") }, "\(notes)")
    }
}
