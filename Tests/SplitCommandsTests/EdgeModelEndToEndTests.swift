import Foundation
import SplitSession
import SplitControlPort
import Testing

/// `device --edge-model NAME`: the real device against the real `splitscope edge` serving only the
/// edge part that `export` wrote, as it would run against any OIP server holding that part.
/// (Tests/Interop/test_device_edge_model.py runs the same against MLServer.)
@Suite("Device with --edge-model, end to end", .serialized)
struct EdgeModelEndToEndTests {
    static let fixture = ModelFileCommandTests.fixture("chain_cnn.onnx")
    static let split = 5

    /// Exports chain_cnn at the split and starts an edge serving only its edge part (`chain_cnn-edge`).
    static func startPartEdge(in dir: URL) throws -> (ChildProcess, Int) {
        let export = try SplitscopeBinary.run(["export", "--model-file", fixture, "--split", "\(split)", "--out", dir.path])
        guard export.status == 0 else { throw ChildProcessError("export failed: \(export.stderr)") }
        let part = dir.appendingPathComponent("chain_cnn-edge.onnx").path
        let edge = try ChildProcess(["edge", "--listen", "127.0.0.1:0", "--model-file", part])
        let (out, _) = try edge.waitFor("the edge listening", seconds: 120) { out, _ in out.contains("\n") }
        let port = out.split(separator: " ").first { $0.hasPrefix("127.0.0.1:") }
            .flatMap { Int($0.dropFirst("127.0.0.1:".count)) }
        guard let port else { throw ChildProcessError("the edge did not announce its port: \(out)") }
        return (edge, port)
    }

    @Test func framesSplitAtTheServersCutAndAPinIsRefused() throws {
        let dir = try SplitscopeBinary.temporaryDirectory()
        let out = dir.appendingPathComponent("part.jsonl").path
        let (edge, port) = try Self.startPartEdge(in: dir)
        defer { edge.killNow() }
        let device = try ChildProcess(["device", "--edge", "127.0.0.1:\(port)", "--model-file", Self.fixture,
                                       "--edge-model", "chain_cnn-edge", "--duration", "4", "--repeat", "3", "--record", out,
                                       "--control", "127.0.0.1:0"])
        defer { device.killNow() }
        let (_, err) = try device.waitFor("the control port", seconds: 120) { _, err in err.contains("control port listening on") }
        let controlPort = err.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == ";" })
            .first { $0.hasPrefix("127.0.0.1:") }.flatMap { Int($0.dropFirst("127.0.0.1:".count)) }
        let control = try ControlPortClient(port: try #require(controlPort, "\(err)"))
        control.send(#"{"cmd":"pin","split":2}"#)
        let replies = control.readLines(seconds: 10) { $0.contains(#""ok""#) }
        #expect(replies.contains { $0.contains(#""ok":false"#) && $0.contains("fixed by the edge's model chain_cnn-edge") },
                "a pin the session cannot carry out is answered with the reason, not ok: \(replies)")
        let status = try device.waitForExit(seconds: 120)
        #expect(status == 0, "\(device.stderr)")
        #expect(device.stderr.contains("a foreign server reports no times"), "\(device.stderr)")

        let recording = try SessionReader.read(path: out)
        #expect(recording.header.policy == "static:\(Self.split)")
        #expect(recording.header.edge?.compute?.contains("--edge-model") == true, "\(String(describing: recording.header.edge))")
        let frames = recording.events.compactMap { if case .frame(let f) = $0.event { f } else { nil } }
        #expect(frames.count >= 30, "\(frames.count) frames in 4 s at 10 fps")
        #expect(frames.map(\.frame) == Array(0..<frames.count), "no frame missing")
        for frame in frames {
            #expect(frame.outcome == .ok && frame.partition == .split(Self.split) && (frame.edgeMs ?? 0) > 0, "\(frame)")
        }
        let notes = recording.events.compactMap { if case .note(let n) = $0.event { n.text } else { nil } }
        #expect(notes.contains { $0.contains("operator refused: pin") && $0.contains("chain_cnn-edge") }, "\(notes)")
    }

    @Test func aServerModelThatIsNotACutOfTheFileExits2() throws {
        let dir = try SplitscopeBinary.temporaryDirectory()
        let (edge, port) = try Self.startPartEdge(in: dir)
        defer { edge.killNow() }
        let cases: [([String], String)] = [
            (["--model-file", Self.fixture, "--edge-model", "no-such-model"], "--edge-model no-such-model"),
            (["--model-file", ModelFileCommandTests.fixture("resnet_like.onnx"), "--edge-model", "chain_cnn-edge"], "no tensor of"),
        ]
        for (flags, mention) in cases {
            let result = try SplitscopeBinary.run(["device", "--edge", "127.0.0.1:\(port)", "--repeat", "1", "--duration", "1"] + flags)
            #expect(result.status == 2, "\(flags): \(result.stderr)")
            #expect(result.stderr.contains(mention), "\(flags): \(result.stderr)")
        }
    }
}
