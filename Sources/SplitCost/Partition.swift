/// Which layers run on the device; the rest run on the edge.
///
/// A valid partition is closed under predecessors: a device layer's inputs are all on the device.
public struct Partition: Hashable, Sendable {
    /// `onDevice[i]` is true when layer `i` runs on the device.
    public var onDevice: [Bool]

    public init(onDevice: [Bool]) {
        self.onDevice = onDevice
    }

    /// The first `split` layers (in topological order) on the device, the rest on the edge.
    public static func prefix(_ split: Int, layerCount: Int) -> Partition {
        Partition(onDevice: (0..<layerCount).map { $0 < split })
    }

    /// Number of layers on the device.
    public var deviceLayerCount: Int {
        onDevice.reduce(0) { $0 + ($1 ? 1 : 0) }
    }

    /// True when every layer runs on the device.
    public var isDeviceOnly: Bool { !onDevice.contains(false) }

    /// The split index when the device part is a prefix of the topological order, else nil.
    public var prefixSplit: Int? {
        let k = deviceLayerCount
        return onDevice.prefix(k).allSatisfy { $0 } ? k : nil
    }
}
