import Foundation
import SplitControlPort
import SplitSession
import SplitTestSupport
import Testing

/// `device --versions` against the real `splitscope edge` serving two versions' files, on
/// loopback: the header lists both, frames go to the chosen version's model, and the control
/// port's accuracy floor switches the version live.
@Suite("Device with model versions end to end", .serialized)
struct DeviceVersionsEndToEndTests {
    static let models = VersionsCommandTests.models

    /// A manifest of the full model and its 50 % pruned version (small: 28×28 inputs), its family
    /// named unlike either model, so a header that names the first model instead shows.
    static func manifest() throws -> String {
        let dir = try SplitscopeBinary.temporaryDirectory()
        let text = """
            {"format": "splitscope-model-versions", "version": 1, "family": "fashion-edge-family", "data": "fashion-mnist",
             "versions": [
              {"name": "full", "file": "\(models)/fashion-edge.onnx", "accuracy_pct": 90.21, "compression": "none"},
              {"name": "p50", "file": "\(models)/fashion-edge-p50.onnx", "accuracy_pct": 80.74, "compression": "channel pruning, 50 % kept"}]}
            """
        let path = dir.appendingPathComponent("versions.json").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static func port(after prefix: String, in text: String) -> Int? {
        text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == ";" })
            .first { $0.hasPrefix(prefix) }.flatMap { Int($0.dropFirst(prefix.count)) }
    }

    @Test func theFloorSwitchesTheLiveVersionAndTheRecordingCarriesBoth() throws {
        let dir = try SplitscopeBinary.temporaryDirectory()
        let out = dir.appendingPathComponent("versions-live.jsonl").path
        let edge = try ChildProcess(["edge", "--listen", "127.0.0.1:0", "--model-file", "\(Self.models)/fashion-edge.onnx",
                                     "--model-file", "\(Self.models)/fashion-edge-p50.onnx"])
        defer { edge.killNow() }
        let (announced, _) = try edge.waitFor("the edge listening", seconds: 120) { out, _ in out.contains("\n") }
        #expect(announced.contains("fashion-edge, fashion-edge-p50"), "\(announced)")
        let edgePort = try #require(Self.port(after: "127.0.0.1:", in: announced), "\(announced)")
        // A slow device (× 1000) that must run the first eight layers itself (through the first residual block), and
        // sends their output to the edge: p50's halved channels make its part several times faster than full's. (With
        // every layer on the edge the two versions differed by a fraction of a millisecond of edge time, and under a
        // loaded CI machine's noise the device ran full for the whole run.)
        let device = try ChildProcess(["device", "--edge", "127.0.0.1:\(edgePort)", "--versions", try Self.manifest(),
                                       "--slowdown", "1000", "--min-device-layers", "8", "--rtt-ms", "5", "--duration", "6",
                                       "--repeat", "3", "--record", out, "--control", "127.0.0.1:0"])
        defer { device.killNow() }
        let (_, err) = try device.waitFor("the control port", seconds: 120) { _, err in err.contains("control port listening on") }
        #expect(err.contains("measuring fashion-edge's") && err.contains("measuring fashion-edge-p50's"), "\(err)")
        let control = try #require(Self.port(after: "127.0.0.1:", in: String(err[err.range(of: "listening on")!.upperBound...])))
        let client = try ControlPortClient(port: control)
        client.send(#"{"cmd":"subscribe"}"#)
        // Wait for a p50 frame (the faster version, with no floor), then raise the floor above it.
        // (Not necessarily the first frame: on a loaded machine the measured profiles may put full
        // first until the controller's estimates settle.)
        let before = client.readLines(seconds: 30) { $0.contains(#""type":"frame""#) && $0.contains(#""version":"p50""#) }
        #expect(before.last?.contains(#""version":"p50""#) == true, "\(before.suffix(3))")
        client.send(#"{"cmd":"set","constraint":"accuracy_floor_pct","value":85}"#)
        let reply = client.readLines(seconds: 10) { $0.contains(#""ok""#) }
        #expect(reply.last?.contains(#""ok":true"#) == true, "\(reply.suffix(3))")
        let status = try device.waitForExit(seconds: 120)
        #expect(status == 0, "\(device.stderr)")

        let recording = try SessionReader.read(path: out)
        #expect(recording.skippedLineCount == 0, "\(recording.diagnostics)")
        #expect(recording.header.versions.map(\.name) == ["full", "p50"])
        // The header's model is the family, as summarize names it; every decision names its version.
        #expect(recording.header.model.name == "fashion-edge-family")
        let summary = try SplitscopeBinary.run(["summarize", out])
        #expect(summary.stdout.contains("model     fashion-edge-family, 2 versions: full (25 layers), p50 (25 layers)"), "\(summary.stdout)")
        let audit = DecisionFromAudit(recording.events)
        #expect(audit.decisions > 0 && audit.decisionsNamingVersion == audit.decisions)
        #expect(audit.toMismatches.isEmpty, "\(audit.toMismatches)")
        #expect(recording.header.versions.map(\.model.layerCount) == recording.header.versions.map { _ in recording.header.model.layerCount })
        let floorAt = try #require(recording.events.first { if case .operatorAction = $0.event { true } else { false } }?.t)
        let frames = recording.events.compactMap { event -> (t: Double, frame: FrameEvent)? in
            if case .frame(let frame) = event.event { (event.t, frame) } else { nil }
        }
        let answered = frames.filter { $0.frame.outcome == .ok && ($0.frame.edgeMs ?? 0) > 0 }
        #expect(answered.contains { $0.t < floorAt && $0.frame.version == "p50" }, "the edge answered p50 frames before the floor")
        // After the floor (and the frame in flight), only the full model may run, and the edge answers it.
        let after = frames.filter { $0.t > floorAt + 0.15 }
        #expect(!after.isEmpty && after.allSatisfy { $0.frame.version == "full" }, "\(after.map(\.frame.version))")
        #expect(answered.contains { $0.t > floorAt && $0.frame.version == "full" })
    }

    @Test func badVersionFlagsExit2() throws {
        let manifest = try Self.manifest()
        let cases: [([String], String)] = [
            (["--versions", manifest, "--model", "smallcnn"], "not both"),
            (["--versions", manifest, "--edge-model", "x"], "--edge-model"),
            (["--versions", manifest, "--policy", "static:3"], "--versions"),
            (["--versions", "/nonexistent/versions.json"], "/nonexistent/versions.json"),
            (["--versions", manifest, "--accuracy-floor-pct", "101"], "--accuracy-floor-pct"),
        ]
        for (flags, named) in cases {
            let result = try SplitscopeBinary.run(["device", "--edge", "127.0.0.1:1"] + flags)
            #expect(result.status == 2, "\(flags): \(result.stderr)")
            #expect(result.stderr.contains(named), "\(flags): \(result.stderr)")
        }
    }
}
