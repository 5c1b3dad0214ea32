import SplitAllocation
import SplitModels

/// The edge's account of the devices sharing it and of their allocation: pure, clock passed in.
///
/// Every request from a device (one that sends `device_id`) is ``observe(_:at:)``d: the device is
/// seen now, its task and link are kept, and a table of options it sends replaces the one kept;
/// when the edge answers it, the device is ``seen(_:at:)`` again, so a request the edge itself
/// held in its queue never makes its device look gone.
/// ``refresh(at:gmacsPerSecond:)`` forgets devices not seen for ``Settings/expiryS`` and, when
/// something that matters changed — a device came or went, sent a new table, changed its task,
/// its bandwidth moved by more than a quarter, or the edge's measured compute doubled or halved — solves the allocation
/// again, at most once per ``Settings/minIntervalS``: the exact allocator for up to
/// ``Settings/exactMaxDevices`` devices, the fast one above (or when the exact search runs out of
/// budget). Only devices with a table take part; a device whose figures no allocation can use (an
/// outage and no option that stays on the device) is left out and told why.
public struct EdgeShareBook: Sendable {
    /// How the book keeps devices and re-allocates.
    public struct Settings: Hashable, Sendable {
        /// A device not seen for this long (s) is forgotten and the others share what it had.
        public var expiryS: Double
        /// The least time between two allocations, in s.
        public var minIntervalS: Double
        /// Up to this many devices the exact allocator solves; the fast one above.
        public var exactMaxDevices: Int
        /// The uplink the devices share, in Mbit/s; nil: unconstrained, only compute is shared.
        public var uplinkMbps: Double?
        /// The edge's compute rate as stated, in GMAC/s; nil: measured from its computations (the
        /// allocation then follows the measured rate when it doubles or halves).
        public var gmacsPerSecond: Double?

        public init(expiryS: Double = 3, minIntervalS: Double = 1, exactMaxDevices: Int = 8, uplinkMbps: Double? = nil,
                    gmacsPerSecond: Double? = nil) {
            self.expiryS = expiryS
            self.minIntervalS = minIntervalS
            self.exactMaxDevices = exactMaxDevices
            self.uplinkMbps = uplinkMbps
            self.gmacsPerSecond = gmacsPerSecond
        }
    }

    /// One device as the edge knows it.
    struct Entry: Hashable, Sendable {
        var report: DeviceReport
        var table: DeviceOptionsTable?
        var tableGeneration: Int?
        var lastSeen: Double
        /// Why it has no share (a table that could not be read, figures no allocation can use).
        var error: String?
    }

    /// What the edge tells a device after a request.
    public struct Reply: Hashable, Sendable {
        /// Its part of the allocation in force, if it has one.
        public var share: EdgeDeviceShare?
        /// The allocation in force, when the device has not recorded its generation yet.
        public var allocation: EdgeAllocation?
        /// The allocation's generation (nil: no allocation yet).
        public var generation: Int?
        /// The edge holds no table of the device's generation: send it again.
        public var optionsWanted: Bool
        /// Why the device has no share, or what was wrong with what it sent.
        public var error: String?
    }

    public let settings: Settings
    private var entries: [String: Entry] = [:]
    /// The allocation in force (nil before the first, or when no device has a table).
    public private(set) var allocation: EdgeAllocation?
    private var generation = 0
    private var dirty = false
    private var allocatedAt: Double?
    private var allocatedGmacs: Double?
    private var bandwidthAtAllocation: [String: Double] = [:]

    public init(settings: Settings = Settings()) {
        self.settings = settings
    }

    /// The ids of the devices seen within the expiry, sorted.
    public var deviceIDs: [String] { entries.keys.sorted() }

    /// The most devices the book keeps at once (the catalogue's device count): a request naming
    /// another device beyond it is served without a share.
    public static let maxDevices = Int(Quantity.deviceCount.highest)

    /// Takes one request's report: the device is seen at `t`. False when the book is full and
    /// the device is new (it gets no share).
    @discardableResult
    public mutating func observe(_ report: DeviceReport, at t: Double) -> Bool {
        guard entries[report.deviceID] != nil || entries.count < Self.maxDevices else { return false }
        var entry = entries[report.deviceID] ?? Entry(report: report, lastSeen: t)
        if entries[report.deviceID] == nil { dirty = true }
        let old = entry.report
        if old.taskWeight != report.taskWeight || old.sloMs != report.sloMs || old.rttMs != report.rttMs { dirty = true }
        if let before = bandwidthAtAllocation[report.deviceID], Self.moved(before, report.bandwidthMbps) { dirty = true }
        entry.report = report
        entry.report.options = nil
        entry.lastSeen = t
        if let table = report.options, entry.tableGeneration != report.optionsGeneration || entry.table != table {
            entry.table = table
            entry.tableGeneration = report.optionsGeneration
            entry.error = nil
            dirty = true
        }
        if let message = report.optionsError { entry.error = message }
        entries[report.deviceID] = entry
        return true
    }

    /// Device `id`'s request was answered at `t`: the device is seen then (nothing else changes).
    public mutating func seen(_ id: String, at t: Double) {
        guard var entry = entries[id] else { return }
        entry.lastSeen = max(entry.lastSeen, t)
        entries[id] = entry
    }

