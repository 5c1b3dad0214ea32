/// Where to split a layer DAG between a device and an edge server, as costs to minimise.
///
/// Layers `0..<layerCount` are in topological order. The raw input is a pseudo-node that is
/// always on the device. A partition puts a set `D` of layers on the device and the rest, `E`,
/// on the edge. `D` must be closed under predecessors: if a layer is on the device, every layer
/// it reads is on the device too, because data never flows back from the edge to the device.
///
/// The cost of a partition is
///
///     Σ_{v ∈ D} deviceCost[v] + Σ_{v ∈ E} edgeCost[v]
///       + Σ_{u ∈ D ∪ {input}, u has a consumer in E} transferCost[u]
///
/// where the input's transfer cost is `inputTransferCost`. A tensor read by several edge layers
/// is sent once. Layers with `forcedDevice[v]` must be on the device (and so, by closure, must
/// everything they read). Costs are finite and non-negative, in any one unit (ms or mJ).
///
/// ```swift
/// // input → 0 → 1: send the input, or run layer 0 and send its output, or run both.
/// let chain = CutProblem(
///     layerCount: 2, inputConsumers: [0], consumers: [[1], []],
///     deviceCost: [4, 4], edgeCost: [1, 1], transferCost: [2, 0],
///     inputTransferCost: 5, forcedDevice: [false, false])
/// chain.cost(onDevice: [true, false])  // 4 + 1 + 2 = 7
/// ```
public struct CutProblem: Sendable, Hashable {
    /// Number of layers.
    public var layerCount: Int
    /// Layers that read the raw input.
    public var inputConsumers: [Int]
    /// `consumers[u]` lists the layers that read layer `u`'s output; each is greater than `u`.
    public var consumers: [[Int]]
    /// Cost of running each layer on the device.
    public var deviceCost: [Double]
    /// Cost of running each layer on the edge.
    public var edgeCost: [Double]
    /// Cost of sending each layer's output from the device to the edge.
    public var transferCost: [Double]
    /// Cost of sending the raw input from the device to the edge.
    public var inputTransferCost: Double
    /// Layers that must run on the device.
    public var forcedDevice: [Bool]

    public init(layerCount: Int, inputConsumers: [Int], consumers: [[Int]], deviceCost: [Double],
                edgeCost: [Double], transferCost: [Double], inputTransferCost: Double,
                forcedDevice: [Bool]) {
        self.layerCount = layerCount
        self.inputConsumers = inputConsumers
        self.consumers = consumers
        self.deviceCost = deviceCost
        self.edgeCost = edgeCost
        self.transferCost = transferCost
        self.inputTransferCost = inputTransferCost
        self.forcedDevice = forcedDevice
    }

    /// Cost of a given partition (validates closure; returns nil if `onDevice` is not closed under predecessors or violates forcedDevice).
    ///
    /// Also nil when `onDevice` does not have one entry per layer or the problem is not
    /// well formed (see ``defect``).
    public func cost(onDevice: [Bool]) -> Double? {
        guard defect == nil, onDevice.count == layerCount else { return nil }
        for v in 0..<layerCount where forcedDevice[v] && !onDevice[v] {
            return nil
        }
        for u in 0..<layerCount where !onDevice[u] {
            for c in consumers[u] where onDevice[c] {
                return nil
            }
        }
        return uncheckedCost(onDevice: onDevice)
    }

    /// Cost of a partition already known to be valid for a well-formed problem.
    func uncheckedCost(onDevice: [Bool]) -> Double {
        var total = 0.0
        for v in 0..<layerCount {
            total += onDevice[v] ? deviceCost[v] : edgeCost[v]
        }
        if inputConsumers.contains(where: { !onDevice[$0] }) {
            total += inputTransferCost
        }
        for u in 0..<layerCount where onDevice[u] {
            if consumers[u].contains(where: { !onDevice[$0] }) {
                total += transferCost[u]
            }
        }
        return total
    }
}
