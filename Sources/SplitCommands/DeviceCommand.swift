import ArgumentParser
import Dispatch
import Foundation
import SplitControl
import SplitControlPort
import SplitDevice
import SplitEdge
import SplitModels
import SplitOIP
import SplitPlanners
import SplitSession
import SplitTraces

/// `splitscope device`: the live device, splitting frames with an edge over the Open Inference Protocol.
struct DeviceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "device",
        abstract: "Run the live device: real layers here, the rest on an OIP edge, the split chosen frame by frame.",
        discussion: """
            Measures this device's layers, times the edge (`splitscope edge` serving the same model), \
            then runs the adaptive controller on every frame: the device part on the engine, the \
            boundary tensors over ModelInfer, the result back. A bandwidth trace shapes the uplink \
            (without one it runs at loopback's speed); a lost or failing edge makes frames finish \
            locally until it answers again. See docs/device.md.

            With --edge-model NAME the edge is any OIP server serving an edge part that `export` \
            wrote from --model-file: the server's input names fix the split, and its times are \
            measured at start by timing round trips.

            Example: splitscope device --edge 127.0.0.1:8001 --model mobilenetv2 --duration 30 --record live.jsonl

            An AppealNet cascade: --cascade --model-file Models/fashion-device.onnx --edge-model fashion-edge \
            [--appeal-threshold T], with the edge serving Models/fashion-edge.onnx (edge --model-file). Frames \
            are Fashion-MNIST test images; the device runs its whole model on each and appeals the input \
            through ModelInfer when its confidence is below T; frames record answered, confidence, correct.
            Example: splitscope device --edge 127.0.0.1:8081 --model-file m.onnx --edge-model m-edge --duration 30
            """)

    @Option(name: .long, help: "The edge's gRPC address, HOST:PORT.")
    var edge: String

    /// The model (`--model`/`--model-file`, `--input-size`, `--weights`, `--batch`, `--threads`):
    /// the edge must serve the same model under its zoo name or the file's stem, with the same weights.
    @OptionGroup var engine: EngineOptions

    @Option(name: .long, help: ArgumentHelp(
        "A model another OIP server (MLServer, Triton, KServe) serves: the edge part `export` wrote from --model-file.",
        discussion: "Its inputs in the server's metadata fix the partition; its times are measured at start."))
    var edgeModel: String?

    @Option(name: .long, help: ArgumentHelp(
        "A model-versions manifest (splitscope-model-versions): the controller chooses version × split every frame.",
        discussion: "The edge serves every version's file (edge --model-file A --model-file B …, each named by its stem); "
            + "each version is measured at start; --accuracy-floor-pct and the control port's set accuracy_floor_pct steer it."))
    var versions: String?

    @Option(name: .long, help: ArgumentHelp(
        "How boundary tensors travel: fp32, or int8 (quantised per tensor, 1 byte an element).",
        discussion: "int8 sends OIP datatype INT8 with the tensor parameters scale and zero_point; the edge dequantises "
            + "before computing, and the planner and every frame's bytes count the int8 bytes."))
    var boundary: String = "fp32"

    @Option(name: .long, parsing: .unconditional, help: "Camera frames per second.")
    var fps: FlagNumber = 10

    @Option(name: .long, parsing: .unconditional, help: "Seconds to run (default: until Ctrl-C).")
    var duration: FlagNumber?

    @Option(name: .long, help: "A folder of .npy input tensors, used in name order in a loop (default: synthetic seeded images).")
    var frames: String?

    @Option(name: .long, help: "Seed of the synthetic images.")
    var seed: FlagSeed = 1

    @Option(name: .long, help: "A bandwidth trace that shapes the uplink (any format `simulate` reads); without one, loopback's real speed.")
    var bandwidthTrace: String?

    @Option(name: .long, help: "The trace's format when detection from its content is not enough.")
    var traceFormat: String?

    @Option(name: .long, parsing: .unconditional, help: "Emulated round-trip time in ms, paid by every request.")
    var rttMs: FlagNumber = 20

    @Option(name: .long, parsing: .unconditional, help: "Stretch measured device compute by this factor (a weaker device).")
    var slowdown: FlagNumber = 1

    @Option(name: .long, help: "Battery: model (the energy model drains a simulated one) or sysfs (/sys/class/power_supply where present).")
    var battery: String = "model"

    @Option(name: .long, help: "Policy: \(PolicyKind.namesHelp).")
    var policy: String = "mincut"

    @OptionGroup var constraintOptions: ConstraintOptions

    @Option(name: .long, parsing: .unconditional, help: "Timed runs per layer when measuring the device at start.")
    var `repeat`: FlagInteger = 10

    @Option(name: .long, help: "Serve the control port on HOST:PORT (port 0 picks a free one): operator commands in, the session's events out.")
    var control: String?

    @Option(name: .long, help: "The token control-port clients must present first (required when --control is not on loopback).")
    var token: String?

    @Option(name: .long, help: "Append the session's events to this file (JSON Lines; .gz compresses).")
    var record: String?

    @Option(name: .long, help: ArgumentHelp(
        "This device's id at an edge it shares with other devices (default: HOST-PID).",
        discussion: "Sent with every request (device_id), so the edge can give each device its share; see docs/edge-protocol.md."))
    var deviceId: String?

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp(
        "How much the task values accuracy against latency, 0…1.",
        discussion: "Near 1 an accuracy-sensitive task, near 0 a latency-sensitive one: the edge's allocator trades by it."))
    var taskWeight = FlagNumber(DeviceReport.defaultTaskWeight)

    @OptionGroup var cascadeOptions: DeviceCascadeOptions

    func run() throws {
        let address = try EdgeAddress(edge, flag: "--edge", connecting: true)
        _ = try Quantity.fps.checked(fps, flag: "--fps")
        _ = try Quantity.sessionLength.checkedIfGiven(duration, flag: "--duration")
        _ = try Quantity.rttMs.checked(rttMs, flag: "--rtt-ms")
        _ = try Quantity.taskWeight.checked(taskWeight, flag: "--task-weight")
        if let deviceId, let problem = DeviceID.problem(deviceId) { throw CommandError("--device-id: \(problem)") }
        _ = try Quantity.slowdown.checked(slowdown, flag: "--slowdown")
        let threads = try engine.threadCount
        let profileRepeats = Int(try Quantity.repeats.checked(`repeat`, flag: "--repeat"))
        guard let batterySource = BatterySource(rawValue: battery.lowercased()) else {
            throw CommandError("--battery: expected model or sysfs, got \"\(battery)\"")
        }
        guard let policyKind = PolicyKind(name: policy) else {
            throw CommandError("--policy: unknown policy \"\(policy)\"; use \(PolicyKind.namesHelp)")
        }
        let controlAddress: ControlAddress?
        do {
            controlAddress = try control.map { text throws(ControlRequestError) in try ControlAddress(parsing: text) }
        } catch {
            throw CommandError("--control: \(error)")
        }
        if token != nil, controlAddress == nil {
            throw CommandError("--token is for the control port; give --control HOST:PORT too")
        }
        if let controlAddress, !controlAddress.isLoopback, (token ?? "").isEmpty {
            throw CommandError("--control: refusing to listen on \(controlAddress) without --token: anyone who can reach it "
                + "could steer the device; use 127.0.0.1 or give a token")
        }
        if cascadeOptions.cascade {
            guard boundary.lowercased() == "fp32" else {
                throw CommandError("--boundary \(boundary) is not used with --cascade (an appeal sends the input image as FP32); leave it out")
            }
            return try runCascade(address: address, control: controlAddress)
        }
        if !cascadeOptions.frames.givenFlags.isEmpty {
            throw CommandError("--appeal-threshold and --data-path are for --cascade; add --cascade or leave them out")
        }
        guard let boundaryType = OIPDatatype(rawValue: boundary.uppercased()) else {
            throw CommandError("--boundary must be fp32 or int8, got \"\(boundary)\"")
        }
        if let edgeModel {
            if boundaryType == .int8 {
                throw CommandError("--boundary int8 needs splitscope's edge to dequantise; --edge-model \(edgeModel)'s server "
                    + "takes the FP32 tensors its ONNX part declares")
            }
            guard engine.modelFile != nil else {
                throw CommandError("--edge-model \(edgeModel) needs --model-file: the whole ONNX model the edge part was exported "
                    + "from (a zoo --model has no exported parts)")
            }
            guard !edgeModel.isEmpty else { throw CommandError("--edge-model: give the model's name on the server") }
            if case .staticSplit = policyKind {
                throw CommandError("--policy \(policy): with --edge-model the server's model fixes the partition")
            }
        }
        if versions != nil, edgeModel != nil {
            throw CommandError("--versions and --edge-model do not go together: a foreign server's cut fixes one model")
        }
        if versions != nil, case .staticSplit = policyKind {
            throw CommandError("--versions runs one adaptive policy: --policy \(policy) fixes a split of one model")
        }
        let family = try versions.map(loadVersions)
        let liveVersions = family?.versions ?? []
        let (graph, modelWeights) = try liveVersions.first.map { ($0.graph, $0.weights) } ?? engine.load()
        if case .staticSplit = policyKind { _ = try PlanCommand.policy(policy, layerCount: graph.layers.count) }
        let trace = try bandwidthTrace.map { path throws -> BandwidthTrace in
            var format: BandwidthTraceFormat?
            if let traceFormat {
                guard let known = BandwidthTraceFormat(rawValue: traceFormat) else {
                    throw CommandError("--trace-format: unknown format \"\(traceFormat)\"; use "
                        + BandwidthTraceFormat.allCases.map(\.rawValue).joined(separator: ", "))
                }
                format = known
            }
            try InputFile.check(path: path, what: "bandwidth trace")
            do {
                return try BandwidthTrace.load(path: path, format: format)
            } catch {
                throw CommandError("--bandwidth-trace: \(error)")
            }
        }
        let name = liveVersions.first?.modelName ?? edgeModel ?? engine.modelFile.map { URL(fileURLWithPath: $0).deletingPathExtension().lastPathComponent } ?? graph.name
        var config = LiveDeviceConfiguration(edgeHost: address.host, edgePort: address.port, modelName: name, graph: graph,
                                             weights: modelWeights)
        config.foreignModel = edgeModel != nil
        config.versions = liveVersions
        config.versionFamily = family?.name
        config.boundary = boundaryType
        config.frames = frames.map(FrameSource.folder) ?? .synthetic(seed: seed.value)
        if frames != nil {
            // A broken folder is the user's input: refused here (exit 2), naming the file, before connecting.
            do {
                try config.frames.check(graph: graph)
            } catch {
                throw CommandError("--frames: \(error)")
            }
        }
        config.fps = fps.value
        config.durationS = duration?.value
        config.trace = trace
        config.rttMs = rttMs.value
        config.slowdown = slowdown.value
        config.battery = batterySource
        config.policy = policyKind
        let fewestLayers = liveVersions.map(\.graph.layers.count).min() ?? graph.layers.count
        config.constraints = try constraintOptions.constraints(layerCount: fewestLayers)
        if let note = config.constraints.unmetFloorNote(liveVersions.map(\.version)) { Console.error("note: \(note)") }
        if liveVersions.isEmpty, let note = constraintOptions.floorIgnoredNote(model: graph.name) { Console.error(note) }
        config.threads = threads
        config.profileRepeats = profileRepeats
        config.taskWeight = taskWeight.value
        if let deviceId { config.deviceID = deviceId }
        // A path that cannot be written is refused before the device starts measuring.
        if let record {
            try OutputFile.check(path: record, flag: "--record")
        }
        let stop = LiveStop()
        let signals = StopSignals(stopping: stop)
        defer { signals.cancel() }
        let token = token
        let record = record
        let device = LiveDevice(config)
        let admission = config.operatorAdmission
        let floorVersions = liveVersions.map(\.version)
        let deviceID = config.deviceID
        let report: LiveReport
        let edgeLine: String?
        do {
            (report, edgeLine) = try Mailbox.waitFor {
                let session = LiveSession()
                session.sayFaults(edge: "\(address.host):\(address.port)")
                do {
                    let report = try await device.run(onReady: { header, profile in
                        try session.open(header: header, profile: profile, record: record, control: controlAddress, token: token,
                                         admission: admission, versions: floorVersions, device: deviceID)
                    }, emit: { session.publish($0) }, operators: session.operators, stop: stop, progress: { Console.error($0) })
                    try session.close()
                    return (report, session.faultClosingLine)
                } catch {
                    try? session.close()
                    throw error
                }
            }
        } catch let command as CommandError {
            throw command
        } catch let cut as ForeignCutError {
            // The server's model does not fit this one (or is not there): the flags name the wrong thing.
            throw CommandError(cut.description)
        } catch {
            throw CommandError("\(error)", isUsage: false)
        }
        Console.line("\(graph.name) live with \(address.host):\(address.port), \(Format.fixed(report.durationS, 1)) s at "
            + "\(Format.fixed(fps.value, 1)) fps: \(Format.fixed(report.framesPerSecond, 2)) frames/s processed")
        Console.write(SimulateCommand.table([report.summary], oracle: nil))
        if let error = report.medianPredictionError {
            Console.line("predicted vs measured latency of split frames: median error \(Format.fixed(error * 100, 1)) %")
        }
        if let edgeLine { Console.line(edgeLine) }
        if !report.recoveries.isEmpty {
            Console.line("edge back → first split frame: " + report.recoveries.map { Format.fixed($0, 2) + " s" }.joined(separator: ", "))
        }
        if let record { Console.line("session written to \(record)") }
    }
}

