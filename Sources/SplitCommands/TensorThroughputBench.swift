import Foundation
import GRPCCore
import SplitEdge
import SplitModels
import SplitOIP

/// Tensor throughput on loopback: a tensor sent through ModelInfer to the real edge and returned
/// as it came, against a plain TCP copy of the same bytes there and back.
///
/// The request sends one layer output and asks for that same tensor back, so the edge plans no
/// layers and computes nothing: what is timed is the transfer through gRPC, HTTP/2, protobuf and
/// the edge's tensor handling, both ways. The edge is measured twice, with the transport's
/// default HTTP/2 settings and with ``HTTP2FlowControl/tensors``; the three run in alternating
/// blocks so they see the same machine load. Bytes counted are the tensor's, each way.
struct TensorThroughputBench {
    /// The graph whose tensor travels (its layer output nearest `tensorBytes` is sent).
    var graph: ModelGraph
    var tensorBytes: Int
    /// Round trips per method.
    var roundTrips: Int
    /// Round trips per block; blocks of the three methods alternate.
    var block = 8

    /// What one method moved and how long it took.
    struct Transfer: Equatable {
        var roundTrips = 0
        var bytes = 0
        var seconds = 0.0
        /// Processor time the whole process spent meanwhile (client and server are both in it),
        /// which a loaded machine changes much less than the wall-clock time.
        var cpuSeconds = 0.0
        /// The fastest block's seconds per round trip: what the method does when the machine's
        /// other work leaves it alone for a block.
        var bestSecondsPerRoundTrip = Double.infinity

        /// Bytes per second, both directions counted.
        var bytesPerSecond: Double { seconds > 0 ? Double(bytes) / seconds : 0 }

        /// Bytes per second in the fastest block, both directions counted.
        var bestBytesPerSecond: Double {
            roundTrips > 0 && bestSecondsPerRoundTrip > 0 ? Double(bytes) / Double(roundTrips) / bestSecondsPerRoundTrip : 0
        }

        /// Processor milliseconds per round trip.
        var cpuMillisecondsPerRoundTrip: Double { roundTrips > 0 ? 1000 * cpuSeconds / Double(roundTrips) : 0 }
    }

    struct Result {
        var tensor: CutTensor
        var tcp = Transfer()
        var grpcDefaults = Transfer()
        var grpcTensors = Transfer()
    }

    func run() async throws -> Result {
        guard let tensor = CutTensor.nearest(bytes: tensorBytes, in: graph) else {
            throw CommandError("\(graph.name) has no layers", isUsage: false)
        }
        var result = Result(tensor: tensor)
        let request = try tensor.request(model: graph.name, outputs: [tensor.name])
        let model = try LoopbackEdge.engineModel(graph)
        let copy = try LoopbackCopy(messageBytes: tensor.bytes)
        defer { copy.close() }
        let before = try await LoopbackEdge.start(models: [model], flowControl: .serverDefaults)
        let after = try await LoopbackEdge.start(models: [model], flowControl: .tensors)
        let beforeClient = try before.connect(flowControl: .clientDefaults)
        let afterClient = try after.connect()
        do {
            // One untimed round trip each: connections up, buffers grown.
            try copy.roundTrip()
            _ = try await Self.echo(request, tensor: tensor, through: beforeClient)
            _ = try await Self.echo(request, tensor: tensor, through: afterClient)
            var done = 0
            while done < roundTrips {
                let count = min(block, roundTrips - done)
                var start = ContinuousClock.now
                var cpu = BenchRenderCommand.cpuSeconds()
                for _ in 0..<count { try copy.roundTrip() }
                result.tcp.add(count, bytes: tensor.bytes, since: start, cpuSince: cpu)
                (start, cpu) = (.now, BenchRenderCommand.cpuSeconds())
                for _ in 0..<count { try await Self.echo(request, tensor: tensor, through: beforeClient) }
                result.grpcDefaults.add(count, bytes: tensor.bytes, since: start, cpuSince: cpu)
                (start, cpu) = (.now, BenchRenderCommand.cpuSeconds())
                for _ in 0..<count { try await Self.echo(request, tensor: tensor, through: afterClient) }
                result.grpcTensors.add(count, bytes: tensor.bytes, since: start, cpuSince: cpu)
                done += count
            }
        } catch {
            await beforeClient.close()
            await afterClient.close()
            await before.stop()
            await after.stop()
            throw error
        }
        await beforeClient.close()
        await afterClient.close()
        await before.stop()
        await after.stop()
        return result
    }

