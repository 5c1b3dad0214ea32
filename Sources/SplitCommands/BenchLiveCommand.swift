import ArgumentParser
import Dispatch
import Foundation
import SplitCost
import SplitModels

/// `splitscope bench live`: the live pair's targets (issue 9 §6), each measured on loopback with
/// the real edge, control port and TCP, against a named baseline.
struct BenchLiveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "live",
        abstract: "Tensor throughput through ModelInfer, edge requests/s under load, and pin-to-frame latency, on loopback.",
        discussion: """
        Rows (issue 9 §6), each measured in this process with real sockets on 127.0.0.1: \
        (1) a 1 MiB float32 tensor (MobileNetV2's features.1 output at 256×256) sent through ModelInfer \
        to the real edge, which is asked for that same tensor back and so computes nothing, against a \
        plain TCP copy of the same bytes there and back (target ≥ 70 %), with gRPC's default HTTP/2 \
        settings and with the edge's (frames up to 16 MiB, an 8 MiB window, flushes sent at once), each \
        also as its fastest block of 8 round trips and the process's CPU time per round trip; (2) edge requests per second with \
        --clients clients, each on its own connection sending ModelInfer from a mid-model cut of \
        MobileNetV2 in a loop for --seconds, with p50/p99 latency and RESOURCE_EXHAUSTED counted, \
        against the edge's compute ceiling; (3) the time from a pin on the control port to the first \
        frame that uses it, in a session run as `simulate --control --pace realtime` runs one \
        (target ≤ one frame). Two rows need the live device (`splitscope device`): predicted against \
        measured latency and frames/s at the demo's settings: they run this binary's `demo --duration \
        --demo-seconds` (the demo's edge, device, model, trace and slowdown, headless) and read its \
        recording, or read --live-session, a recording of any live device; --demo-seconds 0 skips them \
        ("needs `device`"). A debug build is refused unless --allow-debug.
        """
    )

    @OptionGroup var build: BenchBuild

    @Option(name: .long, parsing: .unconditional, help: "Bytes of the tensor sent through ModelInfer (the nearest MobileNetV2 layer output is used).")
    var tensorBytes: FlagInteger = 1_048_576

    @Option(name: .long, parsing: .unconditional, help: "Round trips of the tensor per method (TCP, gRPC defaults, edge settings).")
    var roundTrips: FlagInteger = 64

    @Option(name: .long, parsing: .unconditional, help: "Concurrent clients in the edge load row, each on its own connection.")
    var clients: FlagInteger = 8

    @Option(name: .long, parsing: .unconditional, help: "Seconds the clients of the edge load row send requests.")
    var seconds: FlagNumber = 10

    @Option(name: .long, parsing: .unconditional, help: "The edge's queue capacity in the load row (requests that may wait).")
    var queue: FlagInteger = 16

    @Option(name: .long, parsing: .unconditional, help: "Engine threads of the edge in the load row.")
    var edgeThreads: FlagInteger = 1

    @Option(name: .long, parsing: .unconditional, help: "Timed pins in the control-port row.")
    var pins: FlagInteger = 20

    @Option(name: .long, parsing: .unconditional, help: "Frames per second of the session the pins steer.")
    var fps: FlagNumber = 10

    @Option(name: .long, help: "A recording of a live device (source \"live\") for the predicted-vs-measured and frames/s rows.")
    var liveSession: String?

    @Option(name: .long, parsing: .unconditional, help: "Seconds of `demo` run for the device rows when no --live-session is given (0 skips them).")
    var demoSeconds: FlagNumber?

    /// The accepted range of each numeric flag: the catalogue's quantities, narrowed for a bench
    /// that must end on its own. The extreme-number tests go through this same table.
    static let ranges: [String: Quantity] = {
        var tensorBytes = Quantity.bytes
        tensorBytes.lowest = 4
        tensorBytes.highest = 67_108_864
        var seconds = Quantity.seconds
        seconds.lowest = 0.001
        seconds.highest = 3_600
        var demoSeconds = Quantity.sessionLength
        demoSeconds.lowest = 0
        return ["--tensor-bytes": tensorBytes, "--round-trips": .repetitions, "--clients": Quantity.repetitions.capped(at: 256),
                "--seconds": seconds, "--queue": .queueCapacity, "--edge-threads": .threads,
                "--pins": Quantity.repetitions.capped(at: 10_000), "--fps": Quantity.fps.capped(at: 200),
                "--demo-seconds": demoSeconds]
    }()

    /// `value` of `flag` checked against its range in ``ranges``.
    private func checked(_ value: some FlagValue, _ flag: String) throws -> Double {
        guard let range = Self.ranges[flag] else { preconditionFailure("\(flag) has no range in BenchLiveCommand.ranges") }
        return try range.checked(value, flag: flag)
    }

    func validate() throws {
        try ThreadCount.validate(edgeThreads, flag: "--edge-threads")
    }

    func run() throws {
        let bytes = Int(try checked(tensorBytes, "--tensor-bytes"))
        let trips = Int(try checked(roundTrips, "--round-trips"))
        let clientCount = Int(try checked(clients, "--clients"))
        let loadSeconds = try checked(seconds, "--seconds")
        let capacity = Int(try checked(queue, "--queue"))
        let threads = try ThreadCount.checked(edgeThreads, flag: "--edge-threads")
        let pinCount = Int(try checked(pins, "--pins"))
        let frameRate = try checked(fps, "--fps")
        let demoLength = try demoSeconds.map { try checked($0, "--demo-seconds") } ?? 30
        if liveSession != nil, demoSeconds != nil {
            throw CommandError("--demo-seconds runs the demo for the device rows; --live-session gives them already: use one")
        }
        var source = try liveSession.map { try SessionFramesSource(path: $0) }
        try build.check()
        if source == nil, demoLength > 0 {
            source = try DemoRecording.measure(seconds: demoLength)
        }

        let tensorGraph = try Self.mobilenet(inputSize: 256)
        let loadGraph = try Self.mobilenet(inputSize: nil)
        var rows = [LiveBenchRow]()
        let throughput = try Mailbox.waitFor {
            try await TensorThroughputBench(graph: tensorGraph, tensorBytes: bytes, roundTrips: trips).run()
        }
        rows += TensorThroughputBench.rows(throughput)
        let load = try Mailbox.waitFor {
            try await EdgeLoadBench(graph: loadGraph, clients: clientCount, seconds: loadSeconds, queueCapacity: capacity,
                                    threads: threads).run()
        }
        rows.append(EdgeLoadBench.row(load, clients: clientCount))
        let profile = RooflineEstimator().profile(of: loadGraph)
        let pinResult = try PinLatencyBench(profile: profile, fps: frameRate, pins: pinCount).run()
        rows.append(PinLatencyBench.row(pinResult, fps: frameRate))
        rows += try DeviceFrameRows.rows(from: source)
        Console.write(LiveBenchTable.render(rows))
        Console.line("measured on loopback (127.0.0.1) in one process; baselines: TCP copy = the same bytes over a plain "
            + "socket there and back; compute ceiling = edge workers ÷ median edge compute time; one frame = 1/fps")
    }

    /// MobileNetV2 at an input side (its own when nil), float32.
    private static func mobilenet(inputSize: Int?) throws -> ModelGraph {
        do {
            return try ModelZoo.model(named: "mobilenetv2", inputSize: inputSize, inputElement: .float32)
        } catch {
            throw CommandError("mobilenetv2: \(error)", isUsage: false)
        }
    }
}
