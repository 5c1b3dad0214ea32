import SplitEngine
import SplitJSON
import SplitModels
import SplitOIP
import Testing
@testable import SplitEdge

/// Devices that name themselves get shares in their responses over real gRPC; a plain client
/// and a device with a broken table are still served.
@Suite("Edge shares over real gRPC", .serialized)
struct EdgeSharesServerTests {
    static func model() -> EdgeModel {
        let graph = EdgeServerTests.graph
        return EdgeModel(name: "smallcnn", graph: graph, dynamicBatch: true,
                         computer: EnginePartComputer(graph: graph, weights: ModelWeights.seeded(for: graph, seed: 1),
                                                      pool: ThreadPool(threads: 1)))
    }

    @Test("a plain OIP request gets no share parameters; a device's gets its share, version, split and the allocation")
    func sharesInResponses() async throws {
        try await withEdge([Self.model()]) { client, _, _ in
            let plain = try await client.modelInfer(try EdgeServerTests.request())
            for key in [EdgeParameter.computeShare, EdgeParameter.allocation, EdgeParameter.allocationGeneration,
                        EdgeParameter.allocationError] {
                #expect(plain.parameters[key] == nil, "\(key)")
            }
            var request = try EdgeServerTests.request()
            for (key, value) in EdgeShareBookTests.report("cam-1").parameters(withOptions: true) { request.parameters[key] = value }
            let answered = try await client.modelInfer(request)
            let share = try #require(answered.parameters[EdgeParameter.computeShare]?.number)
            #expect(share > 0 && share <= 1)
            #expect(answered.parameters[EdgeParameter.assignedVersion]?.text.isEmpty == false)
            #expect(answered.parameters[EdgeParameter.assignedSplit]?.number != nil)
            #expect(answered.parameters[EdgeParameter.allocationGeneration]?.number == 1)
            let whole = try JSONValue.parse(try #require(answered.parameters[EdgeParameter.allocation]?.text))
            #expect(whole.objectValue?["devices"]?.arrayValue?.count == 1)
            // The device recorded generation 1: the whole allocation is not sent again.
            var next = try EdgeServerTests.request()
            var known = EdgeShareBookTests.report("cam-1")
            known.knownAllocation = 1
            for (key, value) in known.parameters(withOptions: false) { next.parameters[key] = value }
            let again = try await client.modelInfer(next)
            #expect(again.parameters[EdgeParameter.allocation] == nil)
            #expect(again.parameters[EdgeParameter.computeShare]?.number == share)
        }
    }

    @Test("a malformed table or field: the request is still served, with allocation_error naming what is wrong")
    func malformed() async throws {
        try await withEdge([Self.model()]) { client, _, _ in
            var request = try EdgeServerTests.request()
            request.parameters[EdgeParameter.deviceID] = .string("cam-9")
            request.parameters[EdgeParameter.options] = .string(#"[{"version":"v"}]"#)
            let answered = try await client.modelInfer(request)
            #expect(answered.outputs.count == 1)
            #expect(answered.parameters[EdgeParameter.allocationError]?.text.hasPrefix("options[0].split: missing") == true)
            var bad = try EdgeServerTests.request()
            bad.parameters[EdgeParameter.deviceID] = .string("cam-9")
            bad.parameters[EdgeParameter.taskWeight] = .double(7)
            let refused = try await client.modelInfer(bad)
            #expect(refused.outputs.count == 1)
            #expect(refused.parameters[EdgeParameter.allocationError]?.text.hasPrefix("task_weight") == true)
        }
    }
}
