import SplitModels

/// The one cost formula every planner, the simulator and the dashboard use.
///
/// For a partition with device set D and edge set E, uplink bandwidth B (Mbit/s) and RTT R (ms):
///
///     latency(D) = Σ_{v∈D} device_ms(v)
///                + Σ_{u ∈ D∪{input}, u has a consumer in E} output_bytes(u)·8 / (B·1000)
///                + (R if E is not empty)
///                + Σ_{v∈E} edge_ms(v)
///
/// A tensor needed by several edge layers is sent once. Energy follows `DevicePowerModel`; device
/// memory is the parameters of D (`bytesPerParameter` each) plus the peak of live activations
/// while D runs in topological order (a tensor that must be sent stays live to the end).
public struct CostModel: Sendable {
    public let profile: ModelProfile
    public var power: DevicePowerModel
    /// Bytes per stored weight (4 for float32 weights).
    public var bytesPerParameter: Int
    /// `consumers[u]`: layers reading layer u's output.
    public let consumers: [[Int]]
    /// Layers reading the raw input.
    public let inputConsumers: [Int]

    public init(profile: ModelProfile, power: DevicePowerModel = .jetsonOnLTE, bytesPerParameter: Int = 4) {
        self.profile = profile
        self.power = power
        self.bytesPerParameter = bytesPerParameter
        self.consumers = profile.consumers
        self.inputConsumers = profile.inputConsumers
    }

    /// The number of layers in the model.
    public var layerCount: Int { profile.layerCount }

    /// True when every device layer's inputs are on the device too.
    public func isClosed(_ partition: Partition) -> Bool {
        guard partition.onDevice.count == layerCount else { return false }
        for (index, layer) in profile.layers.enumerated() where partition.onDevice[index] {
            for case .layer(let producer) in layer.inputs where !partition.onDevice[producer] { return false }
        }
        return true
    }

    /// Bytes that cross the cut: each device tensor (or the raw input) with an edge consumer, once.
    public func transferBytes(_ partition: Partition) -> Int {
        let onDevice = partition.onDevice
        var bytes = inputConsumers.contains { !onDevice[$0] } ? profile.inputBytes : 0
        for u in 0..<layerCount where onDevice[u] && consumers[u].contains(where: { !onDevice[$0] }) {
            bytes = bytes.addingSaturated(profile.layers[u].outputBytes)
        }
        return bytes
    }

    /// Parameters of the device part plus its peak live activations, in bytes.
    public func deviceMemoryBytes(_ partition: Partition) -> Int {
        let onDevice = partition.onDevice
        let layers = profile.layers
        let n = layerCount
        // Last device step that reads each tensor; Int.max when it must be kept to be sent (or is the result).
        func lastUse(of readers: [Int], isOutput: Bool) -> Int {
            if isOutput || readers.contains(where: { !onDevice[$0] }) { return Int.max }
            return readers.last ?? -1
        }
        var releaseAt = [Int: Int]()  // step → bytes freed after it
        var live = profile.inputBytes
        let inputLast = lastUse(of: inputConsumers, isOutput: false)
        if inputLast != Int.max { releaseAt[inputLast] = (releaseAt[inputLast] ?? 0).addingSaturated(profile.inputBytes) }
        var peak = live
        var params = 0
        // Saturating sums: a profile built in code may hold counts no file or zoo model could.
        for v in 0..<n where onDevice[v] {
            params = params.addingSaturated(layers[v].params ?? 0)
            live = live.addingSaturated(layers[v].outputBytes)
            peak = max(peak, live)
            let last = lastUse(of: consumers[v], isOutput: v == n - 1)
            if last != Int.max { releaseAt[max(last, v), default: 0] = (releaseAt[max(last, v)] ?? 0).addingSaturated(layers[v].outputBytes) }
            live = live.subtractingSaturated(releaseAt[v] ?? 0)
        }
        return params.multipliedSaturated(by: bytesPerParameter).addingSaturated(peak)
    }

    /// Latency, transfer, energy and memory of a partition under these link conditions.
    public func evaluate(_ partition: Partition, link: LinkConditions) -> CostBreakdown {
        var deviceMs = 0.0
        var edgeMs = 0.0
        for (index, layer) in profile.layers.enumerated() {
            if partition.onDevice[index] { deviceMs += layer.deviceMs } else { edgeMs += layer.edgeMs }
        }
        let bytes = transferBytes(partition)
        let transferMs = bytes == 0 ? 0 : link.transferMs(bytes: bytes)
        let rttMs = partition.isDeviceOnly ? 0 : link.saturated.rttMs
        let energy = power.energyMJ(deviceMs: deviceMs, transferMs: transferMs, waitMs: rttMs + edgeMs)
        return CostBreakdown(deviceMs: deviceMs, transferMs: transferMs, rttMs: rttMs, edgeMs: edgeMs,
                             transferBytes: bytes, energyMJ: energy, deviceMemoryBytes: deviceMemoryBytes(partition))
    }
}
