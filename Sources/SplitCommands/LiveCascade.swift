import ArgumentParser
import Foundation
import GRPCCore
import SplitControl
import SplitControlPort
import SplitCost
import SplitData
import SplitDevice
import SplitEngine
import SplitModels
import SplitOIP
import SplitSession
import SplitSimulator

/// The live device of an AppealNet cascade: every frame (a labelled test image, in a loop) runs
/// through the whole device model on the engine; a frame whose max-softmax confidence is below the
/// threshold is appealed, its input sent to the edge model over ModelInfer, and the edge's answer
/// is final. Each frame records who answered, the confidence and whether the answer was right.
///
/// Timing is measured: the device model's run, and the appeal's round trip (after the emulated
/// RTT), split into the edge's reported compute and the rest (the transfer and any queueing).
/// An appeal that fails keeps the device's answer (outcome `local`), and the first failure and the
/// first answer after failures are recorded as `edge_lost` and `edge_back` faults. Frames come at `fps`; a frame
/// whose time has passed by a whole interval before the device is free is dropped.
struct LiveCascade {
    var edgeHost: String
    var edgePort: Int
    /// The edge model's name on the server.
    var edgeModel: String
    var device: CascadeMeasurement.Model
    var profile: ModelProfile
    var images: LabelledImages
    var threshold: Double
    var fps: Double
    var durationS: Double?
    var rttMs: Double
    var power: DevicePowerModel
    var timeoutMs = 5_000.0

    /// The policy name the session records, as a simulated cascade's.
    var policyName: String { CascadeSimulator.policyName(threshold: threshold) }

    /// The session's header.
    func header(startTime: String) -> SessionHeader {
        SessionHeader(startTime: startTime, source: .live, fps: fps, policy: policyName, model: profile,
                      device: SessionDeviceInfo(name: "device", compute: "measured here (the whole device model per frame)",
                                                power: SessionPowerModel(power), batteryMWh: nil),
                      edge: SessionEdgeInfo(name: "\(edgeHost):\(edgePort)",
                                            compute: "OIP model \(edgeModel): the whole edge model, for appealed frames"),
                      link: SessionLinkSettings(rttMs: rttMs, bandwidth: "loopback (measured)", estimator: nil),
                      constraints: SessionConstraints(),
                      // The device knows the edge model only by the name the edge serves it under, not its layers.
                      appealModel: SessionAppealModel(name: edgeModel))
    }

    /// Runs until `durationS` or `stop`, handing every event to `emit`; returns the session's summary.
    func run(onReady: (SessionHeader) throws -> Void, emit: (TimedEvent) -> Void, stop: LiveStop) throws -> SessionSummary {
        let edge: EdgeConnection
        do {
            edge = try EdgeConnection(host: edgeHost, port: edgePort)
        } catch {
            throw CommandError("--edge \(edgeHost):\(edgePort): \(error)")
        }
        let connection = Task { await edge.run() }
        defer {
            edge.close()
            connection.cancel()
        }
        let (inputName, output) = try edgeTensors(edge)
        try onReady(header(startTime: WallClock().startTime))
        var tally = SessionTally(sloMs: nil)
        func record(_ event: TimedEvent) {
            tally.add(event)
            emit(event)
        }
        let start = ContinuousClock.now
        func elapsed() -> Double { (ContinuousClock.now - start).inSeconds }
        var index = 0
        var edgeUp = true
        while !stop.isStopped {
            let due = Double(index) / fps
            if let durationS, due >= durationS { break }
            let now = elapsed()
            if now > due + 1 / fps {
                record(TimedEvent(t: due, event: .frame(FrameEvent(frame: index, partition: .split(profile.layerCount),
                                                                   outcome: .dropped))))
                index += 1
                continue
            }
            if now < due { Thread.sleep(forTimeInterval: due - now) }
            let (event, appeal) = try frame(index, edge: edge, inputName: inputName, output: output)
            // A failed appeal is a lost edge, as for the splitting device: said once, and once when it answers again.
            if case .failed(let why, let kind) = appeal, edgeUp {
                record(TimedEvent(t: due, event: .fault(FaultEvent(kind: kind, action: "\(why); answer on the device"))))
                edgeUp = false
            } else if case .answered = appeal, !edgeUp {
                record(TimedEvent(t: due, event: .fault(FaultEvent(kind: .edgeBack, action: "appeal again"))))
                edgeUp = true
            }
            record(TimedEvent(t: due, event: .frame(event)))
            index += 1
        }
        return tally.summary(policy: policyName)
    }

