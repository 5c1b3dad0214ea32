/// Where a layer's input comes from: the raw model input or an earlier layer's output.
public enum TensorSource: Hashable, Sendable {
    /// The raw model input (a camera frame, say), which starts on the device.
    case input
    /// The output of the layer at this index in topological order.
    case layer(Int)
}
