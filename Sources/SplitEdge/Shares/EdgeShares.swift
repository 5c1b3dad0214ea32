import SplitModels
import SplitOIP

/// The live edge's ``EdgeShareBook`` with its effects: the clock, the edge's measured compute
/// rate, and a log line for every new allocation and every new complaint about a device.
public actor EdgeShares {
    private var book: EdgeShareBook
    private let clock = ContinuousClock()
    private let start: ContinuousClock.Instant
    private let log: @Sendable (String) -> Void
    /// MACs and ms of recent computations, for the edge's GMAC/s.
    private var rate = ComputeRate()
    /// The last complaint logged per device, so each is logged once.
    private var logged: [String: String] = [:]

    public init(settings: EdgeShareBook.Settings = .init(), log: @escaping @Sendable (String) -> Void = { _ in }) {
        book = EdgeShareBook(settings: settings)
        start = clock.now
        self.log = log
    }

    /// The settings the book runs with.
    public var settings: EdgeShareBook.Settings { book.settings }

    /// The allocation in force.
    public var allocation: EdgeAllocation? { book.allocation }

    /// The edge's compute rate as measured so far, in GMAC/s.
    public var gmacsPerSecond: Double { rate.gmacsPerSecond }

    /// Takes a request's parameters: registers the device they name (if any), re-allocates when
    /// due, and returns what to schedule the request with and what to add to its response.
    public func admit(_ parameters: [String: Inference_InferParameter]) -> Admission {
        let report: DeviceReport?
        do {
            report = try DeviceReport.read(parameters)
        } catch {
            let who = parameters[EdgeParameter.deviceID]?.text ?? "?"
            complain(who, "device \(DisplayText.quoted(who)): \(error.message); served without a share")
            return Admission(flow: who, share: 1, response: [EdgeParameter.allocationError: .string(error.message)])
        }
        guard let report else { return Admission(flow: "", share: 1, response: [:]) }
        let t = (clock.now - start) / .seconds(1)
        guard book.observe(report, at: t) else {
            let message = "the edge already keeps \(EdgeShareBook.maxDevices) devices; served without a share"
            complain(report.deviceID, "device \(DisplayText.quoted(report.deviceID)): \(message)")
            return Admission(flow: report.deviceID, share: EdgeScheduler.leastShare, response: [EdgeParameter.allocationError: .string(message)])
        }
        if book.refresh(at: t, gmacsPerSecond: book.settings.gmacsPerSecond ?? rate.gmacsPerSecond), let allocation = book.allocation {
            log(Self.describe(allocation))
        }
        let reply = book.reply(to: report.deviceID, knownAllocation: report.knownAllocation)
        if let error = reply.error { complain(report.deviceID, "device \(DisplayText.quoted(report.deviceID)): \(error)") }
        let share = reply.share?.computeShare ?? book.allocation.map { 1 / Double(max(1, $0.devices.count)) } ?? 1
        return Admission(flow: report.deviceID, share: share, response: Self.parameters(reply, uplinkMbps: book.settings.uplinkMbps))
    }

    /// The request of `flow` (a device's id; "" for a plain client) was answered or failed: its
    /// device is seen now, so the time its request waited in the edge's queue never counts
    /// towards forgetting it.
    public func answered(_ flow: String) {
        guard !flow.isEmpty else { return }
        book.seen(flow, at: (clock.now - start) / .seconds(1))
    }

    /// Records one computation, for the edge's measured GMAC/s.
    public func recordCompute(macs: Double, milliseconds: Double) {
        rate.add(macs: macs, milliseconds: milliseconds)
    }

    private func complain(_ id: String, _ message: String) {
        guard logged[id] != message else { return }
        if logged.count >= EdgeShareBook.maxDevices { logged.removeAll() }
        logged[id] = message
        log(message)
    }

    /// The response parameters of a reply.
    static func parameters(_ reply: EdgeShareBook.Reply, uplinkMbps: Double?) -> [String: Inference_InferParameter] {
        var parameters: [String: Inference_InferParameter] = [:]
        if let share = reply.share {
            parameters[EdgeParameter.computeShare] = .double(EdgeAllocation.share(share.computeShare))
            parameters[EdgeParameter.bandwidthShare] = .double(EdgeAllocation.share(share.bandwidthShare))
            parameters[EdgeParameter.assignedVersion] = .string(share.version)
            parameters[EdgeParameter.assignedSplit] = .int64(Int64(share.split))
        }
        if let generation = reply.generation { parameters[EdgeParameter.allocationGeneration] = .int64(Int64(generation)) }
        if let whole = reply.allocation { parameters[EdgeParameter.allocation] = .string(whole.json().serialized()) }
        if let uplinkMbps { parameters[EdgeParameter.uplinkMbps] = .double(uplinkMbps) }
        if reply.optionsWanted {
            var wanted = Inference_InferParameter()
            wanted.boolParam = true
            parameters[EdgeParameter.optionsWanted] = wanted
        }
        if let error = reply.error { parameters[EdgeParameter.allocationError] = .string(error) }
        return parameters
    }

    /// One line for the log: the allocator, then each device's version, split and shares (the
    /// device's id and version name as it sent them, escaped and bounded by ``DisplayText``).
    static func describe(_ allocation: EdgeAllocation) -> String {
        func percent(_ x: Double) -> String { "\(Int((x * 100).rounded())) %" }
        let uplink = allocation.uplinkMbps.map { "\($0) Mbit/s uplink" } ?? "uplink not shared"
        let each = allocation.devices.map { share in
            "\(DisplayText.escaped(share.deviceID)) (w \(share.taskWeight)): \(DisplayText.escaped(share.version)) split \(share.split), compute \(percent(share.computeShare))"
                + (allocation.uplinkMbps == nil ? "" : ", uplink \(percent(share.bandwidthShare))")
        }
        return "allocation \(allocation.generation) (\(allocation.allocator.rawValue), "
            + "\(EdgeAllocation.rounded(allocation.gmacsPerSecond, places: 100)) GMAC/s, \(uplink)): " + each.joined(separator: "; ")
    }

    /// How one request is scheduled and what its response carries.
    public struct Admission: Sendable {
        /// The request's flow in the scheduler: the device's id, "" for a plain client.
        public var flow: String
        /// The flow's share of the edge's compute.
        public var share: Double
        /// Parameters to add to the response.
        public var response: [String: Inference_InferParameter]
    }
}

/// The edge's compute rate: MACs over milliseconds of its recent computations (the last 256).
struct ComputeRate: Sendable {
    private var samples: [(macs: Double, ms: Double)] = []

    /// The rate before anything was measured, in GMAC/s.
    static let unmeasured = 10.0

    mutating func add(macs: Double, milliseconds: Double) {
        guard macs > 0, milliseconds > 0, macs.isFinite, milliseconds.isFinite else { return }
        samples.append((macs, milliseconds))
        if samples.count > 256 { samples.removeFirst(samples.count - 256) }
    }

    var gmacsPerSecond: Double {
        let macs = samples.reduce(0) { $0 + $1.macs }
        let ms = samples.reduce(0) { $0 + $1.ms }
        return ms > 0 ? macs / (ms * 1e6) : Self.unmeasured
    }
}
