import Foundation
import GRPCCore
import SplitEdge
import SplitModels
import SplitOIP

/// Edge requests per second with several devices at once: each client has its own gRPC
/// connection and sends ModelInfer from a mid-model cut (one tensor crosses it) in a loop, the
/// next request as soon as the last is answered, for a bounded time.
///
/// Every request ends in one of three ways, counted: answered, refused with RESOURCE_EXHAUSTED
/// (the edge's queue was full), or failed otherwise. The named baseline is the edge's own
/// compute ceiling: workers ÷ the median compute time the edge reported for these requests.
struct EdgeLoadBench {
    var graph: ModelGraph
    var clients: Int
    var seconds: Double
    var queueCapacity: Int
    /// Engine threads for the edge's one worker.
    var threads: Int
    /// What computes the edge's requests: the engine with seeded weights when nil.
    var computer: (any PartComputing)? = nil

    /// What the clients got.
    struct Tally: Equatable {
        var sent = 0
        var answered = 0
        var exhausted = 0
        var failed = 0
        /// Client-side latency of each answered request, ms.
        var latencyMs: [Double] = []
        /// The edge's reported compute time of each answered request, ms.
        var computeMs: [Double] = []
        /// The first failure other than RESOURCE_EXHAUSTED, to name in the report.
        var firstFailure: String?

        mutating func merge(_ other: Tally) {
            sent += other.sent
            answered += other.answered
            exhausted += other.exhausted
            failed += other.failed
            latencyMs += other.latencyMs
            computeMs += other.computeMs
            firstFailure = firstFailure ?? other.firstFailure
        }
    }

    struct Result {
        var cut: CutTensor
        var tally: Tally
        /// From the first request sent to the last answer.
        var elapsedSeconds: Double
        var workers: Int

        var requestsPerSecond: Double { elapsedSeconds > 0 ? Double(tally.answered) / elapsedSeconds : 0 }
    }

    func run() async throws -> Result {
        guard let cut = CutTensor.middle(of: graph) else {
            throw CommandError("\(graph.name) has no cut that one tensor crosses", isUsage: false)
        }
        let request = try cut.request(model: graph.name)
        let model = try computer.map { EdgeModel(name: graph.name, graph: graph, dynamicBatch: true, computer: $0) }
            ?? LoopbackEdge.engineModel(graph, threads: threads)
        let edge = try await LoopbackEdge.start(models: [model],
                                                flowControl: .tensors, queueCapacity: queueCapacity)
        var connections = [LoopbackEdgeClient]()
        do {
            for _ in 0..<clients { connections.append(try edge.connect()) }
            // One request first: the edge packs the weights of this part once, before timing.
            _ = try await connections[0].oip.modelInfer(request)
        } catch {
            for connection in connections { await connection.close() }
            await edge.stop()
            throw CommandError("the edge did not answer a request from \(cut.name): \(error)", isUsage: false)
        }
        let start = ContinuousClock.now
        let deadline = start + .milliseconds(Int64(seconds * 1000))
        var tally = Tally()
        await withTaskGroup(of: Tally.self) { group in
            for connection in connections {
                group.addTask { await Self.loop(request, through: connection, until: deadline) }
            }
            for await one in group { tally.merge(one) }
        }
        let elapsed = ContinuousClock.now - start
        for connection in connections { await connection.close() }
        await edge.stop()
        return Result(cut: cut, tally: tally,
                      elapsedSeconds: elapsed.inSeconds,
                      workers: edge.server.configuration.workers)
    }

    /// One client: request after request until the deadline.
    private static func loop(_ request: Inference_ModelInferRequest, through client: LoopbackEdgeClient,
                             until deadline: ContinuousClock.Instant) async -> Tally {
        var tally = Tally()
        while ContinuousClock.now < deadline {
            tally.sent += 1
            let start = ContinuousClock.now
            do {
                let response = try await client.oip.modelInfer(request)
                let elapsed = ContinuousClock.now - start
                tally.answered += 1
                tally.latencyMs.append(elapsed.inMilliseconds)
                if let compute = response.parameters[EdgeParameter.computeMilliseconds]?.number { tally.computeMs.append(compute) }
            } catch let error as RPCError where error.code == .resourceExhausted {
                tally.exhausted += 1
            } catch {
                tally.failed += 1
                tally.firstFailure = tally.firstFailure ?? "\(error)"
            }
        }
        return tally
    }

    /// The row: answered requests per second against the edge's compute ceiling (no target in issue 9).
    static func row(_ result: Result, clients: Int) -> LiveBenchRow {
        let tally = result.tally
        let latency = Percentiles.of(tally.latencyMs)
        let compute = Percentiles.of(tally.computeMs).median
        let ceiling = compute > 0 ? Double(result.workers) * 1000 / compute : nil
        var detail = "\(tally.sent) sent = \(tally.answered) answered + \(tally.exhausted) RESOURCE_EXHAUSTED + \(tally.failed) failed; "
            + "p50 \(Format.fixed(latency.median, 1)) ms, p99 \(Format.fixed(latency.p99, 1)) ms; "
            + "cut at \(result.cut.name) (\(Format.bytes(result.cut.bytes))), edge compute p50 \(Format.fixed(compute, 1)) ms"
        if let failure = tally.firstFailure { detail += "; first failure: \(failure)" }
        var row = LiveBenchRow(metric: "edge requests/s, \(Format.counted(clients, "client")) on their own connections", unit: "req/s",
                               measured: result.requestsPerSecond,
                               baseline: ceiling.map { LiveBenchRow.Baseline(name: "compute ceiling", value: $0) },
                               target: nil, detail: detail)
        if tally.failed > 0 || tally.answered == 0 { row.failure = "requests failed" }
        return row
    }
}
