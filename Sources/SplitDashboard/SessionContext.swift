import Foundation
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
        } else if CascadePolicyName.isCascade(header.policy) {
            // A cascade recorded before 1.5: its edge model is not named.
            appealModel = AppealModel(name: nil, layers: nil)
        } else {
            appealModel = nil
        }
    }

    /// Whether the session is an AppealNet cascade (the device runs its whole model and appeals to an edge model).
    public var isCascade: Bool { appealModel != nil }

    /// This session's context drawn as the version named `name` (nil: the header's model).
    public func drawing(version name: String?) -> SessionContext {
        name == version?.name ? self : SessionContext(header: header, version: name, device: device)
    }

    /// The model running and, in a session of versions, the version in force, in the one form
    /// every view uses: `fashion-device (device-cnn)`; a version whose model's name already says
    /// it (`fashion-edge` of version `fashion-edge`, `fashion-edge-p50` of `p50`) is named once.
    /// In a cascade, the device model and the edge model appeals go to: `fashion-device → fashion-edge`.
    public var modelName: String {
        if let appealModel {
            return "\(model.name) → \(appealModel.name ?? "edge model")"
        }
        guard let version else { return model.name }
        return Self.namesVersion(model.name, version.name) ? model.name : "\(model.name) (\(version.name))"
    }

    /// The header line's name: ``modelName`` and, in a session of versions, the version's
    /// accuracy (`fashion-device (device-cnn) 89.3 %`, `fashion-edge-p50 83.0 %`).
    public var modelTitle: String {
        guard let version else { return modelName }
        return "\(modelName) \(DashboardState.fixed(version.accuracyPercent, 1)) %"
    }

    /// ``modelTitle`` with the model's name cut in the middle to at most `width` columns (never the version or accuracy).
    /// In a cascade both models' names are cut so.
    func modelTitle(nameWidth width: Int, ellipsis: String) -> String {
        let short = TextFit.middle(model.name, width: width, ellipsis: ellipsis)
        if let appealModel {
            return "\(short) → \(TextFit.middle(appealModel.name ?? "edge model", width: width, ellipsis: ellipsis))"
        }
        return modelTitle.replacingOccurrences(of: model.name, with: short, options: .anchored)
    }

    /// Whether a model's name already says its version: the same name, or the name ending in
    /// `-version`, `_version` or `.version`.
    static func namesVersion(_ model: String, _ version: String) -> Bool {
        model == version || ["-", "_", "."].contains { model.hasSuffix($0 + version) }
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
