import SplitAllocation
import SplitJSON
import SplitOIP
import SplitSession
import Testing
@testable import SplitEdge

/// The edge's account of its devices: who is seen, when it re-allocates, and what it tells each.
@Suite("EdgeShareBook")
struct EdgeShareBookTests {
    /// Two versions × two splits: all-edge (split 0) of each, and all-device (nothing sent).
    static func table(deviceMs: Double = 40) -> DeviceOptionsTable {
        DeviceOptionsTable(options: [
            AllocationOption(version: "small", accuracyPercent: 85, split: 0, deviceMs: 0, transferBytes: 3_136, edgeMacs: 2e6),
            AllocationOption(version: "small", accuracyPercent: 85, split: 5, deviceMs: deviceMs, transferBytes: 0, edgeMacs: 0),
            AllocationOption(version: "big", accuracyPercent: 92, split: 0, deviceMs: 0, transferBytes: 3_136, edgeMacs: 2e7),
            AllocationOption(version: "big", accuracyPercent: 92, split: 7, deviceMs: deviceMs * 10, transferBytes: 0, edgeMacs: 0),
        ])
    }

    static func report(_ id: String, weight: Double = 0.5, generation: Int = 1, table: DeviceOptionsTable? = table(),
                       bandwidth: Double = 20) -> DeviceReport {
        DeviceReport(deviceID: id, taskWeight: weight, sloMs: 100, rttMs: 5, bandwidthMbps: bandwidth,
                     optionsGeneration: generation, options: table)
    }

    /// The allocation a fresh book makes at time 0 of `reports` on an edge of `gmacsPerSecond`.
    static func allocation(of reports: [DeviceReport], gmacsPerSecond: Double = 1, uplinkMbps: Double? = 20) throws -> EdgeAllocation {
        var book = EdgeShareBook(settings: .init(uplinkMbps: uplinkMbps))
        for report in reports { book.observe(report, at: 0) }
        _ = book.refresh(at: 0, gmacsPerSecond: gmacsPerSecond)
        return try #require(book.allocation)
    }

    @Test("three devices get a share each; the shares sum to at most 1; the log of ids is sorted")
    func registration() throws {
        var book = EdgeShareBook(settings: .init(uplinkMbps: 20))
        for id in ["cam-3", "cam-1", "cam-2"] { book.observe(Self.report(id), at: 0) }
        let made1 = book.refresh(at: 0, gmacsPerSecond: 1)
        #expect(made1)
        let allocation = try #require(book.allocation)
        #expect(allocation.generation == 1 && allocation.allocator == .exact)
        #expect(allocation.devices.map(\.deviceID) == ["cam-1", "cam-2", "cam-3"])
        #expect(allocation.devices.allSatisfy { $0.computeShare > 0 && $0.bandwidthShare > 0 })
        #expect(allocation.devices.reduce(0) { $0 + $1.computeShare } <= 1 + 1e-9)
        #expect(allocation.devices.reduce(0) { $0 + $1.bandwidthShare } <= 1 + 1e-9)
        #expect(book.deviceIDs == ["cam-1", "cam-2", "cam-3"])
    }

    @Test("an accuracy-sensitive task gets the more accurate version, a latency-sensitive one the faster")
    func weights() throws {
        let allocation = try Self.allocation(of: [Self.report("accurate", weight: 0.95), Self.report("quick", weight: 0.05)])
        #expect(allocation.share(of: "accurate")?.version == "big")
        #expect(allocation.share(of: "quick")?.version == "small")
    }

