import ArgumentParser
import Dispatch
import Foundation
import SplitControl
import SplitControlPort
import SplitDashboard
import SplitDevice
import SplitEdge
import SplitEngine
import SplitModels
import SplitSession
import SplitTerminal
import SplitTraces

/// `splitscope demo`: an edge, a device and the dashboard in one process on loopback, with no flags.
///
/// The edge serves MobileNetV2 (seeded weights) over the Open Inference Protocol on a free
/// loopback port; the live device measures its layers, then splits real frames with it over a
/// real gRPC connection whose uplink follows a real LTE trace from SampleTraces; the dashboard is
/// attached to the device's control port, so the operator's keys steer the device's controller.
/// The session is recorded to a file whose name is printed at exit.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Edge, device and dashboard in one process on loopback: a real model, a real trace, live.",
        discussion: """
            With no flags: MobileNetV2 computed by the engine, split frame by frame between an in-process \
            device (10 frames/s, slowed down \(Int(DemoCommand.defaultSlowdown))× to stand for a phone-class \
            CPU) and an in-process edge, over real gRPC on 127.0.0.1 with the uplink shaped by a real LTE \
            trace (\(DemoCommand.defaultTrace)). The dashboard is attached to the device's control port: \
            Enter pins, u unpins, s m b f n set constraints, p changes the policy, ? shows every key, \
            q quits. The session is recorded to splitscope-demo-<time>.jsonl in the working directory \
            (the name is printed at exit); replay it with `splitscope replay FILE`.

            Example: splitscope demo
            """)

    /// The trace the demo's uplink follows, from SampleTraces/traces.
    static let defaultTrace = "sabre-report_foot_0002.json"
    /// How much slower the demo's device is than this machine's core.
    static let defaultSlowdown = 10.0

    @Option(name: .long, parsing: .unconditional, help: "Seconds to run without the dashboard, then print the summary (default: dashboard until q).")
    var duration: FlagNumber?

    @Option(name: .long, help: "Where to record the session (default: splitscope-demo-<time>.jsonl here).")
    var record: String?

    @Option(name: .long, help: "A bandwidth trace for the uplink (default: \(DemoCommand.defaultTrace) from SampleTraces).")
    var bandwidthTrace: String?

    @Option(name: .long, help: "Theme name or file for the dashboard.")
    var theme: String?

    func run() throws {
        let duration = try Quantity.sessionLength.checkedIfGiven(duration, flag: "--duration")
        let tracePath = try bandwidthTrace ?? Self.sampleTracePath()
        let trace: BandwidthTrace
        try InputFile.check(path: tracePath, what: "bandwidth trace")
        do {
            trace = try BandwidthTrace.load(path: tracePath, format: nil)
        } catch {
            throw CommandError("--bandwidth-trace: \(error)")
        }
        let record = record ?? Self.defaultRecordName()
        try OutputFile.check(path: record, flag: "--record")
        let graph: ModelGraph
        do {
            graph = try ModelZoo.model(named: "mobilenetv2", inputSize: nil, inputElement: .float32)
        } catch {
            throw CommandError("\(error)", isUsage: false)
        }
        let weights = try EngineOptions.seededWeights(for: graph, seed: 1)
        Console.error("splitscope demo: \(graph.name) on an in-process edge and device over 127.0.0.1, uplink following \(tracePath)")

        // The edge, on a free loopback port, its engine on a thread of its own.
        let edgePool = ThreadPool(threads: 1)
        let edgeComputer = EnginePartComputer(graph: graph, weights: weights, pool: edgePool)
        do {
            try edgeComputer.prepare(layers: [Bool](repeating: true, count: graph.layers.count),
                                     outputs: [.layer(graph.layers.count - 1)], batch: graph.batchSize)
        } catch {
            throw CommandError.engine(error, graph: graph)
        }
        let server = EdgeServer(configuration: EdgeConfiguration(host: "127.0.0.1", port: 0),
                                models: [EdgeModel(name: graph.name, graph: graph, dynamicBatch: true, computer: edgeComputer)])
        let edgePort = Mailbox<Result<Int, any Error>>()
        let edgeTask = Task {
            do {
                try await server.run { port, _ in edgePort.put(.success(port)) }
            } catch {
                edgePort.put(.failure(error))
            }
        }
        defer { edgeTask.cancel() }
        let port: Int
        switch edgePort.take() {
        case .success(let bound): port = bound
        case .failure(let error): throw CommandError("the demo's edge could not start: \(error)", isUsage: false)
        }

        // The device, with its control port on a free loopback port and the recording.
        var config = LiveDeviceConfiguration(edgeHost: "127.0.0.1", edgePort: port, modelName: graph.name, graph: graph,
                                             weights: weights)
        config.trace = trace
        config.slowdown = Self.defaultSlowdown
        config.durationS = duration
        let stop = LiveStop()
        let session = LiveSession()
        let ready = Mailbox<ControlAddress?>()
        let outcome = Mailbox<Result<LiveReport, any Error>>()
        let control = ControlAddress(host: "127.0.0.1", port: 0)
        let withDashboard = duration == nil
        Task {
            do {
                let report = try await LiveDevice(config).run(onReady: { header, profile in
                    let bound = try session.open(header: header, profile: profile, record: record,
                                                 control: withDashboard ? control : nil, token: nil, announce: false)
                    ready.put(bound)
                }, emit: { session.publish($0) }, operators: session.operators, stop: stop, progress: { Console.error($0) })
                try session.close()
                outcome.put(.success(report))
            } catch {
                try? session.close()
                ready.put(nil)
                outcome.put(.failure(error))
            }
        }
        let signals = StopSignals(stopping: stop)
        defer { signals.cancel() }

        var dashboardError: (any Error)?
        if withDashboard, let address = ready.take() {
            let inbox = DashboardInbox()
            let feed = LiveFeed(address: address, token: nil, inbox: inbox)
            do {
                let header = try feed.connect(timeoutS: 10)
                feed.keepConnected()
                defer { feed.stop() }
                try AttachCommand.showDashboard(feed: feed, inbox: inbox, header: header, theme: theme,
                                                status: "demo: in-process edge and device on 127.0.0.1; keys steer the device",
                                                device: feed.sessionDevice)
            } catch {
                dashboardError = error
            }
            stop.stop()
        }
        let result = outcome.take()
        edgeTask.cancel()
        switch result {
        case .failure(let error):
            if let command = error as? CommandError { throw command }
            throw CommandError("\(error)", isUsage: false)
        case .success(let report):
            Console.line("\(graph.name) demo: \(Format.fixed(report.durationS, 1)) s, "
                + "\(Format.fixed(report.framesPerSecond, 2)) frames/s processed")
            Console.write(SimulateCommand.table([report.summary], oracle: nil))
            if let error = report.medianPredictionError {
                Console.line("predicted vs measured latency of split frames: median error \(Format.fixed(error * 100, 1)) %")
            }
            Console.line("session recorded to \(record); replay it with: splitscope replay \(record)")
        }
        if let dashboardError { throw dashboardError }
    }

    /// `splitscope-demo-YYYYMMDD-HHMMSS.jsonl` in the working directory.
    static func defaultRecordName(now: Date = Date()) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd-HHmmss"
        return "splitscope-demo-\(formatter.string(from: now)).jsonl"
    }

    /// The demo's trace in SampleTraces, found as every bundled file is (``BundledFile``).
    static func sampleTracePath() throws -> String {
        let relative = "SampleTraces/traces/\(defaultTrace)"
        if let found = BundledFile.locate(relative) { return found }
        throw CommandError("cannot find \(relative) (looked from here and beside the executable); "
            + "run from the checkout or give --bandwidth-trace FILE")
    }
}
