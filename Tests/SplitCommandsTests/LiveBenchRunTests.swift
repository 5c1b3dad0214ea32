import Foundation
import SplitCost
import SplitEdge
import SplitModels
import Testing
@testable import SplitCommands

/// Small real runs of `bench live`'s measurements on loopback: tiny tensors, a fraction of a
/// second, a few pins. They check that each row is measured (bytes moved, requests counted, pins
/// seen used) and that the counts add up, never how fast anything was.
@Suite("bench live: small real runs", .serialized)
struct LiveBenchRunTests {
    static let smallcnn = try! ModelZoo.model(named: "smallcnn", inputElement: .float32)

    @Test func theTensorCrossesByTCPAndBothGRPCSettingsAndTheBytesAddUp() async throws {
        let bench = TensorThroughputBench(graph: Self.smallcnn, tensorBytes: 16_384, roundTrips: 5, block: 2)
        let result = try await bench.run()
        let bytes = result.tensor.bytes
        #expect(bytes > 0)
        for transfer in [result.tcp, result.grpcDefaults, result.grpcTensors] {
            #expect(transfer.roundTrips == 5)
            #expect(transfer.bytes == 2 * 5 * bytes, "there and back, five times")
            #expect(transfer.seconds > 0)
            #expect(transfer.cpuSeconds > 0, "the process used the processor meanwhile")
            #expect(transfer.bestSecondsPerRoundTrip > 0 && transfer.bestSecondsPerRoundTrip <= transfer.seconds / 5,
                    "the fastest block is no slower than the average")
        }
        let rows = TensorThroughputBench.rows(result)
        #expect(rows.count == 2)
        #expect(rows.allSatisfy { $0.measured.map { $0 > 0 } == true && $0.ratio != nil && $0.passes != nil })
    }

    @Test func theTensorNearestAMebibyteIsExactlyOneInMobileNetV2At256() throws {
        let graph = try ModelZoo.model(named: "mobilenetv2", inputSize: 256, inputElement: .float32)
        let tensor = try #require(CutTensor.nearest(bytes: 1 << 20, in: graph))
        #expect(tensor.bytes == 1 << 20)
        #expect(tensor.shape == [1, 16, 128, 128])
    }

    @Test func theMiddleCutIsCrossedByOneTensor() throws {
        for name in ["mobilenetv2", "resnet18", "smallcnn"] {
            let graph = try ModelZoo.model(named: name, inputElement: .float32)
            let cut = try #require(CutTensor.middle(of: graph), "\(name)")
            guard case .layer(let k) = cut.source else {
                Issue.record("\(name): the cut is the model input")
                continue
            }
            // Every layer after k reads only layer k or later layers.
            let crossing = graph.layers[(k + 1)...].flatMap(\.inputs).filter { source in
                if case .layer(let i) = source { return i < k }
                return true
            }
            #expect(crossing.isEmpty, "\(name): a tensor bypasses the cut after layer \(k)")
            #expect(graph.layers[(k + 1)...].contains { $0.inputs.contains(.layer(k)) }, "\(name): layer \(k)'s output is used")
            #expect(abs(2 * k - graph.layers.count) < graph.layers.count / 2, "\(name): the cut at \(k) is near the middle")
        }
    }

    @Test func everyLoadRequestIsAnsweredRefusedOrFailedAndCounted() async throws {
        let result = try await EdgeLoadBench(graph: Self.smallcnn, clients: 3, seconds: 0.3, queueCapacity: 16, threads: 1).run()
        let tally = result.tally
        #expect(tally.sent == tally.answered + tally.exhausted + tally.failed)
        #expect(tally.answered > 0)
        #expect(tally.failed == 0, "\(tally.firstFailure ?? "")")
        #expect(tally.exhausted == 0, "three clients never fill a queue of 16")
        #expect(tally.latencyMs.count == tally.answered)
        #expect(tally.computeMs.count == tally.answered, "every answer carries the edge's compute time")
        let row = EdgeLoadBench.row(result, clients: 3)
        #expect(row.measured.map { $0 > 0 } == true && row.baseline != nil && row.failure == nil)
    }

    /// Takes 50 ms per request and returns zeros: long enough that the other clients' requests
    /// arrive while one computes.
    final class SlowComputer: PartComputing, @unchecked Sendable {
        let graph: ModelGraph
        init(graph: ModelGraph) { self.graph = graph }

        func compute(_ work: EdgeWork, given: [TensorSource: FloatTensor]) throws -> [TensorSource: FloatTensor] {
            Thread.sleep(forTimeInterval: 0.05)
            var result = [TensorSource: FloatTensor]()
            for source in work.computedOutputs {
                guard case .layer(let index) = source else { continue }
                result[source] = FloatTensor(zeros: [work.batch] + graph.layers[index].outputShape.dims)
            }
            return result
        }
    }

    @Test func aFullQueueAnswersResourceExhaustedAndItIsCounted() async throws {
        // No waiting room: while one request computes, the others are refused at once.
        let result = try await EdgeLoadBench(graph: Self.smallcnn, clients: 4, seconds: 0.5, queueCapacity: 0, threads: 1,
                                             computer: SlowComputer(graph: Self.smallcnn)).run()
        let tally = result.tally
        #expect(tally.sent == tally.answered + tally.exhausted + tally.failed)
        #expect(tally.exhausted > 0)
        #expect(tally.failed == 0, "\(tally.firstFailure ?? "")")
        #expect(EdgeLoadBench.row(result, clients: 4).detail.contains("\(tally.exhausted) RESOURCE_EXHAUSTED"))
    }

    @Test func everyPinIsSeenUsedByALaterFrame() throws {
        let profile = RooflineEstimator().profile(of: Self.smallcnn)
        let result = try PinLatencyBench(profile: profile, fps: 50, pins: 3).run()
        #expect(result.refused.isEmpty, "\(result.refused)")
        #expect(result.samples.count + result.unused == 3)
        #expect(result.unused == 0)
        #expect(result.samples.allSatisfy { $0.frames >= 1 && $0.milliseconds >= 0 })
        #expect(result.frameMilliseconds == 20)
        let row = PinLatencyBench.row(result, fps: 50)
        #expect(row.baseline?.value == 20 && row.failure == nil && row.measured != nil)
    }

    @Test func theCommandPrintsEveryRowAndTheDeviceRowsFromARealDemo() throws {
        let result = try SplitscopeBinary.run(["bench", "live", "--allow-debug", "--tensor-bytes", "16384", "--round-trips", "2", "--clients", "2",
                                               "--seconds", "0.2", "--pins", "2", "--fps", "50", "--demo-seconds", "4"])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.filter { $0.contains("ModelInfer there and back") }.count == 2)
        #expect(!result.stdout.contains("needs `device`"), "\(result.stdout)")
        let frameRate = try #require(lines.first { $0.hasPrefix(DeviceFrameRows.frameRateMetric) })
        #expect(frameRate.contains("frames in"), "the frame-rate row counts the demo's frames: \(frameRate)")
        #expect(lines.contains { $0.hasPrefix(DeviceFrameRows.predictionMetric) })
        #expect(result.stderr.contains("running `splitscope demo --duration 4`"))
    }

    @Test func theCommandPrintsEveryRowAndTheDeviceRowsAsNeedingItWithoutADemo() throws {
        let result = try SplitscopeBinary.run(["bench", "live", "--allow-debug", "--tensor-bytes", "16384", "--round-trips", "2", "--clients", "2",
                                               "--seconds", "0.2", "--pins", "2", "--fps", "50", "--demo-seconds", "0"])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.filter { $0.contains("ModelInfer there and back") }.count == 2)
        #expect(lines.contains { $0.hasPrefix("edge requests/s, 2 clients") })
        #expect(lines.contains { $0.hasPrefix("control-port pin") })
        #expect(lines.filter { $0.contains("needs `device`") }.count == 2)
    }

    @Test func aSimulatedRecordingIsNotTakenForALiveDevice() throws {
        let session = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("SampleTraces/sessions/mobilenetv2-3g-bus.jsonl").path
        let result = try SplitscopeBinary.run(["bench", "live", "--allow-debug", "--live-session", session])
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("splitscope: --live-session: ") && result.stderr.contains("not a live device"),
                "\(result.stderr)")
    }

    @Test func aDebugBuildIsRefusedBeforeAnythingIsMeasured() throws {
        #if DEBUG
        let result = try SplitscopeBinary.run(["bench", "live"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("this is a debug build: its timings mean nothing"), "\(result.stderr)")
        #expect(result.stdout.isEmpty)
        #endif
    }
}
