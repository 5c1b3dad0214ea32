import Foundation
import SplitControl
import SplitControlPort
import SplitCost
import SplitModels
import SplitRandom
import SplitSession
import SplitSimulator
import SplitTraces

/// Time from a pin on the control port to the first frame that uses it, against a session run
/// as `simulate --control … --pace realtime` runs one: the same simulator, pacer, control server
/// and publisher, in this process, with two real TCP clients on loopback.
///
/// One client subscribes to the event stream and notes when each frame event arrives; the other
/// sends pins, alternating between two splits so the frame before a pin never already uses it,
/// each at a seeded random moment within a frame. A pin's latency is from just before it is sent
/// to the arrival of the first frame event with its partition; its frame count is that frame's
/// number less the last frame that had arrived when it was sent (1: the next frame used it).
struct PinLatencyBench {
    var profile: ModelProfile
    var fps: Double
    /// Timed pins (one more, untimed, comes first).
    var pins: Int
    var seed: UInt64 = 1

    /// One pin's wait.
    struct Sample: Equatable {
        var milliseconds: Double
        var frames: Int
    }

    struct Result {
        var samples: [Sample] = []
        /// Pins no frame used within the time limit.
        var unused = 0
        /// Replies other than `{"ok": true}`.
        var refused: [String] = []
        var frameMilliseconds: Double
    }

    /// A frame event as the subscriber saw it.
    private struct Seen {
        var at: ContinuousClock.Instant
        var frame: Int
        var partition: SessionPartition
    }

    /// The frames the subscriber has seen, shared between its reader thread and the pinning one.
    private final class FrameLog: @unchecked Sendable {
        private let lock = NSLock()
        private var frames: [Seen] = []

        func add(_ seen: Seen) { lock.withLock { frames.append(seen) } }
        var last: Int { lock.withLock { frames.last?.frame ?? -1 } }

        /// The first frame after `frame` that uses `partition`, if it has arrived.
        func first(after frame: Int, using partition: SessionPartition) -> Seen? {
            lock.withLock { frames.first { $0.frame > frame && $0.partition == partition } }
        }
    }

    /// Set once the bench is done; the session then stops at its next event.
    private final class StopFlag: @unchecked Sendable {
        private let lock = NSLock()
        private var stopped = false
        func set() { lock.withLock { stopped = true } }
        var isSet: Bool { lock.withLock { stopped } }
    }

    private struct Stop: Error {}