    /// What became of a frame's appeal.
    private enum Appeal {
        case answered
        /// The appeal failed, and why (the edge's or the network's words, escaped and bounded):
        /// `edge_lost`, or `edge_timeout` when the connected edge answered nothing before the deadline.
        case failed(String, FaultKind)
    }

    /// One frame: the device model's answer, and the edge's when appealed (nil when not appealed).
    ///
    /// An appeal that fails, or that the edge answers with anything but finite logits, keeps the
    /// device's answer (outcome `local`): an edge's error is never taken as a result.
    private func frame(_ index: Int, edge: EdgeConnection, inputName: String,
                       output: OIPTensorSpec) throws -> (FrameEvent, Appeal?) {
        let image = index % images.count
        let label = Int(images.labels[image])
        let (onDevice, deviceMs) = try device.answer(images, image: image, name: "device")
        var frame = FrameEvent(frame: index, partition: .split(profile.layerCount), deviceMs: deviceMs, transferMs: 0,
                               totalMs: deviceMs, energyMJ: power.energyMJ(deviceMs: deviceMs, transferMs: 0, waitMs: 0),
                               answered: .device, confidence: onDevice.confidence, correct: onDevice.predictedClass == label)
        guard onDevice.confidence < threshold else { return (frame, nil) }
        let tensor = try OIPTensor(name: inputName, shape: [1, 1, images.rows, images.columns],
                                   floats: images.floatPixels(image..<(image + 1)))
        let bytes = tensor.raw.count
        if rttMs > 0 { Thread.sleep(forTimeInterval: rttMs / 1000) }
        let sent = ContinuousClock.now
        let model = edgeModel, timeout = timeoutMs
        let answer: EdgeAnswer?
        var why = "the edge's answer holds no finite logits"
        var kind = FaultKind.edgeLost
        do {
            answer = try Mailbox.waitFor {
                try await edge.infer(model: model, tensors: [tensor], frameID: index, partition: "cascade", expecting: output,
                                     timeoutMs: timeout)
            }
        } catch let error as RPCError where error.code == .deadlineExceeded {
            answer = nil
            why = "the edge answered nothing within its \(Int(timeout.rounded())) ms deadline"
            kind = .edgeTimeout
        } catch {
            answer = nil
            why = "appeal failed: " + DisplayText.escaped("\(error)", limit: 160)
        }
        let roundTrip = (ContinuousClock.now - sent).inMilliseconds
        guard let answer, let onEdge = MaxSoftmax(logits: answer.output.floats) else {
            // The appeal failed: the device's answer stands.
            frame.transferMs = roundTrip
            frame.totalMs = deviceMs + rttMs + roundTrip
            frame.energyMJ = power.energyMJ(deviceMs: deviceMs, transferMs: roundTrip, waitMs: rttMs)
            frame.outcome = .local
            return (frame, .failed(why, kind))
        }
        let edgeMs = min(answer.computeMs + answer.queueMs, roundTrip)
        let transferMs = roundTrip - edgeMs
        frame.bytesSent = bytes
        frame.transferMs = transferMs
        frame.rttMs = rttMs
        frame.edgeMs = edgeMs
        frame.totalMs = deviceMs + transferMs + rttMs + edgeMs
        frame.energyMJ = power.energyMJ(deviceMs: deviceMs, transferMs: transferMs, waitMs: rttMs + edgeMs)
        frame.answered = .edge
        frame.correct = onEdge.predictedClass == label
        return (frame, .answered)
    }

