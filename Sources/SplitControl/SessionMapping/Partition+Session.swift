import SplitCost
import SplitModels
import SplitSession

extension SessionPartition {
    /// The session's form of a partition of `profile`: a split index for a prefix, else the
    /// names of the device layers in topological order.
    public init(_ partition: Partition, of profile: ModelProfile) {
        if let k = partition.prefixSplit {
            self = .split(k)
        } else {
            // A partition of another profile (a version with more layers) names only the layers both have.
            let device = profile.layers.indices.filter { $0 < partition.onDevice.count && partition.onDevice[$0] }
            self = .deviceLayers(device.map { profile.layers[$0].name })
        }
    }

    /// The split index a partition shows as: the prefix length, or the number of device layers.
    public var splitIndex: Int {
        switch self {
        case .split(let k): k
        case .deviceLayers(let names): names.count
        }
    }
}

extension Partition {
    /// The partition of `profile` a session records; a split past the last layer is clamped to
    /// device-only and layer names the profile lacks are ignored.
    public init(_ session: SessionPartition, of profile: ModelProfile) {
        let n = profile.layerCount
        switch session {
        case .split(let k):
            self = .prefix(min(max(k, 0), n), layerCount: n)
        case .deviceLayers(let names):
            let set = Set(names)
            self.init(onDevice: profile.layers.map { set.contains($0.name) })
        }
    }
}