extension DeviceCommand {
    /// The family's name and every version of a `--versions` manifest loaded as --model-file would
    /// load it, each named at the edge by its file's stem (or its zoo name).
    func loadVersions(_ path: String) throws -> (name: String, versions: [LiveModelVersion]) {
        guard engine.model == nil, engine.modelFile == nil else {
            throw CommandError("give --versions or --model/--model-file, not both (the manifest names the models)")
        }
        let (set, loaded) = try VersionsFile.loadEach(path: path, graph: \.graph) { version, source -> LiveModelVersion in
            var options = engine
            let name: String
            switch source {
            case .file(let file):
                options.modelFile = file
                name = URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
            case .zooModel(let zoo):
                options.model = zoo
                name = zoo
            }
            let (graph, weights) = try options.load(fileFlag: nil)
            return LiveModelVersion(version: version, modelName: name, graph: graph, weights: weights)
        }
        let names = loaded.map(\.modelName)
        if let twice = names.first(where: { name in names.filter { $0 == name }.count > 1 }) {
            throw CommandError("\(path): two versions are served as \(twice) (the edge names a model by its file's stem); rename a file")
        }
        return (set.family, loaded)
    }
}

/// The recording and the control port of a live session, opened once the device is ready.
final class LiveSession: @unchecked Sendable {
    let operators = OperatorQueue()
    private let publisher = SessionPublisher()
    private var writer: SessionWriter?
    private var server: ControlServer?
    private var failure: (any Error)?
    private let lock = NSLock()
    /// What the terminal says about the edge (set by a command with a terminal of its own; the
    /// demo's dashboard says it instead).
    private var faultLog: EdgeFaultLog?

