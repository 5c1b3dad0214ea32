/// Reusable: build the flow network once for a graph structure, then solve repeatedly with new costs (the controller re-decides every frame as bandwidth changes, so avoid re-allocating per solve where easy).
///
/// The network is the standard DADS construction. Source `s` is the device side (and stands
/// for the raw input, which is always on the device), sink `t` the edge side; a layer left on
/// the source side of the cut runs on the device.
///
/// - `v → t`, capacity `deviceCost[v]`: cut when `v` is on the device.
/// - `s → v`, capacity `edgeCost[v]` (infinite when `forcedDevice[v]`): cut when `v` is on the edge.
/// - `c → p`, infinite, for every producer `p` of consumer `c`: a device layer cannot read an
///   edge layer.
/// - Transfer, paid once per tensor: a producer `u` (or the input, `s`) with several consumers
///   gets an auxiliary node `u′`, with `u → u′` of capacity `transferCost[u]` and `u′ → c`
///   infinite for each consumer `c`; `u′` must join the edge side as soon as one consumer does,
///   cutting `u → u′` once. With one consumer, `u → c` carries the transfer cost directly.
///
/// Capacities are quantised to Int64 (see ``MinCutPartitioner``), so the maximum flow is exact
/// integer arithmetic; the device set is the nodes reachable from `s` in the residual network,
/// the smallest device set among the minimum cuts.
///
/// ```swift
/// var workspace = MinCutWorkspace(structure: problem)
/// for bandwidth in trace {
///     problem.transferCost = transferTimes(at: bandwidth)
///     let plan = workspace.solve(problem)
/// }
/// ```
public struct MinCutWorkspace: Sendable {
    private static let source = 0
    private static let sink = 1

    private let layerCount: Int
    private let inputConsumers: [Int]
    private let consumers: [[Int]]
    private var network: FlowNetwork
    /// Slot of `s → v` for each layer.
    private let edgeCostSlots: [Int]
    /// Slot of `v → t` for each layer.
    private let deviceCostSlots: [Int]
    /// Slot of the arc carrying each layer's transfer cost; nil when nothing reads the layer.
    private let transferSlots: [Int?]
    /// Slot of the arc carrying the input's transfer cost; nil when nothing reads the input.
    private let inputTransferSlot: Int?
    /// Slots whose capacity is infinite.
    private let infiniteSlots: [Int]

    /// Builds the flow network for `structure`'s layers and edges; its costs are ignored.
    ///
    /// - Precondition: `structure`'s graph is well formed (see ``CutProblem/defect``).
    public init(structure: CutProblem) {
        if let defect = structure.structuralDefect {
            preconditionFailure("MinCutWorkspace: \(defect)")
        }
        let n = structure.layerCount
        layerCount = n
        inputConsumers = structure.inputConsumers
        consumers = structure.consumers

        func node(_ layer: Int) -> Int { 2 + layer }
        var nodeCount = 2 + n
        var arcs: [(from: Int, to: Int)] = []
        var edgeCostArcs: [Int] = []
        var deviceCostArcs: [Int] = []
        var transferArcs = [Int?](repeating: nil, count: n)
        var infiniteArcs: [Int] = []
        var infiniteReverseArcs: [Int] = []

        func addArc(_ from: Int, _ to: Int) -> Int {
            arcs.append((from, to))
            return arcs.count - 1
        }

        for v in 0..<n {
            edgeCostArcs.append(addArc(Self.source, node(v)))
            deviceCostArcs.append(addArc(node(v), Self.sink))
        }

        /// Adds the transfer gadget for a producer node; returns the arc carrying its cost.
        func addTransfer(from producer: Int, to readers: [Int], closure: Bool) -> Int? {
            let distinct = Array(Set(readers)).sorted()
            guard let only = distinct.first else { return nil }
            if distinct.count == 1 {
                // One reader: the transfer arc's reverse is the closure arc.
                let arc = addArc(producer, node(only))
                if closure { infiniteReverseArcs.append(arc) }
                return arc
            }
            let hub = nodeCount
            nodeCount += 1
            let arc = addArc(producer, hub)
            for c in distinct {
                infiniteArcs.append(addArc(hub, node(c)))
                if closure { infiniteArcs.append(addArc(node(c), producer)) }
            }
            return arc
        }

        let inputArc = addTransfer(from: Self.source, to: structure.inputConsumers, closure: false)
        for u in 0..<n {
            transferArcs[u] = addTransfer(from: node(u), to: structure.consumers[u], closure: true)
        }

        let network = FlowNetwork(nodeCount: nodeCount, arcs: arcs)
        self.network = network
        edgeCostSlots = edgeCostArcs.map { network.slot(ofArc: $0) }
        deviceCostSlots = deviceCostArcs.map { network.slot(ofArc: $0) }
        transferSlots = transferArcs.map { $0.map { network.slot(ofArc: $0) } }
        inputTransferSlot = inputArc.map { network.slot(ofArc: $0) }
        infiniteSlots = infiniteArcs.map { network.slot(ofArc: $0) }
            + infiniteReverseArcs.map { network.reverseSlot(ofArc: $0) }
    }

    /// The exact minimum-cost closed partition of `problem`, up to the quantisation bound
    /// ``MinCutPartitioner/quantisationBound(for:)``.
    ///
    /// Costs need not be valid: a negative cost counts as 0, an infinite or NaN one as the largest
    /// finite Double (see ``CutProblem/defect`` to reject them instead), so no cost can trap.
    ///
    /// - Precondition: `problem`'s graph is well formed and is the one this workspace was built
    ///   for; only its costs and `forcedDevice` may differ.
    public mutating func solve(_ problem: CutProblem) -> CutSolution {
        if let defect = problem.structuralDefect {
            preconditionFailure("MinCutWorkspace.solve: \(defect)")
        }
        precondition(
            problem.layerCount == layerCount && problem.inputConsumers == inputConsumers
                && problem.consumers == consumers,
            "MinCutWorkspace.solve: the problem's graph differs from the workspace's structure")

        let quantisation = CostQuantisation(problem)
        network.clearCapacities()
        // Total of all finite capacities; below 2^60 + (3n + 1) by the choice of scale.
        var finiteTotal: Int64 = 0
        func setFinite(_ cost: Double, atSlot slot: Int) {
            let units = quantisation.units(cost)
            network.setCapacity(units, atSlot: slot)
            finiteTotal += units
        }
        for v in 0..<layerCount {
            setFinite(problem.edgeCost[v], atSlot: edgeCostSlots[v])
            setFinite(problem.deviceCost[v], atSlot: deviceCostSlots[v])
            if let slot = transferSlots[v] {
                setFinite(problem.transferCost[v], atSlot: slot)
            }
        }
        if let slot = inputTransferSlot {
            setFinite(problem.inputTransferCost, atSlot: slot)
        }
        // Exceeds every cut made of finite arcs, so a minimum cut never crosses an infinite one.
        let infinite = finiteTotal + 1
        for slot in infiniteSlots {
            network.setCapacity(infinite, atSlot: slot)
        }
        for v in 0..<layerCount where problem.forcedDevice[v] {
            network.setCapacity(infinite, atSlot: edgeCostSlots[v])
        }

        _ = network.pushMaximumFlow(from: Self.source, to: Self.sink)
        let deviceSide = network.reachable(from: Self.source)
        let onDevice = (0..<layerCount).map { deviceSide[2 + $0] }
        return CutSolution(onDevice: onDevice, cost: problem.uncheckedCost(onDevice: onDevice))
    }
}
