import Foundation
#if canImport(Glibc)
import Glibc
#endif
import SplitModels
import SplitSession
import SplitControlPort
import Testing

/// The live pair as people run it: the real `splitscope edge` and `splitscope device` processes
/// on ephemeral loopback ports, the device recording its session.
///
/// MobileNetV2 at 96×96 keeps the engine's work small on a shared machine; `static:100` makes
/// every frame split (an adaptive policy on loopback may rightly keep everything on the device).
@Suite("Device end to end", .serialized)
struct DeviceEndToEndTests {
    static let split = 100
    static let model = ["--model", "mobilenetv2", "--input-size", "96"]

    /// Starts an edge on `port` (0: any free one) and returns it with the port it announced.
    static func startEdge(port: Int = 0) throws -> (ChildProcess, Int) {
        let edge = try ChildProcess(["edge", "--listen", "127.0.0.1:\(port)"] + model)
        let (out, _) = try edge.waitFor("the edge listening", seconds: 120) { out, _ in out.contains("\n") }
        let port = out.split(separator: " ").first { $0.hasPrefix("127.0.0.1:") }
            .flatMap { Int($0.dropFirst("127.0.0.1:".count)) }
        guard let port else { throw ChildProcessError("the edge did not announce its port: \(out)") }
        return (edge, port)
    }

    /// The bytes a prefix split of the model sends: every tensor made before the split and read after it.
    static func boundaryBytes(split: Int) throws -> Int {
        let graph = try ModelZoo.model(named: "mobilenetv2", inputSize: 96, inputElement: .float32)
        var sent = Set<TensorSource>()
        for index in split..<graph.layers.count {
            for source in graph.layers[index].inputs {
                if case .layer(let i) = source, i >= split { continue }
                sent.insert(source)
            }
        }
        return sent.reduce(0) { total, source in
            switch source {
            case .input: total + 4 * graph.inputShape.elementCount
            case .layer(let i): total + 4 * graph.layers[i].outputShape.elementCount
            }
        }
    }

    /// A frame the edge answered at the test's split.
    static func answered(_ frame: FrameEvent) -> Bool {
        guard frame.outcome == .ok, frame.partition == .split(split) else { return false }
        return (frame.edgeMs ?? 0) > 0
    }

    static func frames(_ recording: SessionRecording) -> [(t: Double, frame: FrameEvent)] {
        recording.events.compactMap { if case .frame(let f) = $0.event { ($0.t, f) } else { nil } }
    }

    static func faults(_ recording: SessionRecording) -> [(t: Double, fault: FaultEvent)] {
        recording.events.compactMap { if case .fault(let f) = $0.event { ($0.t, f) } else { nil } }
    }

    @Test func framesSplitWithTheEdgeAndTheRecordingReplaysAsLive() throws {
        let dir = try SplitscopeBinary.temporaryDirectory()
        let out = dir.appendingPathComponent("live.jsonl").path
        let (edge, port) = try Self.startEdge()
        defer { edge.killNow() }
        let device = try ChildProcess(["device", "--edge", "127.0.0.1:\(port)"] + Self.model
            + ["--policy", "static:\(Self.split)", "--duration", "5", "--repeat", "3", "--record", out])
        defer { device.killNow() }
        let status = try device.waitForExit(seconds: 180)
        #expect(status == 0, "\(device.stderr)")
        #expect(device.stderr.contains("measuring mobilenetv2"), "a progress line while measuring: \(device.stderr)")
        #expect(device.stdout.contains("session written to \(out)"))

        let recording = try SessionReader.read(path: out)
        #expect(recording.header.source == .live)
        #expect(recording.skippedLineCount == 0)
        let expectedBytes = try Self.boundaryBytes(split: Self.split)
        let split = Self.frames(recording).map(\.frame).filter(Self.answered)
        #expect(split.count >= 5, "frames the edge answered: \(split.count)")
        let sentBytes = split.map { $0.bytesSent ?? 0 }
        #expect(sentBytes.allSatisfy { $0 == expectedBytes }, "each sends the real boundary, \(expectedBytes) B: \(sentBytes)")
        let consistent = split.allSatisfy { frame in
            let parts: Double = (frame.deviceMs ?? 0) + (frame.edgeMs ?? 0)
            return (frame.totalMs ?? 0) >= parts
        }
        #expect(consistent, "a frame's total holds its device and edge times")
        // Every frame is accounted for once: processed or dropped, none lost.
        let indices = Self.frames(recording).map(\.frame.frame).sorted()
        #expect(indices == Array(0..<indices.count))

        let summary = try SplitscopeBinary.run(["summarize", out])
        #expect(summary.status == 0, "\(summary.stderr)")
        #expect(summary.stdout.contains("live"), "\(summary.stdout)")
    }

