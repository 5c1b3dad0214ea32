import SplitAllocation
import SplitJSON
import SplitSession
import Testing
@testable import SplitEdge

/// A device that does not state a version's accuracy: the table says so on the wire, and the
/// edge's allocation does not take the version as 0 % accurate.
@Suite("Options of unstated accuracy")
struct UnstatedAccuracyTests {
    static func option(_ version: String, accuracy: Double = 0, split: Int, deviceMs: Double, macs: Double) -> AllocationOption {
        AllocationOption(version: version, accuracyPercent: accuracy, split: split, deviceMs: deviceMs,
                         transferBytes: split == 0 ? 3_136 : 0, edgeMacs: split == 0 ? macs : 0)
    }

    @Test("an unstated accuracy is left out of the table's JSON and read back as unstated, never as 0")
    func wire() throws {
        let table = DeviceOptionsTable(options: [Self.option("one", split: 0, deviceMs: 0, macs: 2e6),
                                                 Self.option("one", split: 5, deviceMs: 40, macs: 0)],
                                       unstatedAccuracy: ["one"])
        let text = table.encoded()
        #expect(!text.contains("accuracy_pct"), "\(text)")
        let read = try DeviceOptionsTable(parsing: text)
        #expect(read.unstatedAccuracy == ["one"])
        #expect(!read.statesAccuracy)
        // A version stated in one option and left out in another takes the stated accuracy.
        let mixed = try DeviceOptionsTable(parsing: #"[{"version":"v","accuracy_pct":88,"split":0,"device_ms":0,"bytes":10,"edge_macs":5},"#
            + #"{"version":"v","split":3,"device_ms":4,"bytes":0,"edge_macs":0}]"#)
        #expect(mixed.unstatedAccuracy.isEmpty)
        #expect(mixed.options.map(\.accuracyPercent) == [88, 88])
    }

    @Test("a version of unstated accuracy is weighed as the least accurate stated one, not as 0 %: a faster one wins")
    func allocationDoesNotTakeItAsZero() throws {
        // "known" (90 %) runs everything on the device in 60 ms; "unknown" in 6 ms. At 0 % an
        // accuracy-sensitive task (0.95) would never pick "unknown"; as 90 % it is faster for the same accuracy.
        let table = DeviceOptionsTable(options: [Self.option("known", accuracy: 90, split: 5, deviceMs: 60, macs: 0),
                                                 Self.option("unknown", split: 5, deviceMs: 6, macs: 0)],
                                       unstatedAccuracy: ["unknown"])
        let read = try DeviceOptionsTable(parsing: table.encoded())
        #expect(read.allocatorOptions.map(\.accuracyPercent) == [90, 90])
        var book = EdgeShareBook(settings: .init(uplinkMbps: 20))
        book.observe(EdgeShareBookTests.report("cam-1", weight: 0.95, table: read), at: 0)
        book.observe(EdgeShareBookTests.report("cam-2", weight: 0.5), at: 0)
        _ = book.refresh(at: 0, gmacsPerSecond: 1)
        let allocation = try #require(book.allocation)
        #expect(allocation.share(of: "cam-1")?.version == "unknown")
        #expect(allocation.share(of: "cam-1")?.utility != nil)
    }

    @Test("a device that states no accuracy at all is allocated by latency, and its utility is not reported")
    func noAccuracyAtAll() throws {
        let table = DeviceOptionsTable(options: [Self.option("one", split: 0, deviceMs: 0, macs: 2e6),
                                                 Self.option("one", split: 5, deviceMs: 400, macs: 0)],
                                       unstatedAccuracy: ["one"])
        var book = EdgeShareBook(settings: .init(uplinkMbps: 20))
        book.observe(EdgeShareBookTests.report("plain", weight: 0.5, table: try DeviceOptionsTable(parsing: table.encoded())), at: 0)
        book.observe(EdgeShareBookTests.report("versions", weight: 0.5), at: 0)
        _ = book.refresh(at: 0, gmacsPerSecond: 1)
        let allocation = try #require(book.allocation)
        // 400 ms on the device against a few ms on the edge: the edge.
        #expect(allocation.share(of: "plain")?.split == 0)
        #expect(allocation.share(of: "plain")?.utility == nil)
        #expect(allocation.share(of: "versions")?.utility != nil)
        let event = allocation.sharesEvent
        #expect(event.share(of: "plain")?.utility == nil)
    }
}
