import SplitModels

/// Many devices, one edge: choose each device's option and its shares of the edge's compute and
/// uplink to maximise the devices' total utility (MCIA's problem, with a closed form for shares).
///
/// **Latency.** Device i on option o with compute share cᵢ and bandwidth share bᵢ (Σc ≤ 1, Σb ≤ 1):
///
///     Lᵢ = device_ms + [uses edge] · (RTT + bytes·8 / (bᵢ · Rᵢ · 1000) + edge_MACs / (cᵢ · C · 10⁶))
///
/// with Rᵢ = min(device i's channel rate, the edge's uplink total) in Mbit/s and C the edge's
/// GMAC/s (so the two fractions are milliseconds). An option that runs everything on the device
/// needs no share and pays no round trip.
///
/// **Utility.** uᵢ = wᵢ · accuracy_pct/100 − (1 − wᵢ) · Lᵢ / SLOᵢ: accuracy as a fraction of samples
/// right, latency in units of the device's own SLO, traded by the task's weight wᵢ ∈ [0, 1).
/// This is MCIA's weighted sum of an accuracy term and a latency term, each made unit-free; it
/// is linear in accuracy and latency so that a point of accuracy is worth the same to a task
/// whatever version it starts from, and the SLO scaling lets a 30-ms task and a 300-ms task share
/// one sum. (A device over its SLO is not cut off: its utility keeps falling.)
///
/// **Shares in closed form.** With the options fixed, write kᵢ = (1 − wᵢ)/SLOᵢ, Tᵢ the transfer ms
/// and Eᵢ the edge ms at a whole share, αᵢ = √(kᵢTᵢ), γᵢ = √(kᵢEᵢ). Minimising Σ kᵢTᵢ/bᵢ subject to
/// Σbᵢ = 1 gives bᵢ = αᵢ/Σα (Lagrange: kᵢTᵢ/bᵢ² equal for all), at a cost of (Σα)²; compute alike.
/// So the best utility of an assignment is
///
///     U = Σ baseᵢ − (Σ αᵢ)² − (Σ γᵢ)²,   baseᵢ = wᵢ·accᵢ/100 − kᵢ·(device_msᵢ + RTTᵢ·[uses edge])
///
/// and only the discrete choice of options is left to search: shares are continuous and exact.
public struct AllocationProblem: Sendable {
    /// The devices, as given.
    public let devices: [AllocationDevice]
    /// The edge's capacity.
    public let edge: EdgeCapacity
    /// Per device, per option: the terms of the utility (nil for an option infeasible in an outage).
    let terms: [[OptionTerms?]]
    /// Per device, the options worth considering: feasible and not dominated by another option
    /// (one with at least the base utility and no more need for either share), best base first.
    let candidates: [[Int]]

    /// Checks every device, option and capacity and prepares the utility's terms.
    ///
    /// Throws when there are no devices, a device has no options or none it can run (an outage
    /// and no option that stays on the device), or a number is out of its quantity's range; the
    /// message names the device, the option and the field.
    public init(devices: [AllocationDevice], edge: EdgeCapacity) throws(AllocationError) {
        guard !devices.isEmpty else { throw AllocationError("no devices to allocate the edge to") }
        func check(_ value: Double, _ quantity: Quantity, _ field: String) throws(AllocationError) {
            do { _ = try quantity.check(value) } catch { throw AllocationError("\(field): \(error)") }
        }
        try check(edge.gmacsPerSecond, .gmacsPerSecond, "edge compute")
        try check(edge.uplinkMbps, .bandwidthMbps, "edge uplink")
        var terms: [[OptionTerms?]] = []
        var candidates: [[Int]] = []
        for device in devices {
            let who = device.name
            try check(device.accuracyWeight, .fraction, "\(who): accuracy weight")
            if device.bandwidthMbps != 0 { try check(device.bandwidthMbps, .bandwidthMbps, "\(who): bandwidth") }
            try check(device.rttMs, .rttMs, "\(who): round-trip time")
            try check(device.sloMs, .sloMs, "\(who): latency SLO")
            guard !device.options.isEmpty else { throw AllocationError("\(who): no options (no model version to run)") }
            for (index, option) in device.options.enumerated() {
                let field = "\(who): option \(index) (\(option.version) split \(option.split))"
                try check(option.accuracyPercent, .accuracyPercent, "\(field): accuracy")
                try check(option.deviceMs, .milliseconds, "\(field): device time")
                try check(option.transferBytes, .modelBytes, "\(field): bytes sent")
                try check(option.edgeMacs, .macs, "\(field): edge MACs")
            }
            let rate = min(device.bandwidthMbps, edge.uplinkMbps)
            let row = device.options.map { OptionTerms(option: $0, device: device, rateMbps: rate, edge: edge) }
            let kept = Self.undominated(row)
            guard !kept.isEmpty else {
                throw AllocationError("\(who): no feasible option: its bandwidth is 0 (an outage) and every option sends data to the edge")
            }
            terms.append(row)
            candidates.append(kept)
        }
        self.devices = devices
        self.edge = edge
        self.terms = terms
        self.candidates = candidates
    }