    @Test func aKilledEdgeLosesNoFrameAndSplittingResumesWhenItReturns() throws {
        let dir = try SplitscopeBinary.temporaryDirectory()
        let out = dir.appendingPathComponent("fault.jsonl").path
        var (edge, port) = try Self.startEdge()
        defer { edge.killNow() }
        let device = try ChildProcess(["device", "--edge", "127.0.0.1:\(port)"] + Self.model
            + ["--policy", "static:\(Self.split)", "--duration", "14", "--repeat", "3", "--record", out])
        defer { device.killNow() }
        // Wait for the edge to answer a few frames, then kill it without warning.
        try device.waitFor("split frames in the recording", seconds: 120) { _, _ in
            let text = (try? String(contentsOfFile: out, encoding: .utf8)) ?? ""
            let answered = text.split(separator: "\n").filter { $0.contains(#""type":"frame""#) && $0.contains(#""edge_ms""#) }
            return answered.count >= 5
        }
        edge.killNow()
        Thread.sleep(forTimeInterval: 1.5)
        (edge, _) = try Self.startEdge(port: port)
        let status = try device.waitForExit(seconds: 180)
        #expect(status == 0, "\(device.stderr)")

        let recording = try SessionReader.read(path: out)
        let frames = Self.frames(recording)
        let faults = Self.faults(recording)
        // The kill's loss: the connection refused ("unavailable"); a loaded machine may also time a request out before it.
        let lost = try #require(faults.first { $0.fault.kind == .edgeLost && ($0.fault.action ?? "").contains("unavailable") }
                                    ?? faults.first { $0.fault.kind == .edgeLost }, "an edge_lost fault: \(faults)")
        let back = try #require(faults.first { $0.fault.kind == .edgeBack && $0.t > lost.t }, "an edge_back fault: \(faults)")
        // The frame in flight when the edge died finished here, within a second.
        let inFlight = try #require(frames.first { $0.t == lost.t && $0.frame.outcome == .local })
        #expect((inFlight.frame.totalMs ?? .infinity) <= 1_000)
        // While the edge was gone every frame ran on the device and finished; none was lost or stuck.
        let layerCount = recording.header.model.layerCount
        let during = frames.filter { $0.t > lost.t && $0.t < back.t && $0.frame.outcome != .dropped }
        #expect(!during.isEmpty)
        // (A frame stamped before the edge_back fault may already be the first the edge answered again: a frame's time is
        // when it was captured, the return's when the answer came. On a loaded machine that gap is long enough to show.)
        let firstAnswered = during.firstIndex { Self.answered($0.frame) } ?? during.endIndex
        #expect(during[..<firstAnswered].allSatisfy { $0.frame.outcome == .ok && $0.frame.partition == .split(layerCount) }
                && during[firstAnswered...].allSatisfy { Self.answered($0.frame) },
                "while lost, frames ran on the device until the edge answered again: \(during.map { "t \($0.t) \($0.frame.outcome) \($0.frame.partition)" })")
        #expect(firstAnswered > during.startIndex, "a frame ran on the device while the edge was gone")
        let indices = frames.map(\.frame.frame).sorted()
        #expect(indices == Array(0..<indices.count), "every frame recorded once")
        // Splitting resumed once the edge was back.
        let resumed = frames.filter { $0.t >= back.t && Self.answered($0.frame) }
        #expect(!resumed.isEmpty, "split frames after the edge came back")

        // The device's terminal said every fault once, as the recording holds them (a loaded
        // machine may time a request out besides the kill): the loss with peer, cause and what it
        // does now, and the return.
        let stderr = device.stderr.split(separator: "\n").map(String.init)
        let lostLines = stderr.filter { $0.contains("lost the edge 127.0.0.1:\(port)") }
        let losses = faults.filter { $0.fault.kind == .edgeLost }.count
        #expect(lostLines.count == losses, "one line per loss:\n\(device.stderr)")
        #expect(lostLines.contains { $0.contains("UTC (session ") && $0.contains("edge request failed: unavailable")
            && $0.contains("now: finish locally") }, "the kill's line names the cause: \(lostLines)")
        #expect(stderr.filter { $0.contains("the edge 127.0.0.1:\(port) answers again") }.count
            == faults.filter { $0.fault.kind == .edgeBack }.count, "\(device.stderr)")
        // The closing summary accounts for the frames the losses cost, as the recording counts them;
        // it counts every time the device left the edge, a request timed out on a loaded machine too.
        let left = faults.filter { $0.fault.kind.leavesEdge }.count
        var whileLost = false
        var local = 0, dropped = 0
        for timed in recording.events {
            switch timed.event {
            case .fault(let fault): whileLost = fault.kind.leavesEdge
            case .frame(let frame) where whileLost:
                if frame.outcome == .local { local += 1 }
                if frame.outcome == .dropped { dropped += 1 }
            default: break
            }
        }
        #expect(device.stdout.contains("edge 127.0.0.1:\(port) lost \(left == 1 ? "once" : "\(left) times") ("), "\(device.stdout)")
        #expect(device.stdout.contains("back by the end): while lost, \(local == 1 ? "1 frame" : "\(local) frames") finished on the device "
            + "and \(dropped) dropped"), "\(device.stdout)")
    }

    @Test func theControlPortStreamsTheLiveSessionAndSteersItWhileAStalledClientSlowsNothing() throws {
        let dir = try SplitscopeBinary.temporaryDirectory()
        let out = dir.appendingPathComponent("steered.jsonl").path
        let (edge, port) = try Self.startEdge()
        defer { edge.killNow() }
        let device = try ChildProcess(["device", "--edge", "127.0.0.1:\(port)"] + Self.model
            + ["--policy", "device", "--duration", "6", "--repeat", "3", "--record", out, "--control", "127.0.0.1:0"])
        defer { device.killNow() }
        let (_, err) = try device.waitFor("the control port", seconds: 120) { _, err in err.contains("control port listening on") }
        let controlPort = err.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == ";" })
            .first { $0.hasPrefix("127.0.0.1:") }.flatMap { Int($0.dropFirst("127.0.0.1:".count)) }
        let control = try #require(controlPort, "\(err)")
        // One client never reads; the other watches and pins a split.
        let stalled = try ControlPortClient(port: control, receiveBuffer: 1_024)
        stalled.send(#"{"cmd":"subscribe"}"#)
        let watcher = try ControlPortClient(port: control)
        watcher.send(#"{"cmd":"subscribe"}"#)
        let first = watcher.readLines(seconds: 30) { $0.contains(#""type":"frame""#) }
        #expect(first.first == #"{"ok":true}"#, "\(first.first ?? "")")
        #expect(first.dropFirst().first?.contains(#""source":"live""#) == true, "then the header: \(first.dropFirst().first?.prefix(200) ?? "")")
        watcher.send(#"{"cmd":"pin","split":\#(Self.split)}"#)
        let reply = watcher.readLines(seconds: 10) { $0.contains(#""ok""#) }
        #expect(reply.last?.contains(#""ok":true"#) == true, "\(reply.suffix(3))")
        let status = try device.waitForExit(seconds: 120)
        #expect(status == 0, "\(device.stderr)")
        _ = stalled

        let recording = try SessionReader.read(path: out)
        let pinAt = try #require(recording.events.first { if case .operatorAction = $0.event { true } else { false } }?.t)
        let frames = Self.frames(recording)
        #expect(frames.contains { $0.t >= pinAt && Self.answered($0.frame) }, "frames split after the pin")
        // The stalled client slowed nothing: the device went on processing frames to the end of the
        // 6 s at 10 fps. (A device that waited on the stalled client would stop once its socket's
        // buffer filled; a loaded machine alone can drop some frames, so the count asked is half.)
        let processed = frames.filter { $0.frame.outcome != .dropped }
        #expect(processed.count >= 30, "processed \(processed.count) of 60 frames")
        #expect((processed.last?.t ?? 0) >= 5, "still processing in the last second: \(processed.last?.t ?? 0)")
    }

    @Test func badFlagsExit2NamingTheFlag() throws {
        let cases: [([String], String)] = [
            (["--edge", "nowhere", "--model", "smallcnn"], "--edge"),
            // A broken frames folder is the user's input: exit 2 naming it, before connecting.
            (["--edge", "127.0.0.1:1", "--model", "smallcnn", "--frames", "/no/such/frames"], "--frames: /no/such/frames: no such folder"),
            (["--edge", "127.0.0.1:1", "--model", "smallcnn", "--frames", "/etc/passwd"], "--frames: /etc/passwd: it is a file, not a folder"),
            (["--edge", "127.0.0.1:1", "--model", "smallcnn", "--fps", "0"], "--fps"),
            (["--edge", "127.0.0.1:1", "--model", "smallcnn", "--slowdown", "-1"], "--slowdown"),
            (["--edge", "127.0.0.1:1", "--model", "smallcnn", "--battery", "solar"], "--battery"),
            (["--edge", "127.0.0.1:1", "--model", "smallcnn", "--policy", "best"], "--policy"),
            (["--edge", "127.0.0.1:1", "--model", "smallcnn", "--bandwidth-trace", "/no/such/trace"], "/no/such/trace"),
            (["--edge", "127.0.0.1:1", "--model", "smallcnn", "--control", "0.0.0.0:0"], "--token"),
            (["--edge", "127.0.0.1:1", "--model", "smallcnn", "--record", "/no/such/dir/x.jsonl"], "--record"),
            (["--edge", "127.0.0.1:1"], "--model"),
            (["--edge", "127.0.0.1:1", "--model", "smallcnn", "--edge-model", "smallcnn-edge"], "--edge-model"),
            (["--edge", "127.0.0.1:1", "--model-file", ModelFileCommandTests.fixture("chain_cnn.onnx"), "--edge-model", "x",
              "--policy", "static:3"], "--policy"),
            (["--edge", "127.0.0.1:1", "--model", "smallcnn", "--boundary", "int4"], "--boundary must be fp32 or int8"),
            (["--edge", "127.0.0.1:1", "--model-file", ModelFileCommandTests.fixture("chain_cnn.onnx"), "--edge-model", "x",
              "--boundary", "int8"], "--boundary int8"),
        ]
        for (arguments, mention) in cases {
            let result = try SplitscopeBinary.run(["device"] + arguments)
            #expect(result.status == 2, "\(arguments): \(result.stderr)")
            #expect(result.stderr.contains(mention), "\(arguments): \(result.stderr)")
        }
    }

    @Test func anEdgeThatIsNotThereIsAClearError() throws {
        let result = try SplitscopeBinary.run(["device", "--edge", "127.0.0.1:1", "--model", "smallcnn", "--repeat", "1"])
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stderr.contains("--edge 127.0.0.1:1"), "\(result.stderr)")
    }
}
