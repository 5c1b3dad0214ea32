import Foundation

/// Where the device's battery level comes from.
public enum BatterySource: String, Hashable, Sendable, CaseIterable {
    /// The energy model drains a simulated battery (the simulator's).
    case model
    /// A real battery under `/sys/class/power_supply` where there is one, else the model.
    case sysfs
}

/// Reads a real battery's level from Linux's power-supply class: the first supply whose `type`
/// is `Battery` and whose `capacity` is a percentage.
public struct BatteryGauge: Hashable, Sendable {
    /// The folder of power supplies (`/sys/class/power_supply`; a test points it elsewhere).
    public let root: String

    public init(root: String = "/sys/class/power_supply") {
        self.root = root
    }

    /// The level in percent, or nil when there is no readable battery.
    public func levelPercent() -> Double? {
        guard let supplies = try? FileManager.default.contentsOfDirectory(atPath: root) else { return nil }
        for supply in supplies.sorted() {
            let folder = (root as NSString).appendingPathComponent(supply)
            guard read(folder, "type") == "Battery", let text = read(folder, "capacity"), let level = Double(text),
                  level.isFinite, (0...100).contains(level) else { continue }
            return level
        }
        return nil
    }

    private func read(_ folder: String, _ name: String) -> String? {
        guard let data = FileManager.default.contents(atPath: (folder as NSString).appendingPathComponent(name)) else { return nil }
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