    @Test("re-allocation waits for a change and for the minimum interval")
    func triggers() throws {
        var book = EdgeShareBook(settings: .init(expiryS: 3, minIntervalS: 1, uplinkMbps: 20))
        book.observe(Self.report("a"), at: 0)
        let made2 = book.refresh(at: 0, gmacsPerSecond: 1)
        #expect(made2)
        // A second device arrives within the interval of the last allocation: it waits…
        book.observe(Self.report("b"), at: 0.5)
        let made3 = book.refresh(at: 0.5, gmacsPerSecond: 1)
        #expect(!made3)
        #expect(book.allocation?.devices.count == 1)
        // …until the interval has passed.
        let made4 = book.refresh(at: 1.0, gmacsPerSecond: 1)
        #expect(made4)
        #expect(book.allocation?.devices.count == 2)
        // Nothing changed: no new allocation, however long it has been.
        book.observe(Self.report("a"), at: 2)
        book.observe(Self.report("b"), at: 2)
        let made5 = book.refresh(at: 2.5, gmacsPerSecond: 1)
        #expect(!made5)
        let generation = try #require(book.allocation?.generation)
        // A new options table (a new generation) re-allocates once the interval has passed.
        book.observe(Self.report("a", generation: 2, table: Self.table(deviceMs: 1)), at: 3)
        let made6 = book.refresh(at: 3, gmacsPerSecond: 1)
        #expect(made6)
        #expect(try #require(book.allocation?.generation) == generation + 1)
        // The edge's compute rate doubling re-allocates; a smaller move does not.
        book.observe(Self.report("a", generation: 2, table: nil), at: 5)
        book.observe(Self.report("b", table: nil), at: 5)
        let made7 = book.refresh(at: 5, gmacsPerSecond: 1.9)
        #expect(!made7)
        let made8 = book.refresh(at: 5, gmacsPerSecond: 2.1)
        #expect(made8)
    }

    @Test("a device not seen for the expiry is forgotten, and the others' shares grow")
    func expiry() throws {
        var book = EdgeShareBook(settings: .init(expiryS: 3, minIntervalS: 1, uplinkMbps: 20))
        for id in ["a", "b", "c"] { book.observe(Self.report(id, weight: 0.05), at: 0) }
        _ = book.refresh(at: 0, gmacsPerSecond: 1)
        let before = try #require(book.allocation)
        #expect(before.devices.count == 3)
        for t in [1.0, 2.0, 3.0, 4.0] {
            book.observe(Self.report("a", weight: 0.05, table: nil), at: t)
            book.observe(Self.report("b", weight: 0.05, table: nil), at: t)
        }
        let made9 = book.refresh(at: 4, gmacsPerSecond: 1)
        #expect(made9)
        let after = try #require(book.allocation)
        #expect(book.deviceIDs == ["a", "b"])
        #expect(after.devices.map(\.deviceID) == ["a", "b"])
        for id in ["a", "b"] {
            let old = try #require(before.share(of: id)), new = try #require(after.share(of: id))
            #expect(new.computeShare > old.computeShare, "\(id): \(old.computeShare) → \(new.computeShare)")
        }
    }

    @Test("a device whose request the edge answered is seen then: time its request spent in the edge's queue never expires it")
    func answeredIsSeen() throws {
        var book = EdgeShareBook(settings: .init(expiryS: 3, minIntervalS: 1, uplinkMbps: 20))
        for id in ["a", "b"] { book.observe(Self.report(id), at: 0) }
        _ = book.refresh(at: 0, gmacsPerSecond: 1)
        // a's request arrived at 0 and was answered at 2.5; b's was answered at once and b sent nothing since.
        book.seen("a", at: 2.5)
        book.seen("b", at: 0.1)
        // An answer never moves a device back in time, and one never observed is not registered by it.
        book.seen("a", at: 1)
        book.seen("ghost", at: 2.5)
        let made = book.refresh(at: 4, gmacsPerSecond: 1)
        #expect(made)
        #expect(book.deviceIDs == ["a"])
        #expect(book.allocation?.devices.map(\.deviceID) == ["a"])
        _ = book.refresh(at: 5.6, gmacsPerSecond: 1)
        #expect(book.deviceIDs.isEmpty, "seen last at 2.5, gone after 5.5")
    }

    @Test("a device whose table the edge lacks is asked for it, and the whole allocation goes only to who lacks its generation")
    func replies() throws {
        var book = EdgeShareBook(settings: .init(uplinkMbps: 20))
        // Generation 3 announced without its table (the edge restarted, say).
        book.observe(Self.report("a", generation: 3, table: nil), at: 0)
        _ = book.refresh(at: 0, gmacsPerSecond: 1)
        var reply = book.reply(to: "a", knownAllocation: nil)
        #expect(reply.optionsWanted && reply.share == nil && book.allocation == nil)
        book.observe(Self.report("a", generation: 3), at: 0.5)
        _ = book.refresh(at: 0.5, gmacsPerSecond: 1)
        reply = book.reply(to: "a", knownAllocation: nil)
        #expect(!reply.optionsWanted && reply.share != nil && reply.allocation?.generation == 1)
        reply = book.reply(to: "a", knownAllocation: 1)
        #expect(reply.allocation == nil && reply.generation == 1 && reply.share != nil)
    }

