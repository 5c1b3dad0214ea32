import Foundation
import SplitControl
import SplitEdge
import SplitCost
import SplitModels
import SplitOIP
import SplitPlanners
import SplitTraces

/// Everything a live device needs to know: the edge, the model, the frames, the link it emulates
/// and its controller's settings.
public struct LiveDeviceConfiguration: Sendable {
    /// The edge's gRPC address.
    public var edgeHost: String
    public var edgePort: Int
    /// The OIP model name at the edge (the zoo name or the ONNX file's stem).
    public var modelName: String
    /// Whether ``modelName`` is served by an OIP server that is not splitscope (`--edge-model`):
    /// its inputs fix the partition (``ForeignCut``), its times are measured at start by timing
    /// requests, and its load is unknown.
    public var foreignModel = false

    /// Which operator commands the session can carry out: a foreign server's cut fixes the
    /// partition, and a device choosing among versions keeps its batch.
    public var operatorAdmission: OperatorAdmission {
        if foreignModel { return .partitionFixed(model: modelName) }
        return versions.isEmpty ? .everything : .batchFixed
    }
    /// The model with its batch (`--batch N` sends N frames as one batch) and a float32 input.
    public var graph: ModelGraph
    public var weights: ModelWeights
    /// The family of model versions the controller chooses among every frame (`--versions`);
    /// empty for one model. When set, the first version is also ``graph``, ``weights`` and
    /// ``modelName``, and every version takes the same input.
    public var versions: [LiveModelVersion] = []
    /// The family's name in its manifest, which the session header gives its model (nil: the
    /// first version's model name).
    public var versionFamily: String?
    /// How every tensor the device sends travels: FP32 (4 bytes an element) or INT8 quantised per
    /// tensor, its scale and zero point in the tensor's parameters (1 byte; `device --boundary int8`).
    public var boundary: OIPDatatype = .fp32
    public var frames: FrameSource = .synthetic(seed: 1)
    /// Camera frames per second; a frame that arrives while the previous one is in flight is dropped.
    public var fps: Double = 10
    /// How long to run, in seconds; nil runs until stopped.
    public var durationS: Double?
    /// The uplink's bandwidth trace; nil sends at loopback's real speed.
    public var trace: BandwidthTrace?
    /// Emulated round-trip time, in ms, paid by every request to the edge.
    public var rttMs: Double = 20
    /// Measured device compute is stretched by this factor (a weaker device).
    public var slowdown: Double = 1
    public var battery: BatterySource = .model
    public var batteryGauge = BatteryGauge()
    public var policy: PolicyKind = .mincut
    public var constraints: PlanningConstraints = .none
    public var power: DevicePowerModel = .jetsonOnLTE
    public var hysteresis = Hysteresis()
    public var estimator: EstimatorKind = .standard
    public var batteryMWh: Double = 10_000
    public var batteryStartPercent: Double = 100
    /// Engine threads on the device.
    public var threads: Int = 1
    /// Timed runs of the whole model when measuring the device's layers at start.
    public var profileRepeats: Int = 10
    /// Whole-model requests sent at start to time the edge.
    public var edgeCalibrationRequests: Int = 5
    /// How long the first call to the edge (its model metadata) may take, in ms.
    public var metadataTimeoutMs: Double = 10_000
    /// Probing and giving-up settings (their `rttMs` is replaced by ``rttMs``).
    public var frameLoop = FrameLoop.Settings()
    /// The device's id at an edge it shares with other devices (`device --device-id`).
    public var deviceID: String = LiveDeviceConfiguration.defaultDeviceID
    /// The task's weight on accuracy against latency, 0…1 (`device --task-weight`).
    public var taskWeight: Double = DeviceReport.defaultTaskWeight
    /// How the session is dated and its decisions timed.
    public var clock: any SessionClock = WallClock()

    public init(edgeHost: String, edgePort: Int, modelName: String, graph: ModelGraph, weights: ModelWeights) {
        self.edgeHost = edgeHost
        self.edgePort = edgePort
        self.modelName = modelName
        self.graph = graph
        self.weights = weights
    }

    /// The graph as the link sees it: its input and activations at the width ``boundary`` sends,
    /// so the profile's output bytes, the planner's transfer cost and every frame's `bytes` are
    /// the bytes that really travel.
    var sentGraph: ModelGraph {
        var sized = graph
        if boundary == .int8 {
            sized.inputElement = .int8
            sized.activationElement = .int8
        }
        return sized
    }

    /// This configuration with version `version`'s model, name and weights in place of the first's.
    func running(_ version: LiveModelVersion) -> LiveDeviceConfiguration {
        var config = self
        config.graph = version.graph
        config.weights = version.weights
        config.modelName = version.modelName
        return config
    }

    /// A stable id for this device: the host's name and the process id.
    public static var defaultDeviceID: String {
        var name = [CChar](repeating: 0, count: 256)
        let host = gethostname(&name, name.count) == 0 ? String(decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self) : ""
        return "\(host.isEmpty ? "device" : host)-\(getpid())"
    }

    /// The frame loop's settings with this configuration's RTT.
    var loopSettings: FrameLoop.Settings {
        var settings = frameLoop
        settings.rttMs = rttMs
        settings.power = power
        return settings
    }
}
