/// A processor as a roofline: peak useful MAC rate, memory bandwidth, and a fixed cost per layer.
public struct ComputeSpec: Hashable, Sendable {
    public var name: String
    /// Sustained multiply-accumulates per second, in 10⁹.
    public var gmacsPerSecond: Double
    /// Memory bandwidth in GB/s (10⁹ bytes per second).
    public var memoryGBps: Double
    /// Fixed time per layer (kernel launch, framework overhead), in milliseconds.
    public var layerOverheadMs: Double

    public init(name: String, gmacsPerSecond: Double, memoryGBps: Double, layerOverheadMs: Double) {
        self.name = name
        self.gmacsPerSecond = gmacsPerSecond
        self.memoryGBps = memoryGBps
        self.layerOverheadMs = layerOverheadMs
    }

    /// A Jetson-Nano-class device: 40 GMAC/s sustained (of 236 GFLOPS fp16 peak), 25.6 GB/s LPDDR4.
    public static let jetsonClass = ComputeSpec(name: "jetson-class", gmacsPerSecond: 40, memoryGBps: 25.6, layerOverheadMs: 0.02)

    /// A server-GPU-class edge: 2,000 GMAC/s sustained fp32, 300 GB/s.
    public static let serverGPU = ComputeSpec(name: "server-gpu", gmacsPerSecond: 2000, memoryGBps: 300, layerOverheadMs: 0.01)

    /// Milliseconds for a layer that does `macs` multiply-accumulates and moves `bytes` through memory.
    public func layerMs(macs: Int, bytes: Int) -> Double {
        let computeMs = Double(macs) / (gmacsPerSecond * 1e9) * 1e3
        let memoryMs = Double(bytes) / (memoryGBps * 1e9) * 1e3
        return max(computeMs, memoryMs) + layerOverheadMs
    }
}
