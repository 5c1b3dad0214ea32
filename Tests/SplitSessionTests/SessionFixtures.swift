#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SplitJSON
import SplitModels
import SplitSession

/// Sample sessions and scratch files shared by the tests.
enum SessionFixtures {
    static let model = ModelProfile(name: "tiny-cnn", inputBytes: 602_112, layers: [
        ProfileLayer(name: "conv1", inputs: [.input], outputBytes: 3_211_264, deviceMs: 12.5, edgeMs: 0.8, op: OpKind(name: "conv"),
                     macs: 118_013_952, params: 1_792),
        ProfileLayer(name: "pool1", inputs: [.layer(0)], outputBytes: 802_816, deviceMs: 1.25, edgeMs: 0.1, op: OpKind(name: "pool")),
        ProfileLayer(name: "fc", inputs: [.layer(1)], outputBytes: 4_000, deviceMs: 3, edgeMs: 0.2),
    ])

    static let header = SessionHeader(
        startTime: "2025-03-14T09:26:53Z", source: .simulator, fps: 10, policy: "dynamic", model: model,
        device: SessionDeviceInfo(name: "jetson-nano", compute: "jetson-class: 40 GMAC/s, 25.6 GB/s",
                                  power: SessionPowerModel(computeWatts: 5, radioWatts: 1.5, idleWatts: 0.5), batteryMWh: 37_000),
        edge: SessionEdgeInfo(name: "edge-gpu", compute: "server-gpu: 2000 GMAC/s"),
        link: SessionLinkSettings(rttMs: 25, bandwidth: "trace:lte-drive.csv", estimator: "ewma"),
        constraints: SessionConstraints(sloMs: 100, memoryMB: 512, minDeviceLayers: 1, bandwidthCapMbps: 40, batteryFloorPct: 20))

    /// One event of every type (the header first), with optional fields both set and not.
    static let everyType: [TimedEvent] = [
        TimedEvent(t: 0, event: .session(header)),
        TimedEvent(t: 0.1, event: .frame(FrameEvent(
            frame: 0, partition: .split(2), predictedMs: 41.25, predictedDeviceMs: 13.75, deviceMs: 14.1, bytesSent: 802_816,
            transferMs: 21.4, edgeMs: 0.2, totalMs: 61.7, energyMJ: 102.55, batteryPct: 99.998, bandwidthEstimateMbps: 30.5,
            outcome: .ok))),
        TimedEvent(t: 0.2, device: "cam-2", event: .frame(FrameEvent(
            frame: 1, partition: .deviceLayers(["conv1", "fc"]), outcome: .dropped))),
        TimedEvent(t: 0.25, event: .frame(FrameEvent(frame: 2, partition: .split(3), deviceMs: 16.8, bytesSent: 0,
                                                     totalMs: 16.8, outcome: .local))),
        TimedEvent(t: 0.3, event: .link(LinkEvent(bandwidthMbps: 12.75, rttMs: 31, source: .measured))),
        TimedEvent(t: 0.35, event: .link(LinkEvent(bandwidthMbps: 8, source: .trace))),
        TimedEvent(t: 0.4, event: .battery(BatteryEvent(levelPct: 87.5, drainMW: 4_210))),
        TimedEvent(t: 0.45, event: .battery(BatteryEvent(levelPct: 87.4))),
        TimedEvent(t: 0.5, event: .decision(DecisionEvent(
            from: .split(2), to: .split(1), reason: .bandwidth, decisionMicros: 48.5, predictedMs: 37.2,
            candidates: [DecisionCandidate(partition: .split(1), predictedMs: 37.2),
                         DecisionCandidate(partition: .deviceLayers(["conv1"]), predictedMs: 37.2),
                         DecisionCandidate(partition: .split(0), predictedMs: 52)]))),
        TimedEvent(t: 0.55, event: .decision(DecisionEvent(from: nil, to: .split(0), reason: .start))),
        TimedEvent(t: 0.6, event: .operatorAction(OperatorEvent(action: .setConstraint, field: "slo_ms", oldValue: 100, newValue: 80))),
        TimedEvent(t: 0.65, event: .operatorAction(OperatorEvent(action: .pin, field: "partition", oldValue: nil,
                                                                 newValue: ["split": 2]))),
        TimedEvent(t: 0.7, event: .operatorAction(OperatorEvent(action: .unpin))),
        TimedEvent(t: 0.8, event: .fault(FaultEvent(kind: .edgeLost, action: "run locally"))),
        TimedEvent(t: 0.9, event: .fault(FaultEvent(kind: .edgeBack))),
        TimedEvent(t: 1, event: .note(NoteEvent(text: "tunnel ahead: \"quoted\", new\nline, tab\t, ünïcode"))),
        // Since 1.1: a frame's RTT, probes, and the battery's breakdown.
        TimedEvent(t: 1, event: .frame(FrameEvent(
            frame: 3, partition: .split(1), deviceMs: 12, bytesSent: 4_000, transferMs: 3, rttMs: 20, edgeMs: 1, totalMs: 36,
            energyMJ: 75, outcome: .ok))),
        TimedEvent(t: 1, event: .probe(ProbeEvent(bytes: 20_000, airtimeMs: 160.5, energyMJ: 240.75, outcome: .answered))),
        TimedEvent(t: 1, event: .probe(ProbeEvent(bytes: 20_000, airtimeMs: 1_000, outcome: .timedOut))),
        TimedEvent(t: 1, event: .battery(BatteryEvent(levelPct: 87.3, drainMW: 1_500,
                                                      drained: EnergyBreakdown(framesMJ: 1_000, probesMJ: 240.75, idleMJ: 259.25)))),
        // Since 1.3: an edge's shares among its devices, with every optional field and without.
        TimedEvent(t: 1, event: .shares(SharesEvent(
            allocator: .exact, edge: SharedEdgeCapacity(gmacsPerSecond: 10, uplinkMbps: 20),
            devices: [DeviceShare(device: "cam-1", split: 0, computeShare: 0.42, bandwidthShare: 0.3, taskWeight: 0.95,
                                  version: "fashion-edge", predictedMs: 8.1, utility: -0.25),
                      DeviceShare(device: "cam-2", split: 5, computeShare: 0.58, bandwidthShare: 0.7)]))),
        TimedEvent(t: 1, event: .shares(SharesEvent(allocator: .greedy, devices: [
            DeviceShare(device: "cam-1", split: 3, computeShare: 0, bandwidthShare: 0)]))),
    ]

