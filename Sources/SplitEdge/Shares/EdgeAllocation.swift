import SplitAllocation
import SplitJSON

/// The edge's allocation among the devices it serves: each device's version, split and shares of
/// the edge's compute and uplink, numbered by a generation that grows with every new allocation.
public struct EdgeAllocation: Hashable, Sendable {
    /// Grows by one with every allocation the edge makes (the first is 1).
    public var generation: Int
    /// Which allocator made it.
    public var allocator: AllocatorKind
    /// The compute the devices share, in GMAC/s (the edge's own measured rate).
    public var gmacsPerSecond: Double
    /// The uplink the devices share, in Mbit/s; nil when the edge does not constrain it (then only
    /// compute is shared and every bandwidth share is 0).
    public var uplinkMbps: Double?
    /// The devices, by id.
    public var devices: [EdgeDeviceShare]

    public init(generation: Int, allocator: AllocatorKind, gmacsPerSecond: Double, uplinkMbps: Double?, devices: [EdgeDeviceShare]) {
        self.generation = generation
        self.allocator = allocator
        self.gmacsPerSecond = gmacsPerSecond
        self.uplinkMbps = uplinkMbps
        self.devices = devices
    }

    /// One device's part, if it has one.
    public func share(of deviceID: String) -> EdgeDeviceShare? {
        devices.first { $0.deviceID == deviceID }
    }

    /// The allocation as the `allocation` response parameter carries it: the fields of a session's
    /// `shares` event (docs/session-format.md) without `type` and `t`, plus the generation.
    public func json() -> JSONValue {
        var edge: [(String, JSONValue)] = [("gmacs_per_s", .number(Self.rounded(gmacsPerSecond)))]
        if let uplinkMbps { edge.append(("uplink_mbps", .number(uplinkMbps))) }
        return .object(JSONObject([
            ("generation", .number(Double(generation))),
            ("allocator", .string(allocator.rawValue)),
            ("edge", .object(JSONObject(edge))),
            ("devices", .array(devices.map(\.json))),
        ]))
    }

    static func rounded(_ value: Double, places: Double = 1e6) -> Double {
        value.isFinite ? (value * places).rounded() / places : 0
    }

    /// A share cut to six places, rounded down so that shares that sum to at most 1 still do.
    static func share(_ value: Double) -> Double {
        value.isFinite ? max(0, (value * 1e6).rounded(.down) / 1e6) : 0
    }
}

/// One device's part of an ``EdgeAllocation``.
public struct EdgeDeviceShare: Hashable, Sendable {
    public var deviceID: String
    public var taskWeight: Double
    /// The version and split assigned.
    public var version: String
    public var split: Int
    /// Fractions of the edge's compute and of the shared uplink, 0…1.
    public var computeShare: Double
    public var bandwidthShare: Double
    /// The latency the allocator expects with these shares, in ms (infinite: never finishes).
    public var predictedMs: Double
    /// The device's utility at that latency.
    public var utility: Double

    public init(deviceID: String, taskWeight: Double, version: String, split: Int, computeShare: Double, bandwidthShare: Double,
                predictedMs: Double, utility: Double) {
        self.deviceID = deviceID
        self.taskWeight = taskWeight
        self.version = version
        self.split = split
        self.computeShare = computeShare
        self.bandwidthShare = bandwidthShare
        self.predictedMs = predictedMs
        self.utility = utility
    }

    var json: JSONValue {
        var members: [(String, JSONValue)] = [
            ("device", .string(deviceID)), ("task_weight", .number(taskWeight)), ("version", .string(version)),
            ("split", .number(Double(split))), ("compute_share", .number(EdgeAllocation.share(computeShare))),
            ("bandwidth_share", .number(EdgeAllocation.share(bandwidthShare))),
        ]
        if predictedMs.isFinite { members.append(("predicted_ms", .number(EdgeAllocation.rounded(predictedMs, places: 1000)))) }
        if utility.isFinite { members.append(("utility", .number(EdgeAllocation.rounded(utility)))) }
        return .object(JSONObject(members))
    }
}
