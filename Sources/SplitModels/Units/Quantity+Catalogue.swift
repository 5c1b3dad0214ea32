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
    /// A model's measured accuracy, or an accuracy floor, in percent of test samples right.
    public static let accuracyPercent = Quantity(name: "accuracy", unit: "%", lowest: 0, highest: 100)
    /// A battery level or floor.
    public static let batteryPercent = Quantity(name: "battery level", unit: "%", lowest: 0, highest: 100)
    /// A count of layers; cap it at the model's layer count where one is known.
    public static let layerCount = Quantity(name: "layer count", unit: "", lowest: 0, highest: 1_000_000, wholeNumber: true)
    /// A duration in seconds (session length, a time in a session): up to a year.
    public static let seconds = Quantity(name: "time", unit: "s", lowest: 0, highest: 31_536_000)
    /// A duration in milliseconds (a layer's compute time, a timeout): up to a day.
    public static let milliseconds = Quantity(name: "time", unit: "ms", lowest: 0, highest: 86_400_000)
    /// A time a session records (a frame's `total_ms`, a prediction): up to 10^12 ms, wider than a
    /// user would type, since times computed from the cost model can be long (a transfer at 1 kbit/s).
    public static let recordedMs = Quantity(name: "time", unit: "ms", lowest: 0, highest: 1e12)
    /// A time a session records in microseconds (a decision's `decision_us`): up to 10^15 µs.
    public static let recordedMicroseconds = Quantity(name: "time", unit: "µs", lowest: 0, highest: 1e15)
    /// A bandwidth a session records (a link sample, an estimate): from none, a link that carried
    /// nothing, to the highest a flag accepts.
    public static let recordedMbps = Quantity(name: "bandwidth", unit: "Mbit/s", lowest: 0, highest: bandwidthMbps.highest)
    /// Energy a session records (a frame's, a session's): up to 10^15 mJ.
    public static let recordedMJ = Quantity(name: "energy", unit: "mJ", lowest: 0, highest: 1e15)
    /// Power a session records in milliwatts: up to what ``watts`` accepts.
    public static let recordedMW = Quantity(name: "power", unit: "mW", lowest: 0, highest: watts.highest * 1000)
    /// A timestamp in a mahimahi trace, in whole milliseconds: the time range of every trace
    /// (``seconds``), said in the unit the file writes.
    public static let traceTimestampMs = Quantity(name: "timestamp", unit: "ms", lowest: 0, highest: seconds.highest * 1000,
                                                  wholeNumber: true)
    /// A byte count (a tensor, a probe): up to 1 PB, exactly representable as a Double and an Int.
    public static let bytes = Quantity(name: "size", unit: "bytes", lowest: 0, highest: 1e15, wholeNumber: true)
    /// Compute throughput: from 1 kMAC/s to 1 PMAC/s.
    public static let gmacsPerSecond = Quantity(name: "compute rate", unit: "GMAC/s", lowest: 1e-6, highest: 1e6)
    /// Memory bandwidth: from 1 kB/s to 1 PB/s.
    public static let memoryGBps = Quantity(name: "memory bandwidth", unit: "GB/s", lowest: 1e-6, highest: 1e6)
    /// Power draw: from none to 10 kW.
    public static let watts = Quantity(name: "power", unit: "W", lowest: 0, highest: 10_000)
    /// Frame rate: from one frame in 1000 s to 1,000 per second (a high-speed camera).
    public static let fps = Quantity(name: "frame rate", unit: "frames/s", lowest: 0.001, highest: 1_000)
    /// Battery capacity: from 1 mWh to 1 MWh.
    public static let batteryMWh = Quantity(name: "battery capacity", unit: "mWh", lowest: 0.001, highest: 1e9)
    /// Worker threads for the engine: from one (the calling thread) to 1024.
    public static let threads = Quantity(name: "thread count", unit: "", lowest: 1, highest: 1024, wholeNumber: true)
    /// A TCP port to listen on: 0 (any free port) to 65535.
    public static let port = Quantity(name: "port", unit: "", lowest: 0, highest: 65_535, wholeNumber: true)
    /// A TCP port to connect to: 1 to 65535 (0 means "any free port" only to a listener; no peer is there).
    public static let remotePort = Quantity(name: "port to connect to", unit: "", lowest: 1, highest: 65_535, wholeNumber: true)
    /// Requests an edge lets wait before refusing new ones: none to a hundred thousand.
    public static let queueCapacity = Quantity(name: "queue capacity", unit: "requests", lowest: 0, highest: 100_000,
                                               wholeNumber: true)
    /// Timed repetitions of a measurement: from one to a million.
    public static let repeats = Quantity(name: "repeat count", unit: "", lowest: 1, highest: 1_000_000, wholeNumber: true)
    /// How many times slower a device is than this machine, for measured profiles.
    public static let slowdown = Quantity(name: "slowdown factor", unit: "×", lowest: 0.001, highest: 1_000_000)
    /// A batch size.
    public static let batch = Quantity(name: "batch size", unit: "", lowest: 1, highest: 65_536, wholeNumber: true)
    /// The side of a square input image, in pixels (a zoo model's `--input-size`).
    public static let inputSide = Quantity(name: "input size", unit: "pixels", lowest: 1, highest: 4_096, wholeNumber: true)
    /// All the tensors of a model together (its input and every layer's output, for the whole
    /// batch): up to 10^17 bytes, so a cut's bytes and the device memory always fit an `Int`.
    public static let modelBytes = Quantity(name: "total tensor size", unit: "bytes", lowest: 0, highest: 1e17, wholeNumber: true)
    /// Multiply-accumulates of one layer or a whole model: up to 10^18, so sums of a model's
    /// layers and products with a batch are checked rather than trusted to fit an `Int`.
    public static let macs = Quantity(name: "MAC count", unit: "MACs", lowest: 0, highest: 1e18, wholeNumber: true)
    /// Learned parameters of one layer or a whole model: up to 10^15 (4 PB of float32 weights).
    public static let parameters = Quantity(name: "parameter count", unit: "", lowest: 0, highest: 1e15, wholeNumber: true)
    /// The length of a simulated session: from 1 ms to a week.
    public static let sessionLength = Quantity(name: "session length", unit: "s", lowest: 0.001, highest: 604_800)
    /// How often an idle device probes the link: from every millisecond to once an hour.
    public static let probeInterval = Quantity(name: "probe interval", unit: "s", lowest: 0.001, highest: 3_600)
    /// A relative margin such as the switching hysteresis: from 0 up to, not including, 1.
    public static let fraction = Quantity(name: "fraction", unit: "", lowest: 0, highest: 0.999_999)
    /// A multiple of a time (the transfer timeout in local-compute times).
    public static let factor = Quantity(name: "factor", unit: "", lowest: 0.001, highest: 1_000)
    /// Replay speed, as a multiple of real time.
    public static let replaySpeed = Quantity(name: "replay speed", unit: "×", lowest: 0.25, highest: 64)
    /// How many times faster than real time a paced session runs (`--pace`).
    public static let pace = Quantity(name: "pace", unit: "×", lowest: 0.01, highest: 1_000)
    /// A count of repetitions or events for a benchmark.
    public static let repetitions = Quantity(name: "count", unit: "", lowest: 1, highest: 100_000_000, wholeNumber: true)
    /// A model's confidence in its answer, or a cascade's appeal threshold: a probability from 0 to 1.
    public static let confidence = Quantity(name: "confidence", unit: "", lowest: 0, highest: 1)
    /// How many samples of a data set to evaluate (`eval --limit`).
    public static let samples = Quantity(name: "sample count", unit: "", lowest: 1, highest: 100_000_000, wholeNumber: true)
    /// The scale of an INT8 tensor on the wire (real = (q − zero point) × scale): positive, and
    /// such that 255 steps of it stay a finite float32.
    public static let quantisationScale = Quantity(name: "quantisation scale", unit: "", lowest: 1e-30, highest: 1e30)
    /// The zero point of an INT8 tensor on the wire: the INT8 value that stands for 0.
    public static let int8ZeroPoint = Quantity(name: "zero point", unit: "", lowest: -128, highest: 127, wholeNumber: true)
    /// How many devices share one edge (`simulate --devices`).
    public static let deviceCount = Quantity(name: "device count", unit: "", lowest: 1, highest: 10_000, wholeNumber: true)
    /// The generation of something that changes now and then (a device's options table, an edge's
    /// allocation): a whole number from 0 up to 2⁵³, exact in a double.
    public static let generation = Quantity(name: "generation", unit: "", lowest: 0, highest: 9_007_199_254_740_992, wholeNumber: true)
    /// A device's fraction of an edge's compute or uplink (a `shares` event): from none to all of it.
    public static let share = Quantity(name: "share", unit: "", lowest: 0, highest: 1)
    /// How much a device's task values accuracy against latency (a `shares` event's `task_weight`):
    /// 0 (only latency counts) to 1 (only accuracy).
    public static let taskWeight = Quantity(name: "task weight", unit: "", lowest: 0, highest: 1)
    /// A device's utility in an edge's allocation: at most 1 (all accuracy, no latency), and as low as
    /// a latency of 10^12 ms against a 1-µs SLO makes it.
    public static let utility = Quantity(name: "utility", unit: "", lowest: -1e18, highest: 1)

    /// A split point: a whole number from 0 (everything on the edge) to the model's layer count
    /// (everything on the device). `static:K`, a pinned split and `--current-split` share it.
    public static func split(layerCount: Int) -> Quantity {
        Quantity(name: "split", unit: "", lowest: 0, highest: Double(max(0, layerCount)), wholeNumber: true)
    }
}
