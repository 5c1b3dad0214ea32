import SplitAllocation
import SplitJSON
import SplitModels
import SplitSession

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
    ///
    /// Written by the session codec, so the edge and a recording say the same event the same way.
    public func json() -> JSONValue {
        let event = SessionEventCodec.encode(TimedEvent(t: 0, event: .shares(sharesEvent)))
        let fields = (event.objectValue?.members ?? []).filter { $0.key != "type" && $0.key != "t" }.map { ($0.key, $0.value) }
        return .object(JSONObject([("generation", .number(Double(generation)))] + fields))
    }

    /// An `allocation` parameter read back as the session's `shares` event (what a device records),
    /// by the session codec, so a malformed one is refused, naming the field, as a recording's line would be.
    public static func sharesEvent(parsing text: String) -> Result<SharesEvent, SessionFieldError> {
        do {
            guard case .object(var object) = try JSONValue.parse(text) else {
                return .failure(SessionFieldError(field: "allocation", reason: "not a JSON object"))
            }
            object["generation"] = nil
            let line = JSONValue.object(JSONObject([("type", .string("shares")), ("t", .number(0))] + object.members.map { ($0.key, $0.value) }))
            guard case .event(let timed) = try SessionEventCodec.decode(line), case .shares(let shares) = timed.event else {
                return .failure(SessionFieldError(field: "allocation", reason: "not a shares event"))
            }
            return .success(shares)
        } catch let error as SessionFieldError {
            return .failure(error)
        } catch {
            return .failure(SessionFieldError(field: "allocation", reason: "\(error)"))
        }
    }

    /// The allocation as a session's `shares` event, its numbers rounded as the wire carries them:
    /// shares cut down to six places, the compute rate and utilities to six, predicted ms to three.
    /// A latency or utility outside its ``Quantity`` (infinite, or beyond what a session's reader
    /// accepts) is left out, so a device never finds the whole allocation unreadable over one figure.
    public var sharesEvent: SharesEvent {
        SharesEvent(allocator: ShareAllocator(rawValue: allocator.rawValue),
                    edge: SharedEdgeCapacity(gmacsPerSecond: Self.rounded(gmacsPerSecond), uplinkMbps: uplinkMbps),
                    devices: devices.map(\.deviceShare))
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
    /// The device's utility at that latency (nil when its accuracy term is unknown: a device that
    /// stated no accuracy).
    public var utility: Double?

    public init(deviceID: String, taskWeight: Double, version: String, split: Int, computeShare: Double, bandwidthShare: Double,
                predictedMs: Double, utility: Double?) {
        self.deviceID = deviceID
        self.taskWeight = taskWeight
        self.version = version
        self.split = split
        self.computeShare = computeShare
        self.bandwidthShare = bandwidthShare
        self.predictedMs = predictedMs
        self.utility = utility
    }

    /// The part as a `shares` event lists it (see ``EdgeAllocation/sharesEvent``).
    var deviceShare: DeviceShare {
        DeviceShare(device: deviceID, split: split, computeShare: EdgeAllocation.share(computeShare),
                    bandwidthShare: EdgeAllocation.share(bandwidthShare), taskWeight: taskWeight, version: version,
                    predictedMs: Quantity.milliseconds.accepts(predictedMs) ? EdgeAllocation.rounded(predictedMs, places: 1000) : nil,
                    utility: utility.flatMap { Quantity.utility.accepts($0) ? EdgeAllocation.rounded($0) : nil })
    }
}
