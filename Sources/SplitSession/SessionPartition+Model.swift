import SplitModels

extension SessionPartition {
    /// Why this partition cannot be a partition of `model`, or nil when it can: a split beyond
    /// its layers, a layer name it does not have, or more device layers than it has.
    public func problem(in model: ModelProfile) -> String? {
        let n = model.layerCount
        switch self {
        case .split(let k):
            return k >= 0 && k <= n ? nil : "split \(k) is beyond \(model.name)'s \(n) layers"
        case .deviceLayers(let names):
            guard names.count <= n else { return "\(names.count) device layers, \(model.name) has \(n)" }
            let known = Set(model.layers.map(\.name))
            if let unknown = names.first(where: { !known.contains($0) }) {
                return "device layer \"\(unknown)\" is not a layer of \(model.name)"
            }
            return nil
        }
    }
}

extension SessionEvent {
    /// Why the partition a frame records cannot be one of `model`'s, or nil (and nil for other
    /// events). A frame of a model version (its `version` is set) is measured against that
    /// version, which the header does not describe, so it is not checked here; views that draw
    /// partitions guard their own indices.
    public func partitionProblem(in model: ModelProfile) -> String? {
        guard case .frame(let frame) = self, frame.version == nil else { return nil }
        return frame.partition.problem(in: model).map { "partition: \($0)" }
    }
}