    /// Forgets devices not seen since `t − expiry` and re-allocates if something changed and the
    /// last allocation is old enough; true when a new allocation was made (or the last one dropped).
    public mutating func refresh(at t: Double, gmacsPerSecond: Double) -> Bool {
        let before = entries.count
        entries = entries.filter { t - $0.value.lastSeen <= settings.expiryS }
        if entries.count != before { dirty = true }
        // The measured rate of small requests on a loaded machine swings: only a doubling or a halving counts.
        if let last = allocatedGmacs, Self.moved(last, gmacsPerSecond, by: 2) { dirty = true }
        guard dirty else { return false }
        if let allocatedAt, t - allocatedAt < settings.minIntervalS { return false }
        dirty = false
        allocatedAt = t
        allocatedGmacs = gmacsPerSecond
        bandwidthAtAllocation = entries.mapValues(\.report.bandwidthMbps)
        let previous = allocation
        allocation = solve(gmacsPerSecond: gmacsPerSecond)
        // Nothing to allocate before nor now (no device has sent its table): that holds back no one.
        if allocation == nil, previous == nil { allocatedAt = nil }
        return allocation != previous
    }

    /// What to tell device `id` after its request (which said it last recorded `known`).
    public func reply(to id: String, knownAllocation known: Int?) -> Reply {
        guard let entry = entries[id] else {
            return Reply(share: nil, allocation: nil, generation: allocation?.generation, optionsWanted: false, error: nil)
        }
        let wanted = entry.tableGeneration != entry.report.optionsGeneration
        let share = allocation?.share(of: id)
        let sendWhole = allocation.map { $0.generation != known } ?? false
        return Reply(share: share, allocation: sendWhole ? allocation : nil, generation: allocation?.generation,
                     optionsWanted: wanted, error: entry.error)
    }

    /// Whether a figure moved by more than a factor (a quarter by default).
    private static func moved(_ before: Double, _ now: Double, by factor: Double = 1.25) -> Bool {
        guard before > 0, now > 0 else { return before != now }
        return max(before, now) / min(before, now) > factor
    }

    /// Solves for the devices with a table; the others get nothing.
    private mutating func solve(gmacsPerSecond: Double) -> EdgeAllocation? {
        let gmacs = Quantity.gmacsPerSecond.clamp(gmacsPerSecond)
        let uplink = settings.uplinkMbps
        let edge = EdgeCapacity(gmacsPerSecond: gmacs, uplinkMbps: uplink ?? Quantity.bandwidthMbps.highest)
        var devices: [AllocationDevice] = []
        // Devices that stated no accuracy: their utility's accuracy term is unknown, so it is not reported.
        var accuracyUnknown: Set<String> = []
        for id in entries.keys.sorted() {
            guard var entry = entries[id], let table = entry.table else { continue }
            let device = Self.allocationDevice(entry.report, table: table, uplinkConstrained: uplink != nil)
            // A device no allocation can serve is left out, and told why, rather than failing all.
            do {
                _ = try AllocationProblem(devices: [device], edge: edge)
                if entry.report.optionsError == nil { entry.error = nil }
                devices.append(device)
                if !table.statesAccuracy { accuracyUnknown.insert(id) }
            } catch {
                entry.error = "no share: \(error)"
            }
            entries[id] = entry
        }
        guard !devices.isEmpty, let problem = try? AllocationProblem(devices: devices, edge: edge) else { return nil }
        var kind: AllocatorKind = devices.count <= settings.exactMaxDevices ? .exact : .fast
        var solved: Allocation
        do {
            solved = try kind.solve(problem)
        } catch {
            kind = .fast
            solved = FastAllocator().solve(problem)
        }
        generation += 1
        let shares = zip(devices, solved.devices).map { device, chosen in
            let option = device.options[chosen.option]
            return EdgeDeviceShare(deviceID: device.name, taskWeight: device.accuracyWeight, version: option.version,
                                   split: option.split, computeShare: chosen.computeShare,
                                   bandwidthShare: uplink == nil ? 0 : chosen.bandwidthShare,
                                   predictedMs: chosen.latencyMs,
                                   utility: accuracyUnknown.contains(device.name) ? nil : chosen.utility)
        }
        return EdgeAllocation(generation: generation, allocator: kind, gmacsPerSecond: gmacs, uplinkMbps: uplink, devices: shares)
    }

    /// A device as the allocator sees it. Without a shared uplink the transfer is the device's own
    /// business: its time at the device's rate joins the device time and nothing is left to share
    /// of the link (an option that sends bytes but leaves the edge no MACs keeps one MAC, so it
    /// still pays the round trip).
    static func allocationDevice(_ report: DeviceReport, table: DeviceOptionsTable, uplinkConstrained: Bool) -> AllocationDevice {
        var options = table.allocatorOptions
        if !uplinkConstrained, report.bandwidthMbps > 0 {
            options = options.map { option in
                guard option.transferBytes > 0 else { return option }
                var folded = option
                folded.deviceMs += option.transferBytes * 8 / (report.bandwidthMbps * 1000)
                folded.transferBytes = 0
                folded.edgeMacs = max(1, option.edgeMacs)
                return folded
            }
        }
        return AllocationDevice(name: report.deviceID, accuracyWeight: AllocationDevice.accuracyWeight(forTask: report.taskWeight),
                                bandwidthMbps: report.bandwidthMbps,
                                rttMs: report.rttMs, sloMs: report.sloMs, options: options)
    }
}
