import SplitControl
import SplitCost
import SplitModels
import SplitPlanners
import SplitSession

/// What the dashboard knows of the session from its header: the model, its layers, policy and constraints.
///
/// In a session of model versions the context is that of the version in force (the last frame's):
/// its layers, cost model and layer count; the tensor scale spans every version, so a pruned
/// version's smaller outputs show as shorter bars.
public struct SessionContext: Sendable {
    public let header: SessionHeader
    /// The model version in force, when the header lists versions and a frame has named one.
    public let version: SessionModelVersion?
    /// The device of a fleet's recording whose own layer times the profile carries (nil: the header's).
    public let device: String?
    /// The profile in force: the version's, else the header's model; in a fleet's recording, with
    /// the device's own layer times (``SessionHeader/deviceProfile(_:version:of:)``).
    public let model: ModelProfile
    public let layers: [LayerInfo]
    public let costModel: CostModel
    public let isChain: Bool
    /// Device time of running every layer locally, in ms.
    public let deviceOnlyMs: Double
    /// The largest tensor the layer view draws (outputs or the raw input), the top of its log scale.
    public let largestTensorBytes: Int
    /// In a cascade, the edge model appealed frames go to; nil for a split session.
    public let appealModel: AppealModel?

    /// A cascade's edge model as the layer view draws it: its name and layers, when recorded.
    public struct AppealModel: Sendable, Equatable {
        /// Its name; nil when the recording (older than 1.5) does not say.
        public var name: String?
        /// Its layers; nil when the recording does not hold them.
        public var layers: [LayerInfo]?
    }

    /// The context of `header`, drawn as the version named `version` when the header lists it,
    /// for the fleet device `device` (its own layer times) when the header lists it.
    public init(header: SessionHeader, version: String? = nil, device: String? = nil) {
        self.header = header
        self.version = version.flatMap(header.modelVersion(named:))
        self.device = device
        let model = header.deviceProfile(self.version?.model ?? header.model, version: self.version?.name, of: device)
        self.model = model
        layers = LayerInfo.layers(of: model)
        costModel = CostModel(profile: model, power: header.device?.power.map(DevicePowerModel.init) ?? .jetsonOnLTE)
        isChain = model.isChain
        deviceOnlyMs = layers.reduce(0) { $0 + $1.deviceMs }
        let profiles = [header.model] + header.versions.map(\.model)
        let largestOutput = profiles.flatMap { $0.layers.map(\.outputBytes) }.max() ?? 1
        largestTensorBytes = max(largestOutput, profiles.map(\.inputBytes).max() ?? 1, 1_001)
        if let appeal = header.appealModel {
            appealModel = AppealModel(name: appeal.name, layers: appeal.model.map(LayerInfo.layers(of:)))
        } else if Self.isCascadePolicy(header.policy) {
            // A cascade recorded before 1.5: its edge model is not named.
            appealModel = AppealModel(name: nil, layers: nil)
        } else {
            appealModel = nil
        }
    }

    /// Whether a header's policy is a cascade's (`cascade:0.8`, ``CascadeSimulator/policyName(threshold:)``).
    static func isCascadePolicy(_ policy: String?) -> Bool {
        policy?.hasPrefix("cascade:") == true
    }

    /// Whether the session is an AppealNet cascade (the device runs its whole model and appeals to an edge model).
    public var isCascade: Bool { appealModel != nil }

    /// This session's context drawn as the version named `name` (nil: the header's model).
    public func drawing(version name: String?) -> SessionContext {
        name == version?.name ? self : SessionContext(header: header, version: name, device: device)
    }

    /// The name the header line gives the model: the family and, in a session of versions, the
    /// version in force with its accuracy (`fashion-edge p75 87.6 %`). The model is named once: a
    /// version whose name already says its family (`fashion-edge` of the family `fashion-mnist`,
    /// both `fashion-`) is named alone (`fashion-edge 90.2 %`), not after it.
    public var modelTitle: String {
        guard let version else { return header.model.name }
        let accuracy = "\(DashboardState.fixed(version.accuracyPercent, 1)) %"
        return Self.namesItsFamily(version.name, header.model.name) ? "\(version.name) \(accuracy)"
            : "\(header.model.name) \(version.name) \(accuracy)"
    }

    /// Whether a version's name begins with its family's first word (words split at `-`, `_`, `.` and spaces).
    static func namesItsFamily(_ version: String, _ family: String) -> Bool {
        let separators: Set<Character> = ["-", "_", ".", " "]
        guard let word = family.split(whereSeparator: { separators.contains($0) }).first,
              let own = version.split(whereSeparator: { separators.contains($0) }).first else { return false }
        return own.lowercased() == word.lowercased()
    }

    public var layerCount: Int { layers.count }

    /// The stretch of the device's measured compute as the header states it ("× 12 slowdown"), or nil.
    ///
    /// A live device run with `--slowdown X` says so in its `device_info`; the layer view shows it,
    /// since every device time on screen is stretched by it.
    public var deviceSlowdown: String? {
        guard let compute = header.device?.compute, compute.contains("slowdown"),
              let times = compute.firstIndex(of: "×") else { return nil }
        return String(compute[times...]).trimmingCharacters(in: .whitespaces)
    }

    /// The header's policy, read (min-cut when the header names none).
    public var recordedPolicy: RecordedPolicy { RecordedPolicy(name: header.policy ?? PolicyKind.mincut.description) }

    /// The recorded policy (a device that followed its edge: its own, for when it was alone), or
    /// min-cut when the header names none this build knows (a fleet's allocator).
    public var policy: PolicyKind { recordedPolicy.own ?? .mincut }

    /// The recorded constraints.
    public var constraints: PlanningConstraints { PlanningConstraints(header.constraints) }

    /// Round-trip time of the recorded link (20 ms when not recorded).
    public var rttMs: Double { header.link?.rttMs ?? 20 }

    /// The split index a partition shows as: the prefix length, or the number of device layers.
    public func splitIndex(_ partition: SessionPartition) -> Int { partition.splitIndex }

    /// Which layers run on the device under a session partition.
    public func onDevice(_ partition: SessionPartition) -> [Bool] { Partition(partition, of: model).onDevice }
}

extension SessionContext: Equatable {
    public static func == (a: SessionContext, b: SessionContext) -> Bool {
        a.header == b.header && a.version == b.version && a.device == b.device
    }
}
