import Foundation
import GRPCCore
import GRPCNIOTransportHTTP2Posix
import SplitControl
import SplitEdge
import SplitEngine
import SplitModels
import SplitOIP
import SplitSession
import Testing
@testable import SplitDevice

/// An edge that answers frames with an error or with a tensor of the wrong shape is a lost edge,
/// never a result: the live device, started in-process, finishes those frames locally and records
/// the fault. The edge here is the real one, wrapped to misbehave on frames only (the start-up
/// timing requests and the probes are answered properly, so the device starts and keeps probing).
@Suite("Misbehaving edge", .serialized)
struct MisbehavingEdgeTests {
    enum Misbehaviour: String, CaseIterable, Sendable {
        case error
        case wrongShape
    }

    /// The real service, with frame requests failed or bent (`mode`), or answered only after
    /// `delayS` (a loaded edge, connected and silent).
    struct MisbehavingService: Inference_GRPCInferenceService.SimpleServiceProtocol {
        let real: InferenceService
        let mode: Misbehaviour?
        var delayS: Double = 0

        func serverLive(request: Inference_ServerLiveRequest, context: ServerContext) async throws -> Inference_ServerLiveResponse {
            try await real.serverLive(request: request, context: context)
        }
        func serverReady(request: Inference_ServerReadyRequest, context: ServerContext) async throws -> Inference_ServerReadyResponse {
            try await real.serverReady(request: request, context: context)
        }
        func modelReady(request: Inference_ModelReadyRequest, context: ServerContext) async throws -> Inference_ModelReadyResponse {
            try await real.modelReady(request: request, context: context)
        }
        func serverMetadata(request: Inference_ServerMetadataRequest, context: ServerContext) async throws
            -> Inference_ServerMetadataResponse {
            try await real.serverMetadata(request: request, context: context)
        }
        func modelMetadata(request: Inference_ModelMetadataRequest, context: ServerContext) async throws
            -> Inference_ModelMetadataResponse {
            try await real.modelMetadata(request: request, context: context)
        }
        func modelInfer(request: Inference_ModelInferRequest, context: ServerContext) async throws -> Inference_ModelInferResponse {
            let isFrame = (request.parameters["frame_id"]?.number ?? -1) >= 0
            if isFrame, delayS > 0 { try await Task.sleep(for: .seconds(delayS)) }
            var response = try await real.modelInfer(request: request, context: context)
            guard isFrame, let mode else { return response }
            switch mode {
            case .error:
                throw RPCError(code: .internalError, message: "the edge's engine failed")
            case .wrongShape:
                response.outputs[0].shape = [1, 5, 2]  // same bytes, another shape
                return response
            }
        }
    }

    /// Events the device emits, kept for the assertions.
    final class Recorded: @unchecked Sendable {
        private let lock = NSLock()
        private var stored: [TimedEvent] = []
        func append(_ event: TimedEvent) { lock.withLock { stored.append(event) } }
        var events: [TimedEvent] { lock.withLock { stored } }
    }

    @Test("frames finish locally and the fault is recorded", arguments: Misbehaviour.allCases)
    func misbehaving(mode: Misbehaviour) async throws {
        let edge = try LoopbackEdge()
        let graph = edge.graph
        let recorded = Recorded()
        let report = try await edge.serving(MisbehavingService(real: edge.service, mode: mode), durationS: 4, fps: 20) { config in
            try await LiveDevice(config).run(onReady: { header, _ in #expect(header.source == .live) },
                                             emit: { recorded.append($0) }, operators: nil, stop: LiveStop())
        }
        let frames = recorded.events.compactMap { if case .frame(let f) = $0.event { f } else { nil } }
        let faults = recorded.events.compactMap { if case .fault(let f) = $0.event { f } else { nil } }
        // On a loaded machine a frame may also time out before the edge answers (another edge_lost
        // fault, with another reason): the misbehaviour must be among the reasons, not necessarily first.
        let lost = faults.filter { $0.kind == .edgeLost }.compactMap(\.action)
        #expect(!lost.isEmpty, "an edge_lost fault")
        let reason = mode == .error ? "the edge's engine failed" : "wrong answer from the edge"
        #expect(lost.contains { $0.contains(reason) }, "\(lost)")
        // No frame took the edge's answer as its result; every processed frame finished here.
        #expect(frames.allSatisfy { $0.edgeMs == nil })
        #expect(frames.contains { $0.outcome == .local })
        #expect(frames.filter { $0.outcome != .dropped }.allSatisfy { $0.outcome == .local || $0.partition == .split(graph.layers.count) })
        #expect(report.summary.frames > 0)
    }

    /// An edge that takes the frames and answers none in time (its connection up, its probes
    /// answered) is recorded as `edge_timeout`, never as a lost edge: each such frame finishes on
    /// the device with its whole tensor counted as sent, and a probe's answer brings the device back.
    @Test("a slow edge is an edge_timeout, not a lost edge")
    func slowEdge() async throws {
        let edge = try LoopbackEdge()
        let recorded = Recorded()
        _ = try await edge.serving(MisbehavingService(real: edge.service, mode: nil, delayS: 4), durationS: 4, fps: 20) { config in
            try await LiveDevice(config).run(onReady: { _, _ in }, emit: { recorded.append($0) }, operators: nil, stop: LiveStop())
        }
        let faults = recorded.events.compactMap { if case .fault(let f) = $0.event { f } else { nil } }
        #expect(faults.contains { $0.kind == .edgeTimeout && $0.action?.contains("answered nothing within") == true }, "\(faults)")
        #expect(!faults.contains { $0.kind == .edgeLost }, "\(faults)")
        let frames = recorded.events.compactMap { if case .frame(let f) = $0.event { f } else { nil } }
        let local = frames.filter { $0.outcome == .local }
        #expect(!local.isEmpty)
        #expect(local.allSatisfy { ($0.bytesSent ?? 0) > 0 && $0.edgeMs == nil }, "\(local)")
        #expect(frames.allSatisfy { $0.edgeMs == nil }, "no frame took an answer")
    }
}
