/// The edge server that runs the rest of the model.
public struct SessionEdgeInfo: Hashable, Sendable {
    /// A human name, such as `"edge-gpu-1"`.
    public var name: String
    /// The compute spec in words, such as `"server-gpu: 2000 GMAC/s, 300 GB/s"`.
    public var compute: String?

    public init(name: String, compute: String? = nil) {
        self.name = name
        self.compute = compute
    }
}
