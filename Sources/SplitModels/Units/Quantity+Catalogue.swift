/// The quantities splitscope accepts, each with its range, defined once.
///
/// The ranges are wide enough for any real device, link or model (a 1 bit/s link, a 1 PB memory,
/// a day-long SLO) and narrow enough that costs computed from them stay finite and convert to
/// integers without overflow.
extension Quantity {
    /// Link bandwidth: from 1 bit/s to 1 Tbit/s.
    public static let bandwidthMbps = Quantity(name: "bandwidth", unit: "Mbit/s", lowest: 1e-6, highest: 1e6)
    /// Round-trip time: from none to 10 minutes.
    public static let rttMs = Quantity(name: "round-trip time", unit: "ms", lowest: 0, highest: 600_000)
    /// A latency SLO: from 1 µs to a day.
    public static let sloMs = Quantity(name: "latency SLO", unit: "ms", lowest: 0.001, highest: 86_400_000)
    /// A device memory budget: from 1 byte to 1 PB.
    public static let memoryMB = Quantity(name: "memory budget", unit: "MB", lowest: 1e-6, highest: 1e9)
    /// A battery level or floor.
    public static let batteryPercent = Quantity(name: "battery level", unit: "%", lowest: 0, highest: 100)
    /// A count of layers; cap it at the model's layer count where one is known.
    public static let layerCount = Quantity(name: "layer count", unit: "", lowest: 0, highest: 1_000_000, wholeNumber: true)
    /// A duration in seconds (session length, a time in a session): up to a year.
    public static let seconds = Quantity(name: "time", unit: "s", lowest: 0, highest: 31_536_000)
    /// A duration in milliseconds (a layer's compute time, a timeout): up to a day.
    public static let milliseconds = Quantity(name: "time", unit: "ms", lowest: 0, highest: 86_400_000)
    /// A byte count (a tensor, a probe): up to 1 PB, exactly representable as a Double and an Int.
    public static let bytes = Quantity(name: "size", unit: "bytes", lowest: 0, highest: 1e15, wholeNumber: true)
    /// Compute throughput: from 1 kMAC/s to 1 PMAC/s.
    public static let gmacsPerSecond = Quantity(name: "compute rate", unit: "GMAC/s", lowest: 1e-6, highest: 1e6)
    /// Memory bandwidth: from 1 kB/s to 1 PB/s.
    public static let memoryGBps = Quantity(name: "memory bandwidth", unit: "GB/s", lowest: 1e-6, highest: 1e6)
    /// Power draw: from none to 10 kW.
    public static let watts = Quantity(name: "power", unit: "W", lowest: 0, highest: 10_000)
    /// Frame rate: from one frame in 1000 s to 10,000 per second.
    public static let fps = Quantity(name: "frame rate", unit: "frames/s", lowest: 0.001, highest: 10_000)
    /// Battery capacity: from 1 mWh to 1 MWh.
    public static let batteryMWh = Quantity(name: "battery capacity", unit: "mWh", lowest: 0.001, highest: 1e9)
    /// Worker threads for the engine: from one (the calling thread) to 1024.
    public static let threads = Quantity(name: "thread count", unit: "", lowest: 1, highest: 1024, wholeNumber: true)
    /// Timed repetitions of a measurement: from one to a million.
    public static let repeats = Quantity(name: "repeat count", unit: "", lowest: 1, highest: 1_000_000, wholeNumber: true)
    /// How many times slower a device is than this machine, for measured profiles.
    public static let slowdown = Quantity(name: "slowdown factor", unit: "×", lowest: 0.001, highest: 1_000_000)
    /// A batch size.
    public static let batch = Quantity(name: "batch size", unit: "", lowest: 1, highest: 65_536, wholeNumber: true)
}
