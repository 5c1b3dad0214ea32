#if canImport(Glibc)
import SplitRandom
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Measures what replay promises: a million-event session opens in ≤ 2 s, a seek returns in
/// ≤ 10 ms, and the index costs ≤ 200 bytes per event.
///
/// Writes a synthetic session (``SyntheticSession``: frames, link and battery samples and
/// decisions at 10 fps) with ``SessionWriter`` in batches of 1,000 lines, then times
/// ``SessionIndex/open(path:maximumLineBytes:)`` and 1,000 seeks to random times, each a
/// binary search plus decoding the next 10 events. Run it from a release build; debug builds
/// are several times slower. The file is deleted afterwards unless `keepFile` is set.
///
/// ```swift
/// let result = try ReplayBenchmark.run(eventCount: 1_000_000, directory: "/tmp")
/// print(result.table)
/// ```
public enum ReplayBenchmark {
    /// The targets the table checks against.
    public static let openTargetSeconds = 2.0
    public static let seekTargetMs = 10.0
    public static let indexTargetBytesPerEvent = 200.0
    /// Seeks timed per run.
    public static let seekCount = 1_000
    /// Events decoded after each seek.
    public static let eventsPerSeek = 10

    /// Writes, opens and seeks a synthetic session of `eventCount` events in `directory`.
    public static func run(eventCount: Int = 1_000_000, directory: String, keepFile: Bool = false) throws(SessionError) -> ReplayBenchmarkResult {
        let path = directory.hasSuffix("/") ? "\(directory)replay-benchmark.jsonl" : "\(directory)/replay-benchmark.jsonl"
        let clock = ContinuousClock()
        defer {
            if !keepFile { unlink(path) }
        }

        let writeStart = clock.now
        let writer = try SessionWriter(path: path, header: SyntheticSession.header)
        var session = SyntheticSession(seed: 42)
        var batch: [TimedEvent] = []
        batch.reserveCapacity(1_000)
        for _ in 0..<max(0, eventCount - 1) {
            if let event = session.next() { batch.append(event) }
            if batch.count == 1_000 {
                try writer.append(contentsOf: batch)
                batch.removeAll(keepingCapacity: true)
            }
        }
        try writer.append(contentsOf: batch)
        try writer.close()
        let writeSeconds = seconds(clock.now - writeStart)

        let openStart = clock.now
        let index = try SessionIndex.open(path: path)
        let openSeconds = seconds(clock.now - openStart)

        var random = SplitMix64(seed: 7)
        var seekMs: [Double] = []
        seekMs.reserveCapacity(seekCount)
        var decoded = 0
        for _ in 0..<seekCount {
            let target = Double.random(in: 0...max(index.duration, 1e-9), using: &random)
            let seekStart = clock.now
            let first = index.firstEvent(atOrAfter: target)
            let events = index.events(in: first..<(first + eventsPerSeek))
            seekMs.append(seconds(clock.now - seekStart) * 1e3)
            decoded += events.count
        }
        seekMs.sort()

        return ReplayBenchmarkResult(
            eventCount: index.eventCount, fileBytes: index.textBytes, writeSeconds: writeSeconds, openSeconds: openSeconds,
            seekMedianMs: seekMs.isEmpty ? 0 : seekMs[seekMs.count / 2], seekMaxMs: seekMs.last ?? 0,
            indexBytesPerEvent: Double(index.indexMemoryBytes) / Double(max(index.eventCount, 1)),
            eventsDecoded: decoded)
    }

    private static func seconds(_ duration: Duration) -> Double {
        duration / .seconds(1)
    }
}
