import SplitTraces

/// Many devices sharing one edge over real bandwidth traces, re-allocated every second.
///
/// Each second t the allocator sees each device's bandwidth as the mean rate of its trace over
/// the second before (what the device measured), solves, and the devices run one inference each
/// with the options and shares it chose. What they get is measured on the trace itself: the
/// transfer of `bytes` at share b takes as long as `bytes / b` over the whole channel from time t
/// (outages included), and no less than at the edge's uplink total; edge compute takes
/// `edge ms / c`. Utility, latency and SLO misses are counted from these realised latencies, so
/// a decision made on a stale estimate pays for it.
public struct FleetSimulation: Sendable {
    /// The devices, each with its trace.
    public var devices: [FleetDevice]
    /// The shared edge.
    public var edge: EdgeCapacity
    /// Seconds simulated (one decision and one inference per device per second).
    public var durationS: Int
    /// The exact search's node budget.
    public var exactBudget: Int

    public init(devices: [FleetDevice], edge: EdgeCapacity, durationS: Int, exactBudget: Int = ExactAllocator().nodeBudget) {
        self.devices = devices
        self.edge = edge
        self.durationS = durationS
        self.exactBudget = exactBudget
    }

    /// Runs the session with one allocator; `clock` (seconds, monotonic) times the solves only.
    ///
    /// `observe` is handed every second as it is simulated (to record the session), with why each
    /// device that changed its version or split changed (``reassignment(of:previous:current:chose:kind:)``,
    /// which solves again, so only for an observer); it does not change what the simulation does.
    public func run(_ kind: AllocatorKind, clock: () -> Double,
                    observe: ((FleetSecond) throws -> Void)? = nil) throws -> FleetSummary {
        var tally = FleetSummary(allocator: kind, devices: devices.count, seconds: durationS)
        var before: (deciding: [AllocationDevice], options: [Int])?
        for second in 0..<durationS {
            let t = Double(second)
            let deciding = devices.map { device in
                AllocationDevice(name: device.name, accuracyWeight: device.accuracyWeight,
                                 bandwidthMbps: device.trace.bytesDelivered(from: t - 1, to: t) * 8 / 1e6,
                                 rttMs: device.rttMs, sloMs: device.sloMs, options: device.options)
            }
            let problem: AllocationProblem
            do {
                problem = try AllocationProblem(devices: deciding, edge: edge)
            } catch {
                throw AllocationError("at \(second) s: \(error)")
            }
            let started = clock()
            let allocation = try kind.solve(problem, exactBudget: exactBudget)
            tally.addSolve(ms: (clock() - started) * 1000)
            var utility = 0.0
            var inferences: [FleetInference] = []
            for (i, device) in devices.enumerated() {
                let chosen = allocation.devices[i]
                let option = device.options[chosen.option]
                var inference = realisedInference(device, option, chosen, at: t)
                let latency = inference.totalMs
                let u = AllocationProblem.utility(device: deciding[i], accuracyPercent: option.accuracyPercent, latencyMs: latency)
                inference.utility = u
                inferences.append(inference)
                utility += u
                tally.addInference(latencyMs: latency, sloMs: device.sloMs, accuracyPercent: option.accuracyPercent,
                                   offloaded: option.usesEdge)
            }
            tally.addSecond(utility: utility, planned: allocation.totalUtility)
            guard let observe else { continue }
            let options = allocation.devices.map(\.option)
            let reassigned = devices.indices.map { i -> FleetReassignment? in
                guard let before, before.options[i] != options[i] else { return nil }
                return reassignment(of: i, previous: before, current: deciding, chose: options[i], kind: kind)
            }
            before = (deciding, options)
            try observe(FleetSecond(second: second, estimatedMbps: deciding.map(\.bandwidthMbps), allocation: allocation,
                                    inferences: inferences, reassigned: reassigned))
        }
        return tally
    }

    /// Why the allocator moved device `i` from its option of the second before: its own bandwidth,
    /// when its new estimate alone, the other devices' estimates held as they were, moves it off
    /// that option; else the allocator's division of the edge among the devices, whose other
    /// devices' estimates moved it (``FleetReassignment/edgeShares``).
    ///
    /// Solves once more with the mixed estimates unless one side did not change (then the answer
    /// is known: the second's own allocation, or the second before's). A mixed problem the
    /// allocator cannot solve is put down to the shares: its own channel is not shown to suffice.
    func reassignment(of i: Int, previous: (deciding: [AllocationDevice], options: [Int]), current: [AllocationDevice],
                      chose option: Int, kind: AllocatorKind) -> FleetReassignment {
        let ownMoved = previous.deciding[i].bandwidthMbps != current[i].bandwidthMbps
        let othersMoved = current.indices.contains { $0 != i && previous.deciding[$0].bandwidthMbps != current[$0].bandwidthMbps }
        guard ownMoved else { return .edgeShares }
        guard othersMoved else { return .bandwidth }
        var mixed = previous.deciding
        mixed[i] = current[i]
        guard let problem = try? AllocationProblem(devices: mixed, edge: edge),
              let alone = try? kind.solve(problem, exactBudget: exactBudget) else { return .edgeShares }
        return alone.devices[i].option != previous.options[i] ? .bandwidth : .edgeShares
    }

    /// One inference on the trace from time t with these shares, in its parts (utility left 0 for the caller).
    func realisedInference(_ device: FleetDevice, _ option: AllocationOption, _ chosen: DeviceAllocation, at t: Double) -> FleetInference {
        var inference = FleetInference(option: option, deviceMs: option.deviceMs, transferMs: 0, rttMs: 0, edgeMs: 0, utility: 0)
        guard option.usesEdge else { return inference }
        inference.rttMs = device.rttMs
        if option.transferBytes > 0 {
            let channelBytes = chosen.bandwidthShare > 0 ? min(option.transferBytes / chosen.bandwidthShare, 1e15) : .infinity
            if channelBytes.isFinite, let seconds = device.trace.transferTime(bytes: Int(channelBytes.rounded(.up)), startingAt: t) {
                inference.transferMs = max(seconds * 1000, channelBytes * 8 / (edge.uplinkMbps * 1000))
            } else {
                inference.transferMs = .infinity
            }
        }
        if option.edgeMacs > 0 {
            inference.edgeMs = chosen.computeShare > 0 ? option.edgeMacs / (edge.gmacsPerSecond * 1e6) / chosen.computeShare : .infinity
        }
        return inference
    }
}

/// One device of a fleet: its task, its options and the trace of its channel.
public struct FleetDevice: Sendable {
    public var name: String
    /// The task's weight on accuracy, in [0, 1) (see ``AllocationProblem``).
    public var accuracyWeight: Double
    public var sloMs: Double
    public var rttMs: Double
    public var options: [AllocationOption]
    /// The rate the device would get with the whole uplink, over time (looped).
    public var trace: BandwidthTrace

    public init(name: String, accuracyWeight: Double, sloMs: Double, rttMs: Double, options: [AllocationOption], trace: BandwidthTrace) {
        self.name = name
        self.accuracyWeight = accuracyWeight
        self.sloMs = sloMs
        self.rttMs = rttMs
        self.options = options
        self.trace = trace
    }
}