    /// A frame at `t` (frames are the bulk of real sessions).
    static func frame(_ number: Int, at t: Double) -> TimedEvent {
        TimedEvent(t: t, event: .frame(FrameEvent(frame: number, partition: .split(number % 4), predictedMs: 40.5,
                                                  deviceMs: 12.25, bytesSent: 802_816, totalMs: 44.75, outcome: .ok)))
    }

    /// A mix of frames, link and battery samples and notes, `count` events after the header,
    /// with times rising by 0, 10 or 50 ms so some times repeat.
    static func mixedEvents(count: Int) -> [TimedEvent] {
        var t = 0.0
        return (0..<count).map { i in
            t += [0, 0.01, 0.05][i % 3]
            let rounded = (t * 1000).rounded() / 1000
            switch i % 5 {
            case 0, 1, 2: return frame(i, at: rounded)
            case 3: return TimedEvent(t: rounded, event: .link(LinkEvent(bandwidthMbps: Double(i % 50) + 0.5, rttMs: 20, source: .trace)))
            default: return TimedEvent(t: rounded, event: .battery(BatteryEvent(levelPct: 100 - Double(i) / 1000)))
            }
        }
    }

    /// The JSON line for `event`, without its newline.
    static func text(_ event: TimedEvent) -> String {
        SessionEventCodec.encode(event).serialized()
    }

    /// The header line, newline included.
    static var headerLine: String {
        text(TimedEvent(t: 0, event: .session(header))) + "\n"
    }
}

/// A fresh directory under the system's temporary directory, removed with its files on `deinit`.
final class ScratchDirectory {
    let path: String

    init() {
        var template = Array("/tmp/splitsession-tests-XXXXXX".utf8CString)
        let made = template.withUnsafeMutableBufferPointer { buffer in buffer.baseAddress.flatMap { mkdtemp($0) } }
        path = made.map { String(cString: $0) } ?? "/tmp"
    }

    deinit {
        guard path != "/tmp", let directory = opendir(path) else { return }
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name != "." && name != ".." { unlink("\(path)/\(name)") }
        }
        closedir(directory)
        rmdir(path)
    }

    /// The path of `name` in this directory.
    func file(_ name: String) -> String {
        "\(path)/\(name)"
    }

    /// Writes `bytes` to `name`, replacing it, and returns the path.
    @discardableResult
    func write(_ name: String, _ bytes: [UInt8]) -> String {
        let path = file(name)
        guard let handle = fopen(path, "wb") else { return path }
        _ = bytes.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, handle) }
        fclose(handle)
        return path
    }

    /// Writes `text` to `name`.
    @discardableResult
    func write(_ name: String, _ text: String) -> String {
        write(name, Array(text.utf8))
    }

    /// Appends `bytes` to the file at `path`.
    func append(_ path: String, _ bytes: [UInt8]) {
        guard let handle = fopen(path, "ab") else { return }
        _ = bytes.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, handle) }
        fclose(handle)
    }

    /// The bytes of the file at `path` (empty if it cannot be read).
    func read(_ path: String) -> [UInt8] {
        guard let handle = fopen(path, "rb") else { return [] }
        defer { fclose(handle) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let got = buffer.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, handle) }
            if got == 0 { break }
            bytes.append(contentsOf: buffer[..<got])
        }
        return bytes
    }
}
