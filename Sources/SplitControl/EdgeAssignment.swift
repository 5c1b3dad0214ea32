/// What an edge shared among several devices assigns this one: a model version and a split,
/// which the device runs unless the operator pinned, a constraint forbids it, its policy is
/// fixed, or the edge is unreachable (``FrameLoop/Input/edgeAssigned(_:)``).
public struct EdgeAssignment: Hashable, Sendable {
    /// The version's name (nil for a device that runs one model).
    public var version: String?
    /// Layers on the device.
    public var split: Int

    public init(version: String?, split: Int) {
        self.version = version
        self.split = split
    }
}