    /// One ModelInfer that sends `tensor` and gets it back; throws unless the same bytes return.
    static func echo(_ request: Inference_ModelInferRequest, tensor: CutTensor, through client: LoopbackEdgeClient) async throws {
        let response = try await client.oip.modelInfer(request)
        guard let raw = response.rawOutputContents.first, raw.count == tensor.bytes, raw == request.rawInputContents.first else {
            throw CommandError("ModelInfer did not return \(tensor.name) as sent (got \(response.rawOutputContents.map(\.count)) bytes)",
                               isUsage: false)
        }
    }

    /// The two rows: ModelInfer with the transport's defaults and with the tuned settings, each
    /// against the plain TCP copy (target ≥ 70 %).
    static func rows(_ result: Result) -> [LiveBenchRow] {
        let mib = Double(result.tensor.bytes) / Double(1 << 20)
        let size = mib >= 0.5 ? "\(Format.fixed(mib, 2)) MiB" : Format.bytes(result.tensor.bytes)
        let baseline = LiveBenchRow.Baseline(name: "TCP copy", value: result.tcp.bytesPerSecond / 1e6)
        func row(_ label: String, _ transfer: Transfer) -> LiveBenchRow {
            LiveBenchRow(metric: "\(size) tensor, ModelInfer there and back, \(label)", unit: "MB/s",
                         measured: transfer.bytesPerSecond / 1e6, baseline: baseline, target: .ratioAtLeast(0.7),
                         detail: "\(transfer.roundTrips) round trips, \(Format.bytes(transfer.bytes)); "
                             + "TCP \(result.tcp.roundTrips) round trips, \(Format.bytes(result.tcp.bytes)); "
                             + "fastest block \(Int(transfer.bestBytesPerSecond / 1e6)) MB/s, "
                             + "TCP \(Int(result.tcp.bestBytesPerSecond / 1e6)) MB/s; "
                             + "CPU per round trip \(Format.fixed(transfer.cpuMillisecondsPerRoundTrip, 2)) ms, "
                             + "TCP \(Format.fixed(result.tcp.cpuMillisecondsPerRoundTrip, 2)) ms")
        }
        return [row("gRPC defaults (before)", result.grpcDefaults),
                row("edge's settings (\(Self.describe(.tensors)))", result.grpcTensors)]
    }

    /// `frames ≤ 16 MiB, window 8 MiB, flushes at once`.
    static func describe(_ flow: HTTP2FlowControl) -> String {
        func size(_ bytes: Int) -> String {
            bytes >= 1 << 20 ? "\(Int((Double(bytes) / Double(1 << 20)).rounded())) MiB" : "\(Int((Double(bytes) / 1024).rounded())) KiB"
        }
        return "frames ≤ \(size(flow.maxFrameSize)), window \(size(flow.targetWindowSize))"
            + (flow.coalescesFlushes ? "" : ", flushes at once")
    }
}

extension TensorThroughputBench.Transfer {
    /// Adds `count` round trips of a `bytes` tensor (counted there and back) timed from `start`,
    /// the process having used `cpu` seconds of processor time then.
    mutating func add(_ count: Int, bytes: Int, since start: ContinuousClock.Instant, cpuSince cpu: Double) {
        let blockSeconds = (ContinuousClock.now - start).inSeconds
        cpuSeconds += max(0, BenchRenderCommand.cpuSeconds() - cpu)
        roundTrips += count
        self.bytes += 2 * count * bytes
        seconds += blockSeconds
        if count > 0 { bestSecondsPerRoundTrip = min(bestSecondsPerRoundTrip, blockSeconds / Double(count)) }
    }
}
