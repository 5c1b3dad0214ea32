import SplitModels

/// Costs of every prefix split k = 0…L (the first k layers in topological order on the device).
///
/// For a chain these are all the partitions; for a DAG they are the splits Neurosurgeon, DSC and
/// GADS search. The latency of split k is a line in x = ms per byte (= 8 / (B·1000)):
/// `computeMs[k] + transferBytes[k]·x (+ RTT when k < L)`, which is what makes a decision a
/// binary search over a lower envelope.
public struct PrefixCostTable: Sendable {
    /// Number of layers L; splits run from 0 (send the raw input) to L (device only).
    public let layerCount: Int
    /// Device time of the first k layers.
    public let deviceMs: [Double]
    /// Edge time of layers k…L-1.
    public let edgeMs: [Double]
    /// Bytes crossing the cut at split k (the raw input at 0, nothing at L).
    public let transferBytes: [Int]
    /// Device memory at split k (parameters plus peak live activations).
    public let deviceMemoryBytes: [Int]
    /// The smallest split that keeps the raw input on the device (every reader of it runs there).
    public let firstSplitKeepingInput: Int

    public init(costModel: CostModel) {
        let profile = costModel.profile
        let n = profile.layerCount
        layerCount = n
        var device = [0.0]
        for layer in profile.layers { device.append((device.last ?? 0) + layer.deviceMs) }
        var edge = Array(repeating: 0.0, count: n + 1)
        for k in stride(from: n - 1, through: 0, by: -1) { edge[k] = edge[k + 1] + profile.layers[k].edgeMs }
        deviceMs = device
        edgeMs = edge
        // A tensor produced at u (the input at -1) crosses every cut k with u < k ≤ its last consumer.
        var delta = Array(repeating: 0, count: n + 2)
        // Sums saturate: a profile built in code may hold counts no file or zoo model could.
        if let lastReader = costModel.inputConsumers.last {
            delta[0] = delta[0].addingSaturated(profile.inputBytes)
            delta[lastReader + 1] = delta[lastReader + 1].subtractingSaturated(profile.inputBytes)
        }
        for u in 0..<n {
            guard let lastReader = costModel.consumers[u].last else { continue }
            delta[u + 1] = delta[u + 1].addingSaturated(profile.layers[u].outputBytes)
            delta[lastReader + 1] = delta[lastReader + 1].subtractingSaturated(profile.layers[u].outputBytes)
        }
        var bytes: [Int] = []
        var running = 0
        for k in 0...n {
            running = running.addingSaturated(delta[k])
            bytes.append(running)
        }
        transferBytes = bytes
        firstSplitKeepingInput = (costModel.inputConsumers.last ?? -1) + 1
        deviceMemoryBytes = (0...n).map { costModel.deviceMemoryBytes(.prefix($0, layerCount: n)) }
    }

    /// Device plus edge compute time of split k.
    public func computeMs(_ k: Int) -> Double {
        deviceMs[k] + edgeMs[k]
    }

    /// Latency of split k under these link conditions.
    public func latencyMs(_ k: Int, link: LinkConditions) -> Double {
        k == layerCount ? deviceMs[k] : computeMs(k) + Double(transferBytes[k]) * link.msPerByte + link.rttMs
    }

    /// Device energy of split k under these link conditions.
    public func energyMJ(_ k: Int, link: LinkConditions, power: DevicePowerModel) -> Double {
        let transferMs = k == layerCount ? 0 : Double(transferBytes[k]) * link.msPerByte
        let waitMs = k == layerCount ? 0 : link.rttMs + edgeMs[k]
        return power.energyMJ(deviceMs: deviceMs[k], transferMs: transferMs, waitMs: waitMs)
    }

    /// The full cost breakdown of split k, in O(1).
    public func breakdown(_ k: Int, link: LinkConditions, power: DevicePowerModel) -> CostBreakdown {
        let local = k == layerCount
        let transferMs = local ? 0 : Double(transferBytes[k]) * link.msPerByte
        let rttMs = local ? 0 : link.rttMs
        return CostBreakdown(deviceMs: deviceMs[k], transferMs: transferMs, rttMs: rttMs, edgeMs: edgeMs[k],
                             transferBytes: transferBytes[k], energyMJ: energyMJ(k, link: link, power: power),
                             deviceMemoryBytes: deviceMemoryBytes[k])
    }

    /// Bottleneck kind of the cut after each layer (index i describes split i+1).
    ///
    /// Natural: fewer bytes cross than the raw input. Compressive: natural, and fewer than at every
    /// earlier cut after a layer. For a chain the cut after layer i is layer i's output.
    public func bottlenecks(inputBytes: Int) -> [BottleneckKind] {
        var smallestSoFar = Int.max
        return (1...max(layerCount, 1)).prefix(layerCount).map { k in
            let bytes = transferBytes[k]
            defer { smallestSoFar = min(smallestSoFar, bytes) }
            // The cut after the last layer sends nothing: it is device-only, not a bottleneck.
            guard k < layerCount, bytes < inputBytes else { return .none }
            return bytes < smallestSoFar ? .compressive : .natural
        }
    }
}

/// Whether a split point shrinks what must be sent (Dynamic Split Computing's terms).
public enum BottleneckKind: String, Hashable, Sendable {
    case none, natural, compressive
}