    /// The edge model's input name and its output, from the server's metadata, after checking it
    /// takes one image and answers one logit per class.
    private func edgeTensors(_ edge: EdgeConnection) throws -> (String, OIPTensorSpec) {
        let model = edgeModel
        let metadata: Inference_ModelMetadataResponse
        do {
            metadata = try Mailbox.waitFor { try await edge.metadata(model: model) }
        } catch {
            throw CommandError("--edge-model \(edgeModel): \(edgeHost):\(edgePort) does not serve it (\(error))")
        }
        let want = [1, 1, images.rows, images.columns]
        guard metadata.inputs.count == 1, let input = metadata.inputs.first,
              input.shape.count == 4, zip(input.shape.map(Int.init), want).allSatisfy({ $0 == $1 || $0 == -1 }) else {
            throw CommandError("--edge-model \(edgeModel): expected one input of \(want), the server declares "
                + "\(metadata.inputs.map { "\($0.name) \($0.shape)" })")
        }
        guard metadata.outputs.count == 1, let out = metadata.outputs.first, out.shape.last.map(Int.init) == images.classCount else {
            throw CommandError("--edge-model \(edgeModel): expected one output of \(images.classCount) logits, the server declares "
                + "\(metadata.outputs.map { "\($0.name) \($0.shape)" })")
        }
        return (input.name, OIPTensorSpec(name: out.name, shape: [1, images.classCount]))
    }
}

/// `device --cascade`: the flags of a live AppealNet cascade.
struct DeviceCascadeOptions: ParsableArguments {
    @Flag(name: .long, help: "Run an AppealNet cascade: --model-file is the device model, run whole on every frame; frames below --appeal-threshold go to --edge-model on the edge.")
    var cascade = false

    @OptionGroup var frames: CascadeFrameOptions
}

extension DeviceCommand {
    /// `device --cascade`: the live cascade with the edge at `address`, recorded and published like any live session.
    func runCascade(address: EdgeAddress, control: ControlAddress?) throws {
        let options = cascadeOptions
        guard let modelFile = engine.modelFile else {
            throw CommandError("--cascade needs --model-file FILE.onnx, the device model")
        }
        guard let edgeModel, !edgeModel.isEmpty else {
            throw CommandError("--cascade needs --edge-model NAME, the edge model's name on the server (such as fashion-edge)")
        }
        guard policy == "mincut", bandwidthTrace == nil, frames == nil else {
            throw CommandError("--policy, --bandwidth-trace and --frames do not apply to --cascade: the device runs its whole "
                + "model on the data set's images")
        }
        let threshold = try options.frames.threshold()
        let dataSet = try options.frames.dataSet()
        let threads = try engine.threadCount
        let images = try dataSet.load(from: options.frames.dataPath)
        let (graph, weights) = try engine.load()
        try EvalCommand.checkFits(graph, file: modelFile, data: dataSet, images: images)
        let runner = try Runner(graph: graph, weights: weights, onDevice: nil, extraOutputs: [], pool: ThreadPool(threads: threads))
        if let record {
            try OutputFile.check(path: record, flag: "--record")
        }
        let cascade = LiveCascade(edgeHost: address.host, edgePort: address.port, edgeModel: edgeModel,
                                  device: CascadeMeasurement.Model(runner: runner, logits: .layer(graph.layers.count - 1)),
                                  profile: RooflineEstimator().profile(of: graph), images: images, threshold: threshold, fps: fps.value,
                                  durationS: duration?.value, rttMs: rttMs.value, power: .jetsonOnLTE)
        let stop = LiveStop()
        let signals = StopSignals(stopping: stop)
        defer { signals.cancel() }
        let session = LiveSession()
        session.sayFaults(edge: "\(address.host):\(address.port)")
        let summary: SessionSummary
        do {
            summary = try cascade.run(onReady: { header in
                try session.open(header: header, profile: header.model, record: record, control: control, token: token)
            }, emit: { session.publish($0) }, stop: stop)
            try session.close()
        } catch {
            try? session.close()
            throw error
        }
        Console.line("\(graph.name) cascade live with \(address.host):\(address.port) (\(edgeModel)), appeal below "
            + "\(Format.plain(threshold)), \(Format.fixed(fps.value, 1)) fps")
        Console.write(SimulateCommand.table([summary], oracle: nil))
        if let line = SessionDigest.cascadeLine(summary.cascade) { Console.line(line) }
        if let line = session.faultClosingLine { Console.line(line) }
        if let record { Console.line("session written to \(record)") }
    }
}