    @Test("without a shared uplink only compute is shared: bandwidth shares are 0")
    func unconstrainedUplink() throws {
        let allocation = try Self.allocation(of: [Self.report("a"), Self.report("b")], uplinkMbps: nil)
        #expect(allocation.devices.allSatisfy { $0.bandwidthShare == 0 })
        #expect(allocation.devices.contains { $0.computeShare > 0 })
        #expect(allocation.uplinkMbps == nil)
    }

    @Test("a device in an outage with nothing to run locally is left out and told why; the others are served")
    func infeasibleDevice() throws {
        var book = EdgeShareBook(settings: .init(uplinkMbps: 20))
        let offloadOnly = DeviceOptionsTable(options: [Self.table().options[0]])
        book.observe(Self.report("dark", table: offloadOnly, bandwidth: 0), at: 0)
        book.observe(Self.report("lit"), at: 0)
        _ = book.refresh(at: 0, gmacsPerSecond: 1)
        #expect(book.allocation?.devices.map(\.deviceID) == ["lit"])
        let reply = book.reply(to: "dark", knownAllocation: nil)
        #expect(reply.share == nil)
        #expect(reply.error?.contains("no feasible option") == true, "\(reply.error ?? "nil")")
    }

    @Test("the allocation's JSON carries the shares event's fields and the generation")
    func allocationJSON() throws {
        var book = EdgeShareBook(settings: .init(uplinkMbps: 20))
        book.observe(Self.report("a"), at: 0)
        _ = book.refresh(at: 0, gmacsPerSecond: 2)
        let json = try #require(book.allocation?.json().objectValue)
        #expect(json["generation"]?.intValue == 1)
        #expect(json["allocator"]?.stringValue == "exact")
        #expect(json["edge"]?.objectValue?["uplink_mbps"]?.doubleValue == 20)
        let device = try #require(json["devices"]?.arrayValue?.first?.objectValue)
        #expect(device["device"]?.stringValue == "a")
        #expect(device["compute_share"]?.doubleValue == 1 || device["split"]?.intValue != 0)
        #expect(device.keys.contains("split") && device.keys.contains("bandwidth_share"))
    }

    /// The allocation's JSON as a device reads it.
    static func readBack(_ allocation: EdgeAllocation) throws -> SharesEvent {
        try EdgeAllocation.sharesEvent(parsing: allocation.json().serialized()).get()
    }

    @Test("the allocation's JSON is the shares event the session codec reads back, rounded as sent")
    func allocationReadsBack() throws {
        let allocation = try Self.allocation(of: [Self.report("a", weight: 0.9), Self.report("b", weight: 0.1)], gmacsPerSecond: 2)
        #expect(try Self.readBack(allocation) == allocation.sharesEvent)
        #expect(allocation.sharesEvent.devices.map(\.device) == ["a", "b"])
    }

    @Test("a latency or utility no session reader accepts is left out, not made to spoil the whole allocation")
    func extremeFiguresLeftOut() throws {
        let allocation = EdgeAllocation(generation: 3, allocator: .fast, gmacsPerSecond: 1, uplinkMbps: nil, devices: [
            EdgeDeviceShare(deviceID: "slow", taskWeight: 0.5, version: "v", split: 0, computeShare: 0.5, bandwidthShare: 0,
                            predictedMs: 5e12, utility: -1e19),
            EdgeDeviceShare(deviceID: "never", taskWeight: 0.5, version: "v", split: 0, computeShare: 0.5, bandwidthShare: 0,
                            predictedMs: .infinity, utility: -.infinity),
            EdgeDeviceShare(deviceID: "fine", taskWeight: 0.5, version: "v", split: 2, computeShare: 0, bandwidthShare: 0,
                            predictedMs: 12.3456, utility: 0.25),
        ])
        let shares = try Self.readBack(allocation)
        #expect(shares.devices.map(\.predictedMs) == [nil, nil, 12.346])
        #expect(shares.devices.map(\.utility) == [nil, nil, 0.25])
    }

    @Test("the book keeps at most maxDevices devices: one more is refused, those it has are still seen")
    func bounded() {
        var book = EdgeShareBook()
        for i in 0..<EdgeShareBook.maxDevices { book.observe(Self.report("d\(i)", table: nil), at: 0) }
        let extra = book.observe(Self.report("one-more", table: nil), at: 0)
        let known = book.observe(Self.report("d7", table: nil), at: 1)
        #expect(!extra && known)
        #expect(book.deviceIDs.count == EdgeShareBook.maxDevices)
    }
}
