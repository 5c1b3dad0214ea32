/// A partition of a ``CutProblem`` and its cost.
public struct CutSolution: Sendable, Hashable {
    /// `onDevice[v]` is true when layer `v` runs on the device.
    public var onDevice: [Bool]
    /// The partition's cost, as ``CutProblem/cost(onDevice:)`` computes it from the real costs.
    public var cost: Double

    public init(onDevice: [Bool], cost: Double) {
        self.onDevice = onDevice
        self.cost = cost
    }
}
