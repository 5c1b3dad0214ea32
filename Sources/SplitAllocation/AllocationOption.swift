/// One way a device can run its task: a model version cut at one split.
///
/// The numbers are per inference: `deviceMs` on the device's own processor, `transferBytes` sent
/// up to the edge (0 when nothing is offloaded), `edgeMacs` of work left for the edge (0 when
/// nothing is offloaded). The accuracy is the version's measured test accuracy; splitting does
/// not change it.
public struct AllocationOption: Hashable, Sendable {
    /// The model version's name ("fashion-edge", "p50").
    public var version: String
    /// The version's measured accuracy, in percent of test samples right.
    public var accuracyPercent: Double
    /// Layers run on the device (0: everything on the edge; the layer count: nothing offloaded).
    public var split: Int
    /// Milliseconds of device compute.
    public var deviceMs: Double
    /// Bytes sent from the device to the edge.
    public var transferBytes: Double
    /// Multiply-accumulates the edge runs.
    public var edgeMacs: Double

    public init(version: String, accuracyPercent: Double, split: Int, deviceMs: Double, transferBytes: Double, edgeMacs: Double) {
        self.version = version
        self.accuracyPercent = accuracyPercent
        self.split = split
        self.deviceMs = deviceMs
        self.transferBytes = transferBytes
        self.edgeMacs = edgeMacs
    }

    /// True when the option uses the edge at all (and so pays the round trip).
    public var usesEdge: Bool { transferBytes > 0 || edgeMacs > 0 }
}
