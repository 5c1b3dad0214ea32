/// One device of an edge's fleet, as a multi-device session's header lists it (since 1.3).
///
/// A recording of several devices sharing one edge (`simulate --devices N --out`) has one
/// header; its `devices` list says which devices the stream holds, in order, and what sets each
/// apart. Every event of a device carries its id in `device`.
public struct SessionFleetDevice: Hashable, Sendable {
    /// The device's id, as its events' `device` carries it.
    public var device: String
    /// How much its task values accuracy against latency, 0 to 1.
    public var taskWeight: Double?
    /// Its compute, in GMAC/s.
    public var gmacsPerSecond: Double?
    /// Where its bandwidth comes from (a trace's name).
    public var trace: String?
    /// Its task's latency SLO, in ms.
    public var sloMs: Double?
    /// Its round-trip time to the edge, in ms.
    public var rttMs: Double?
    /// Its own device time of every layer, in ms, by model version name (since 1.4): the header's
    /// versions are timed at one speed, and a device of another speed computes each layer in its
    /// own time, which no single factor gives (a layer's time is not proportional to the speed).
    /// Each array has one entry per layer of that version, in the version's layer order. Empty
    /// when not recorded (a 1.3 fleet's header).
    public var layerDeviceMs: [String: [Double]]

    public init(device: String, taskWeight: Double? = nil, gmacsPerSecond: Double? = nil, trace: String? = nil,
                sloMs: Double? = nil, rttMs: Double? = nil, layerDeviceMs: [String: [Double]] = [:]) {
        self.device = device
        self.taskWeight = taskWeight
        self.gmacsPerSecond = gmacsPerSecond
        self.trace = trace
        self.sloMs = sloMs
        self.rttMs = rttMs
        self.layerDeviceMs = layerDeviceMs
    }
}
