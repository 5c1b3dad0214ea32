/// Which layers ran (or would run) on the device, as a session records it.
///
/// Most partitions are prefixes of the model's topological order and are written as the split
/// index; any other device set is written as the names of its layers, which stay meaningful
/// even for a reader that has not rebuilt the graph.
///
/// ```json
/// {"split": 7}                              // layers 0..<7 on the device
/// {"device_layers": ["conv1", "branch_a"]}  // a non-prefix device set
/// ```
public enum SessionPartition: Hashable, Sendable {
    /// The first `n` layers in topological order run on the device, the rest on the edge:
    /// `0` sends the raw input, the layer count runs everything on the device.
    case split(Int)
    /// These layers (a set closed under predecessors) run on the device, the rest on the edge.
    case deviceLayers([String])
}
