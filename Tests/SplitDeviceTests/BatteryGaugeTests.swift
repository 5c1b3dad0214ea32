import Foundation
import Testing
import SplitTestSupport
@testable import SplitDevice

/// `--battery sysfs`: the first power supply of type Battery with a readable capacity.
@Suite("Battery gauge")
struct BatteryGaugeTests {
    func supply(_ root: URL, _ name: String, type: String, capacity: String?) throws {
        let folder = root.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data((type + "\n").utf8).write(to: folder.appendingPathComponent("type"))
        if let capacity { try Data((capacity + "\n").utf8).write(to: folder.appendingPathComponent("capacity")) }
    }

    @Test("reads the battery's capacity, skipping mains and unreadable batteries")
    func reads() throws {
        let root = try ScratchDirectory.make(prefix: "battery-gauge")
        try supply(root, "AC", type: "Mains", capacity: nil)
        try supply(root, "BAT0", type: "Battery", capacity: "garbage")
        try supply(root, "BAT1", type: "Battery", capacity: "150")
        try supply(root, "BAT2", type: "Battery", capacity: "73")
        #expect(BatteryGauge(root: root.path).levelPercent() == 73)
    }

    @Test("no folder or no battery: nil, and the energy model is used")
    func none() throws {
        #expect(BatteryGauge(root: "/no/such/power_supply").levelPercent() == nil)
        let root = try ScratchDirectory.make(prefix: "battery-gauge")
        try supply(root, "AC", type: "Mains", capacity: nil)
        #expect(BatteryGauge(root: root.path).levelPercent() == nil)
    }
}