    /// From now on, says on stderr when the edge at `edge` is lost or back (``EdgeFaultLog``).
    func sayFaults(edge: String) {
        lock.withLock { faultLog = EdgeFaultLog(edge: edge) }
    }

    /// The closing summary's line about the edge, when it was lost.
    var faultClosingLine: String? {
        lock.withLock { faultLog?.closingLine }
    }

    /// Opens the recording and the control port; returns the port's bound address (nil without one).
    @discardableResult
    func open(header: SessionHeader, profile: ModelProfile, record: String?, control: ControlAddress?, token: String?,
              admission: OperatorAdmission = .everything, versions: [ModelVersion] = [], announce: Bool = true,
              device: String? = nil) throws -> ControlAddress? {
        if let record {
            do {
                // The header line names the device, as the control port's does, so a replay marks it among the edge's shares.
                writer = try SessionWriter(path: record, header: header, device: device)
            } catch {
                throw CommandError("--record: \(error)")
            }
        }
        // The header line names the device, so `attach` of several devices knows whose port this is.
        publisher.setHeader(header, device: device)
        if let control {
            do {
                server = try ControlServer.start(ControlServer.Configuration(address: control, token: token, admission: admission,
                                                                             versions: versions),
                                                 profile: profile,
                                                 operators: operators, publisher: publisher)
            } catch {
                throw CommandError("--control: \(error)")
            }
            if let server {
                let shown = ControlAddress(host: control.host, port: server.port)
                if announce {
                    Console.error("control port listening on \(shown); attach with: splitscope attach \(shown)"
                        + (token == nil ? "" : " --token …"))
                }
                return shown
            }
        }
        return nil
    }

    /// Records and publishes one event; a recording that fails stops being written, and the error is kept.
    func publish(_ event: TimedEvent) {
        lock.lock()
        if let writer, failure == nil {
            do { try writer.append(event) } catch { failure = error }
        }
        publisher.publish(event)
        let said = faultLog?.take(event, at: Date())
        lock.unlock()
        if let said { Console.error(said) }
    }

    func close() throws {
        publisher.closeAll()
        server?.close()
        try writer?.close()
        if let failure { throw CommandError("--record: \(failure)", isUsage: false) }
    }
}
