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
                return "device layer \(DisplayText.quoted(unknown)) is not a layer of \(model.name)"
            }
            return nil
        }
    }
}

extension SessionEvent {
    /// Why the partition a frame records cannot be one of `model`'s, or nil (and nil for other
    /// events). A frame of a model version (its `version` is set) is not checked here: see
    /// ``partitionProblem(in:)-(SessionHeader)``, which knows the header's versions.
    public func partitionProblem(in model: ModelProfile) -> String? {
        guard case .frame(let frame) = self, frame.version == nil else { return nil }
        return frame.partition.problem(in: model).map { "partition: \($0)" }
    }

    /// Why this frame or decision cannot be read against `header`, or nil (and nil for other events).
    ///
    /// A frame without `version` is checked against the header's `model`. A frame naming a
    /// version is checked against that version's profile when the header lists versions, and is
    /// damaged when it names one the header lacks. A 1.2 header without `versions` describes no
    /// version's layers, so such a frame is not checked; views that draw partitions guard their
    /// own indices. A decision naming a version (since 1.5) is checked the same way, its `to`
    /// against that version (its `from` is of the version before, which it does not name); a
    /// decision without one is not checked, as before 1.5.
    public func partitionProblem(in header: SessionHeader) -> String? {
        switch self {
        case .frame(let frame):
            guard let name = frame.version, !header.versions.isEmpty else { return partitionProblem(in: header.model) }
            return Self.problem(of: frame.partition, field: "partition", version: name, in: header)
        case .decision(let decision):
            guard let name = decision.version, !header.versions.isEmpty else { return nil }
            return Self.problem(of: decision.to, field: "to", version: name, in: header)
        default:
            return nil
        }
    }

    /// Why `partition` (the line's `field`) cannot be one of version `name`'s, or nil.
    private static func problem(of partition: SessionPartition, field: String, version name: String, in header: SessionHeader) -> String? {
        guard let version = header.modelVersion(named: name) else {
            let known = header.versions.map(\.name).joined(separator: ", ")
            return "version: \(DisplayText.quoted(name)) is not one of the header's versions (\(known))"
        }
        return partition.problem(in: version.model).map { "\(field): \($0) (version \(name))" }
    }
}