    func run() throws -> Result {
        let layerCount = profile.layerCount
        guard layerCount >= 3 else { throw CommandError("\(profile.name): too few layers to pin two splits", isUsage: false) }
        let splits = [layerCount / 3, 2 * layerCount / 3]
        // A fast, flat link: a pinned split's tensor always gets through, so no frame falls back to local.
        let trace = try BandwidthTrace(name: "flat 1 Gbit/s", steps: [(seconds: 3_600, mbps: 1_000)])
        var settings = SimulationSettings()
        settings.fps = fps
        settings.durationS = 3_600
        let simulator = Simulator(profile: profile, trace: trace, policy: .planner(.neurosurgeon), settings: settings)
        let operators = OperatorQueue()
        let publisher = SessionPublisher()
        publisher.setHeader(SessionHeader(startTime: "2026-01-01T00:00:00Z", source: .simulator, fps: fps, model: profile))
        let server: ControlServer
        do {
            server = try ControlServer.start(ControlServer.Configuration(address: ControlAddress(host: "127.0.0.1", port: 0)),
                                             profile: profile, operators: operators, publisher: publisher)
        } catch {
            throw CommandError("control port: \(error)", isUsage: false)
        }
        defer { server.close() }
        let stop = StopFlag()
        let sessionDone = DispatchSemaphore(value: 0)
        let session = Thread {
            defer { sessionDone.signal() }
            _ = try? simulator.run(emit: { event in
                if stop.isSet { throw Stop() }
                publisher.publish(event)
            }, progress: { _ in }, pacer: SimulationPacer(pace: 1), operators: operators)
        }
        session.start()
        defer {
            stop.set()
            sessionDone.wait()
            publisher.closeAll()
        }

        let subscriber = try Self.client(port: server.port)
        guard subscriber.request(#"{"cmd":"subscribe"}"#) == #"{"ok":true}"# else {
            throw CommandError("control port: subscribe was refused", isUsage: false)
        }
        let log = FrameLog()
        let readerDone = DispatchSemaphore(value: 0)
        let reader = Thread {
            defer { readerDone.signal() }
            while let line = subscriber.readLine() {
                let at = ContinuousClock.now
                guard line.hasPrefix(#"{"type":"frame""#),
                      case .event(let timed)? = try? SessionEventCodec.decode(line: Array(line.utf8)),
                      case .frame(let frame) = timed.event else { continue }
                log.add(Seen(at: at, frame: frame.frame, partition: frame.partition))
            }
        }
        reader.start()
        defer {
            subscriber.shutdownBoth()
            readerDone.wait()
        }

        let operatorClient = try Self.client(port: server.port)
        let frameDuration = 1 / fps
        var random = SplitMix64(seed: seed)
        var result = Result(frameMilliseconds: 1000 * frameDuration)
        // Wait for the first frame, so every pin lands in a running session.
        let firstLimit = ContinuousClock.now + .seconds(10)
        while log.last < 0, ContinuousClock.now < firstLimit { Thread.sleep(forTimeInterval: 0.001) }
        for index in 0...pins {
            let split = splits[index % 2]
            Thread.sleep(forTimeInterval: frameDuration * random.unit())
            let before = log.last
            let sent = ContinuousClock.now
            let reply = operatorClient.request(#"{"cmd":"pin","split":\#(split)}"#)
            guard reply == #"{"ok":true}"# else {
                result.refused.append(reply ?? "no reply")
                continue
            }
            let limit = sent + .milliseconds(Int64(max(2_000, 20_000 * frameDuration)))
            var used: Seen?
            while used == nil, ContinuousClock.now < limit {
                used = log.first(after: before, using: .split(split))
                if used == nil { Thread.sleep(forTimeInterval: 0.0005) }
            }
            guard index > 0 else { continue }
            guard let used else {
                result.unused += 1
                continue
            }
            let wait = used.at - sent
            result.samples.append(Sample(milliseconds: wait.inMilliseconds,
                                         frames: used.frame - before))
        }
        return result
    }

    /// The row: the slowest pin's wait against one frame (target ≤ one frame).
    static func row(_ result: Result, fps: Double) -> LiveBenchRow {
        let waits = Percentiles.of(result.samples.map(\.milliseconds))
        let worst = result.samples.map(\.milliseconds).max()
        let next = result.samples.count { $0.frames <= 1 }
        var detail = "\(Format.counted(result.samples.count, "pin")): p50 \(Format.fixed(waits.median, 1)) ms; "
            + "the next frame used the pin in \(next) of \(result.samples.count)"
        if let most = result.samples.map(\.frames).max(), most > 1 { detail += " (at worst \(most) frames later)" }
        if result.unused > 0 { detail += "; \(result.unused) never used" }
        if !result.refused.isEmpty { detail += "; \(result.refused.count) refused: \(result.refused[0])" }
        var row = LiveBenchRow(metric: "control-port pin → first frame using it (simulate --control, \(Format.plain(fps)) fps)",
                               unit: "ms", measured: worst,
                               baseline: LiveBenchRow.Baseline(name: "one frame", value: result.frameMilliseconds),
                               target: .ratioAtMost(1), missing: worst == nil ? "no pin measured" : nil, detail: detail)
        if result.unused > 0 || !result.refused.isEmpty {
            row.failure = "some pins were refused or never used"
        }
        return row
    }
}

extension PinLatencyBench {
    /// A control-port client of the bench's session; a failure to connect ends the bench in its words.
    static func client(port: Int) throws -> ControlPortClient {
        do {
            return try ControlPortClient(port: port)
        } catch {
            throw CommandError(error.description, isUsage: false)
        }
    }
}
