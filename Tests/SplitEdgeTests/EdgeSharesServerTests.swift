import Dispatch
import Foundation
import GRPCCore
import SplitAllocation
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
        // The edge is told its rate: a measured one moves with a loaded machine's speed, and a new rate is a new
        // allocation (generation 2), which is rightly sent whole even to a device that knows generation 1.
        try await withEdge([Self.model()], shares: .init(expiryS: 60, gmacsPerSecond: 1)) { client, _, _ in
            let plain = try await client.modelInfer(try EdgeServerTests.request())
            for key in [EdgeParameter.computeShare, EdgeParameter.allocation, EdgeParameter.allocationGeneration,
                        EdgeParameter.allocationError] {
                #expect(plain.parameters[key] == nil, "\(key)")
            }
            // A device whose only option uses the edge: its share is not 0 however slow a loaded machine makes the edge look.
            var request = try EdgeServerTests.request()
            for (key, value) in Self.offloading("cam-1", weight: 0.5) { request.parameters[key] = value }
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
            for (key, value) in Self.offloading("cam-1", weight: 0.5, known: 1) { next.parameters[key] = value }
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

    /// The report of a device whose only option sends the input to the edge (so the allocator's
    /// choice is fixed and only the shares move with the task weight).
    static func offloading(_ id: String, weight: Double, known: Int? = nil) -> [String: Inference_InferParameter] {
        let macs = Double(EdgeServerTests.graph.layers.reduce(0) { $0 + $1.macs })
        var report = DeviceReport(deviceID: id, taskWeight: weight, sloMs: 100, rttMs: 0, bandwidthMbps: 100, optionsGeneration: 1,
                                  options: DeviceOptionsTable(options: [
                                      AllocationOption(version: "smallcnn", accuracyPercent: 80, split: 0, deviceMs: 0,
                                                       transferBytes: 12_288, edgeMacs: macs)]))
        report.knownAllocation = known
        return report.parameters(withOptions: true)
    }

    @Test("a saturated edge serves three devices in proportion to the compute shares it gave them")
    func proportionalService() async throws {
        let computer = GatedComputer(graph: EdgeServerTests.graph)
        let model = EdgeModel(name: "smallcnn", graph: EdgeServerTests.graph, dynamicBatch: true, computer: computer)
        let devices = [("cam-1", 0.9), ("cam-2", 0.5), ("cam-3", 0.05)]
        // A gated computer's measured speed means nothing, so the edge is told its rate: the allocation can change only
        // when a device comes, goes or changes, and none goes for a minute however slowly a loaded machine runs this.
        let stated = 20.0
        try await withEdge([model], queueCapacity: 200, shares: .init(expiryS: 60, gmacsPerSecond: stated)) { client, server, _ in
            // Each device fills its input with its own value, so the gated computer sees whose request it runs.
            func send(_ index: Int) async throws -> Inference_ModelInferResponse {
                var request = try EdgeServerTests.request(fill: Float(index + 1) / 10)
                for (key, value) in Self.offloading(devices[index].0, weight: devices[index].1) { request.parameters[key] = value }
                return try await client.modelInfer(request)
            }
            func device(ran value: Float) -> String {
                devices.indices.first { abs(Float($0 + 1) / 10 - value) < 0.01 }.map { devices[$0].0 } ?? "plain"
            }
            // Every device registers; a second round after the allocation interval brings all three into one allocation.
            computer.open(6)
            for index in devices.indices { _ = try await send(index) }
            try await Task.sleep(for: .milliseconds(1_200))
            var shares: [String: Double] = [:]
            var generations: Set<Double> = []
            for index in devices.indices {
                let response = try await send(index)
                let id = devices[index].0
                shares[id] = try #require(response.parameters[EdgeParameter.computeShare]?.number, "\(id)'s share")
                generations.insert(try #require(response.parameters[EdgeParameter.allocationGeneration]?.number))
            }
            #expect(generations.count == 1, "the second round saw one allocation: \(generations)")
            #expect(await server.service.shares.allocation?.gmacsPerSecond == stated)
            #expect(shares.values.allSatisfy { $0 > 0.05 }, "\(shares)")
            #expect(shares.values.reduce(0, +) <= 1 + 1e-6)
            #expect(try #require(shares["cam-3"]) > (shares["cam-1"] ?? 1), "a latency-sensitive task gets more compute: \(shares)")

            // Saturate: hold the worker with one plain request, queue 20 requests of each device, then let them all through.
            let blocker = Task { try await client.modelInfer(try EdgeServerTests.request()) }
            // Generous limits: a loaded machine is slow to get 60 requests across, and the wait ends as soon as they are.
            #expect(try await EdgeServerTests.eventually(120) { await server.service.scheduler.load().running == 1 })
            let startedBefore = computer.started.count
            var tasks: [(id: String, task: Task<Inference_ModelInferResponse, any Error>)] = []
            for _ in 0..<20 {
                for index in devices.indices { tasks.append((devices[index].0, Task { try await send(index) })) }
            }
            #expect(try await EdgeServerTests.eventually(120) { await server.service.scheduler.load().queueLength == 60 })
            computer.open(61)
            _ = try await blocker.value
            // Every request was queued at the share its response carries: the one the test reads below.
            for (id, task) in tasks {
                let response = try await task.value
                #expect(response.parameters[EdgeParameter.computeShare]?.number == shares[id], "\(id)")
                #expect(response.parameters[EdgeParameter.allocationGeneration]?.number == generations.first, "\(id)")
            }
            // The order the edge ran them in (not the order their responses reached the client).
            let ran = computer.started.dropFirst(startedBefore).map(device(ran:))
            #expect(ran.count == 60)
            // The first 30 run, while every device still had requests waiting.
            let first = ran.prefix(30)
            let total = shares.values.reduce(0, +)
            let counts = devices.map { device in first.filter { $0 == device.0 }.count }
            // First-come-first-served would give 10 each: the order of the counts is the order of the shares.
            #expect(counts[0] < counts[1] && counts[1] < counts[2], "ran \(counts) of the first 30; shares \(shares)")
            for (id, _) in devices {
                let served = Double(first.filter { $0 == id }.count)
                let expected = 30 * (shares[id] ?? 0) / total
                #expect(expected < 20, "\(id) has 20 requests queued: the first 30 are all shared")
                #expect(abs(served - expected) <= 3, "\(id): ran \(served) of the first 30, its share says \(expected); shares \(shares)")
            }
        }
    }
}