    /// The feasible options not dominated by another, best base first (ties: lower index first).
    static func undominated(_ row: [OptionTerms?]) -> [Int] {
        let feasible = row.enumerated().compactMap { index, terms in terms.map { (index: index, terms: $0) } }
        let kept = feasible.filter { a in
            !feasible.contains { b in
                guard b.index != a.index else { return false }
                let atLeast = b.terms.base >= a.terms.base && b.terms.alpha <= a.terms.alpha && b.terms.gamma <= a.terms.gamma
                let strictly = b.terms.base > a.terms.base || b.terms.alpha < a.terms.alpha || b.terms.gamma < a.terms.gamma
                return atLeast && (strictly || b.index < a.index)
            }
        }
        return kept.sorted { $0.terms.base > $1.terms.base || ($0.terms.base == $1.terms.base && $0.index < $1.index) }.map(\.index)
    }

    /// The total utility of choosing `choices[i]` for device i with the best shares for that choice.
    public func utility(of choices: [Int]) -> Double {
        var base = 0.0, alpha = 0.0, gamma = 0.0
        for (device, option) in choices.enumerated() {
            guard let t = terms[device][option] else { return -.infinity }
            base += t.base
            alpha += t.alpha
            gamma += t.gamma
        }
        return base - alpha * alpha - gamma * gamma
    }

    /// The allocation for these choices with the best shares (the closed form above).
    public func allocation(choosing choices: [Int]) -> Allocation {
        var alphaSum = 0.0, gammaSum = 0.0
        for (device, option) in choices.enumerated() {
            alphaSum += terms[device][option]?.alpha ?? 0
            gammaSum += terms[device][option]?.gamma ?? 0
        }
        let shares = choices.enumerated().map { device, option -> (compute: Double, bandwidth: Double) in
            let t = terms[device][option]
            return (compute: gammaSum > 0 ? (t?.gamma ?? 0) / gammaSum : 0,
                    bandwidth: alphaSum > 0 ? (t?.alpha ?? 0) / alphaSum : 0)
        }
        return allocation(choosing: choices, computeShares: shares.map(\.compute), bandwidthShares: shares.map(\.bandwidth))
    }

    /// The allocation for these choices with the given shares (each device's latency and utility).
    public func allocation(choosing choices: [Int], computeShares: [Double], bandwidthShares: [Double]) -> Allocation {
        let assignments = choices.indices.map { i in
            let option = devices[i].options[choices[i]]
            let latency = latencyMs(device: i, option: choices[i], computeShare: computeShares[i], bandwidthShare: bandwidthShares[i])
            return DeviceAllocation(option: choices[i], computeShare: computeShares[i], bandwidthShare: bandwidthShares[i],
                                    latencyMs: latency, utility: Self.utility(device: devices[i], accuracyPercent: option.accuracyPercent, latencyMs: latency))
        }
        return Allocation(devices: assignments)
    }

    /// Device i's latency on an option with these shares (infinite if it needs a share it lacks).
    public func latencyMs(device i: Int, option o: Int, computeShare: Double, bandwidthShare: Double) -> Double {
        let option = devices[i].options[o]
        guard option.usesEdge else { return option.deviceMs }
        guard let t = terms[i][o] else { return .infinity }
        let transfer = t.transferMs == 0 ? 0 : (bandwidthShare > 0 ? t.transferMs / bandwidthShare : .infinity)
        let compute = t.edgeMs == 0 ? 0 : (computeShare > 0 ? t.edgeMs / computeShare : .infinity)
        return option.deviceMs + devices[i].rttMs + transfer + compute
    }

    /// A device's utility for a version of this accuracy answering in this many ms.
    public static func utility(device: AllocationDevice, accuracyPercent: Double, latencyMs: Double) -> Double {
        device.accuracyWeight * accuracyPercent / 100 - (1 - device.accuracyWeight) * latencyMs / device.sloMs
    }
}

/// The utility's terms for one option of one device (see ``AllocationProblem``).
struct OptionTerms: Hashable, Sendable {
    /// Utility before sharing: weighted accuracy less the share-free latency in SLOs.
    var base: Double
    /// √(k·T): the option's claim on the uplink.
    var alpha: Double
    /// √(k·E): the option's claim on the edge's compute.
    var gamma: Double
    /// Transfer ms with the whole uplink.
    var transferMs: Double
    /// Edge ms with the whole edge.
    var edgeMs: Double

    /// The terms, or nil when the option must send data and the device's link is out.
    init?(option: AllocationOption, device: AllocationDevice, rateMbps: Double, edge: EdgeCapacity) {
        if option.transferBytes > 0, rateMbps <= 0 { return nil }
        let k = (1 - device.accuracyWeight) / device.sloMs
        transferMs = option.transferBytes > 0 ? option.transferBytes * 8 / (rateMbps * 1000) : 0
        edgeMs = option.edgeMacs / (edge.gmacsPerSecond * 1e6)
        let fixedMs = option.deviceMs + (option.usesEdge ? device.rttMs : 0)
        base = device.accuracyWeight * option.accuracyPercent / 100 - k * fixedMs
        alpha = (k * transferMs).squareRoot()
        gamma = (k * edgeMs).squareRoot()
    }
}
