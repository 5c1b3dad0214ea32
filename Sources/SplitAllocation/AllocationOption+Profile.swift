import SplitCost
import SplitModels

extension AllocationOption {
    /// A version's options: every prefix split of its profile, from all-edge (0) to all-device.
    ///
    /// Device ms and bytes sent come from the cost model (a tensor read by several edge layers is
    /// sent once); the edge's work is the MACs of the edge layers, or, for a profile that does
    /// not record a layer's MACs, its edge ms at `edgeGmacsPerSecond` (the rate it was timed at).
    /// Prefixes are Neurosurgeon's candidate set, valid for any DAG in topological order.
    public static func prefixOptions(version: String, accuracyPercent: Double, profile: ModelProfile,
                                     edgeGmacsPerSecond: Double) -> [AllocationOption] {
        let cost = CostModel(profile: profile)
        let layers = profile.layers
        let edgeMacs = layers.map { layer in layer.macs.map { Double($0) } ?? layer.edgeMs * edgeGmacsPerSecond * 1e6 }
        var options: [AllocationOption] = []
        for split in 0...layers.count {
            let partition = Partition.prefix(split, layerCount: layers.count)
            let deviceMs = layers[..<split].reduce(0) { $0 + $1.deviceMs }
            let macs = edgeMacs[split...].reduce(0, +)
            options.append(AllocationOption(version: version, accuracyPercent: accuracyPercent, split: split, deviceMs: deviceMs,
                                            transferBytes: Double(cost.transferBytes(partition)), edgeMacs: macs))
        }
        return options
    }
}
