import Foundation
import SplitSession
import Testing

/// The AppealNet cascade of the two committed Fashion-MNIST models: `eval --cascade` on real test
/// images, a simulated cascade session and its summary, and the live cascade with a real edge.
@Suite("Cascade commands", .serialized)
struct CascadeCommandTests {
    static let device = EvalCommandTests.model("fashion-device")
    static let edge = EvalCommandTests.model("fashion-edge")
    static let trace = EvalCommandTests.repository.appendingPathComponent("SampleTraces/traces/pensieve-norway_bus_1").path

    static func frames(_ recording: SessionRecording) -> [FrameEvent] {
        recording.events.compactMap { if case .frame(let f) = $0.event { f } else { nil } }
    }

    /// The number in `column` of the first row of the closing table ("policy  frames  dropped …"),
    /// or nil when the table has no such column.
    static func tableCell(_ stdout: String, _ column: String) -> Int? {
        let lines = stdout.split(separator: "\n").map(String.init)
        guard let at = lines.firstIndex(where: { $0.hasPrefix("policy ") }), at + 2 < lines.count else { return nil }
        func cells(_ line: String) -> [String] {
            line.components(separatedBy: "  ").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
        let headers = cells(lines[at]), row = cells(lines[at + 2])
        guard let index = headers.firstIndex(of: column), index < row.count else { return nil }
        return Int(row[index].replacingOccurrences(of: ",", with: ""))
    }

    /// The curve's rows follow from the predictions: threshold 0 is device-only, a threshold above
    /// every confidence is edge-only's accuracy, and the appeal rate grows with the threshold.
    @Test(.enabled(if: EvalCommandTests.dataInstalled, EvalCommandTests.skipReason))
    func evalCascadeCurve() throws {
        let result = try SplitscopeBinary.run(["eval", "--cascade", "--model-file", Self.device, "--edge-model-file", Self.edge,
                                               "--limit", "300", "--thresholds", "0,0.5,0.9,1", "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        let kinds = rows.compactMap { $0["kind"] as? String }
        #expect(kinds == ["device-only", "cascade", "cascade", "cascade", "cascade", "edge-only", "best"])
        let deviceOnly = rows[0], zero = rows[1], edgeOnly = rows[5], best = rows[6]
        #expect(zero["correct"] as? Int == deviceOnly["correct"] as? Int)
        #expect(zero["appealed"] as? Int == 0)
        #expect(edgeOnly["appeal_rate_pct"] as? Double == 100)
        let rates = rows[1...4].compactMap { $0["appeal_rate_pct"] as? Double }
        #expect(rates == rates.sorted() && rates.count == 4)
        #expect((best["correct"] as? Int ?? 0) >= (edgeOnly["correct"] as? Int ?? .max))
        #expect((best["energy_mj"] as? Double ?? .infinity) <= (rows[4]["energy_mj"] as? Double ?? 0) + 1e-9)
        // The device's energy grows with each appeal, so the cheapest row is device-only's.
        let energies = rows.compactMap { $0["energy_mj"] as? Double }
        #expect(energies[0] == energies[1])
        #expect(rows.filter { $0["least_energy_without_loss"] as? Bool == true }.count <= 1)

        let text = try SplitscopeBinary.run(["eval", "--cascade", "--model-file", Self.device, "--edge-model-file", Self.edge,
                                             "--limit", "100", "--held-out"])
        #expect(text.stdout.contains("\"held-out\": the threshold chosen the same way on the validation split"), "\(text.stdout)")
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.contains("AppealNet's reported > 40 %"), "\(text.stdout)")
        #expect(text.stdout.contains("edge-only"))
    }

    @Test(arguments: [
        (["--thresholds", "0.5,2"], "--thresholds 2: confidence must be from 0 to 1, got 2"),
        (["--thresholds", "0.5,,0.9"], "--thresholds: item 2"),
        (["--thresholds", "high"], "--thresholds: \"high\" in \"high\" is not a number"),
        (["--bandwidth-mbps", "0"], "--bandwidth-mbps: bandwidth must be"),
    ])
    func evalCascadeRefusesBadFlags(_ flags: [String], _ message: String) throws {
        let result = try SplitscopeBinary.run(["eval", "--cascade", "--model-file", Self.device, "--edge-model-file", Self.edge]
            + flags)
        #expect(result.status == 2)
        #expect(result.stderr.contains(message), "\(result.stderr)")
    }

    @Test func cascadeFlagsNeedEachOther() throws {
        let noEdge = try SplitscopeBinary.run(["eval", "--cascade", "--model-file", Self.device])
        #expect(noEdge.status == 2)
        #expect(noEdge.stderr.contains("--cascade needs --edge-model-file"), "\(noEdge.stderr)")
        let noCascade = try SplitscopeBinary.run(["eval", "--model-file", Self.device, "--edge-model-file", Self.edge])
        #expect(noCascade.status == 2)
        #expect(noCascade.stderr.contains("is for --cascade"), "\(noCascade.stderr)")
        let heldOut = try SplitscopeBinary.run(["eval", "--model-file", Self.device, "--held-out"])
        #expect(heldOut.status == 2)
        #expect(heldOut.stderr.contains("--held-out is for --cascade"), "\(heldOut.stderr)")
        let simulate = try SplitscopeBinary.run(["simulate", "--model", "smallcnn", "--bandwidth-trace", Self.trace,
                                                 "--appeal-threshold", "0.5"])
        #expect(simulate.status == 2)
        #expect(simulate.stderr.contains("--appeal-threshold is for --cascade"), "\(simulate.stderr)")
    }

    /// Every command that reads `--data` refuses a name it does not know with the one message, before any data is read.
    @Test func everyDataFlagRefusesAnUnknownSet() throws {
        let commands: [[String]] = [
            ["eval", "--model-file", Self.device],
            ["eval", "--cascade", "--model-file", Self.device, "--edge-model-file", Self.edge],
            ["simulate", "--cascade", "--model-file", Self.device, "--edge-model-file", Self.edge, "--bandwidth-trace", Self.trace],
        ]
        for command in commands {
            let result = try SplitscopeBinary.run(command + ["--data", "cifar"])
            #expect(result.status == 2, "\(command): \(result.stderr)")
            #expect(result.stderr.contains("--data must be fashion-mnist or digits, got \"cifar\""), "\(command): \(result.stderr)")
        }
    }

    /// Every frame is a real test image: appealed exactly when its confidence is below the
    /// threshold, and `summarize` reports the same appeal rate and accuracy as the frames hold.
    @Test(.enabled(if: EvalCommandTests.dataInstalled, EvalCommandTests.skipReason))
    func simulatedCascadeSessionAndSummary() throws {
        let out = try SplitscopeBinary.temporaryDirectory().appendingPathComponent("cascade.jsonl").path
        let result = try SplitscopeBinary.run(["simulate", "--cascade", "--model-file", Self.device, "--edge-model-file", Self.edge,
                                               "--appeal-threshold", "0.9", "--bandwidth-trace", Self.trace, "--duration", "30",
                                               "--clock", "fixed", "--out", out])
        #expect(result.status == 0, "\(result.stderr)")
        let recording = try SessionReader.read(path: out)
        #expect(recording.diagnostics.isEmpty)
        #expect(recording.header.version == .current)
        // The edge model appeals go to is recorded with its own layers, not the device model's.
        #expect(recording.header.appealModel?.name == "fashion-edge")
        #expect(recording.header.appealModel?.model?.layerCount == 25)
        #expect(recording.header.model.layerCount == 12)
        let processed = Self.frames(recording).filter { $0.outcome != .dropped }
        #expect(processed.count > 100)
        for frame in processed {
            let confidence = try #require(frame.confidence)
            #expect(frame.correct != nil)
            if frame.outcome == .ok { #expect((frame.answered == .edge) == (confidence < 0.9)) }
        }
        let appealed = processed.filter { $0.answered == .edge }
        #expect(!appealed.isEmpty && appealed.count < processed.count)
        #expect(appealed.allSatisfy { $0.bytesSent == 784 * 4 && ($0.transferMs ?? 0) > 0 })
        // The closing table counts the frames answered on the device and appealed, not "local 0".
        #expect(Self.tableCell(result.stdout, "on device") == processed.count - appealed.count, "\(result.stdout)")
        #expect(Self.tableCell(result.stdout, "appealed") == appealed.count, "\(result.stdout)")
        #expect(Self.tableCell(result.stdout, "local") == processed.filter { $0.outcome == .local }.count, "\(result.stdout)")
        let rate = 100 * Double(appealed.count) / Double(processed.count)
        let accuracy = 100 * Double(processed.filter { $0.correct == true }.count) / Double(processed.count)

        let summary = try SplitscopeBinary.run(["summarize", out, "--json"])
        #expect(summary.status == 0, "\(summary.stderr)")
        let root = try #require(try JSONSerialization.jsonObject(with: Data(summary.stdout.utf8)) as? [String: Any])
        let cascade = try #require(root["cascade"] as? [String: Any])
        #expect(abs((cascade["appeal_rate_pct"] as? Double ?? -1) - rate) < 1e-9)
        #expect(abs((cascade["accuracy_pct"] as? Double ?? -1) - accuracy) < 1e-9)
        let text = try SplitscopeBinary.run(["summarize", out])
        #expect(text.stdout.contains("cascade   "), "\(text.stdout)")
        #expect(text.stdout.contains("model     fashion-device: 12 layers, input 3,136 B"), "\(text.stdout)")

        // The same command writes the same bytes.
        let again = out + ".again.jsonl"
        _ = try SplitscopeBinary.run(["simulate", "--cascade", "--model-file", Self.device, "--edge-model-file", Self.edge,
                                      "--appeal-threshold", "0.9", "--bandwidth-trace", Self.trace, "--duration", "30",
                                      "--clock", "fixed", "--out", again])
        #expect(FileManager.default.contents(atPath: out) == FileManager.default.contents(atPath: again))
    }

    /// The live pair: a real edge serving the edge model, the device appealing over ModelInfer.
    @Test(.enabled(if: EvalCommandTests.dataInstalled, EvalCommandTests.skipReason))
    func liveCascadeAppealsToARealEdge() throws {
        let out = try SplitscopeBinary.temporaryDirectory().appendingPathComponent("live-cascade.jsonl").path
        let edge = try ChildProcess(["edge", "--listen", "127.0.0.1:0", "--model-file", Self.edge])
        defer { edge.killNow() }
        let (announced, _) = try edge.waitFor("the edge listening", seconds: 120) { out, _ in out.contains("\n") }
        let port = try #require(announced.split(separator: " ").first { $0.hasPrefix("127.0.0.1:") }
            .flatMap { Int($0.dropFirst("127.0.0.1:".count)) })
        let device = try ChildProcess(["device", "--cascade", "--edge", "127.0.0.1:\(port)", "--model-file", Self.device,
                                       "--edge-model", "fashion-edge", "--appeal-threshold", "0.9", "--fps", "20",
                                       "--duration", "4", "--rtt-ms", "5", "--record", out])
        defer { device.killNow() }
        let status = try device.waitForExit(seconds: 180)
        #expect(status == 0, "\(device.stderr)")
        #expect(device.stdout.contains("cascade   "), "\(device.stdout)")
        let recording = try SessionReader.read(path: out)
        #expect(recording.header.source == .live)
        // The live device knows the edge model only by the name its edge serves it under.
        #expect(recording.header.appealModel == SessionAppealModel(name: "fashion-edge"))
        let liveFrames = Self.frames(recording).filter { $0.outcome != .dropped && $0.totalMs != nil }
        #expect(Self.tableCell(device.stdout, "on device") == liveFrames.filter { $0.answered == .device }.count, "\(device.stdout)")
        #expect(Self.tableCell(device.stdout, "appealed") == liveFrames.filter { $0.answered == .edge }.count, "\(device.stdout)")
        let processed = Self.frames(recording).filter { $0.outcome != .dropped }
        #expect(processed.count >= 20, "\(processed.count) frames")
        for frame in processed {
            let confidence = try #require(frame.confidence)
            #expect(frame.correct != nil)
            if frame.outcome == .ok { #expect((frame.answered == .edge) == (confidence < 0.9)) }
        }
        let appealed = processed.filter { $0.answered == .edge }
        #expect(!appealed.isEmpty, "some frames are appealed")
        #expect(appealed.allSatisfy { $0.bytesSent == 784 * 4 && ($0.edgeMs ?? 0) > 0 && $0.rttMs == 5 })
        let accuracy = Double(processed.filter { $0.correct == true }.count) / Double(processed.count)
        #expect(accuracy > 0.7, "accuracy \(accuracy) of the real answers")
        let indices = Self.frames(recording).map(\.frame).sorted()
        #expect(indices == Array(0..<indices.count))
    }

    /// The edge killed mid-session and started again on the same port: the cascade device answers
    /// on its own meanwhile (outcome `local`), records `edge_lost` then `edge_back`, appeals again
    /// once the edge is back, and loses no frame.
    @Test(.enabled(if: EvalCommandTests.dataInstalled, EvalCommandTests.skipReason))
    func anEdgeThatDiesAndReturnsIsAFaultNotAnEnd() throws {
        let out = try SplitscopeBinary.temporaryDirectory().appendingPathComponent("cascade-fault.jsonl").path
        let first = try ChildProcess(["edge", "--listen", "127.0.0.1:0", "--threads", "1", "--model-file", Self.edge])
        defer { first.killNow() }
        let (announced, _) = try first.waitFor("the edge listening", seconds: 120) { out, _ in out.contains("\n") }
        let port = try #require(announced.split(separator: " ").first { $0.hasPrefix("127.0.0.1:") }
            .flatMap { Int($0.dropFirst("127.0.0.1:".count)) })
        let device = try ChildProcess(["device", "--cascade", "--edge", "127.0.0.1:\(port)", "--model-file", Self.device,
                                       "--edge-model", "fashion-edge", "--appeal-threshold", "0.999", "--fps", "10",
                                       "--duration", "10", "--record", out])
        defer { device.killNow() }
        _ = try device.waitFor("the first frames", seconds: 120) { _, _ in FileManager.default.contents(atPath: out).map { $0.count > 2_000 } ?? false }
        Thread.sleep(forTimeInterval: 1.5)
        first.killNow()
        Thread.sleep(forTimeInterval: 1.5)
        let second = try ChildProcess(["edge", "--listen", "127.0.0.1:\(port)", "--threads", "1", "--model-file", Self.edge])
        defer { second.killNow() }
        #expect(try device.waitForExit(seconds: 180) == 0, "\(device.stderr)")

        let recording = try SessionReader.read(path: out)
        let faults = recording.events.compactMap { event -> (Double, FaultKind)? in
            if case .fault(let fault) = event.event { (event.t, fault.kind) } else { nil }
        }
        #expect(faults.map(\.1) == [.edgeLost, .edgeBack], "\(faults)")
        let frames = Self.frames(recording)
        #expect(frames.map(\.frame) == Array(0..<frames.count), "every frame once")
        #expect(frames.contains { $0.outcome == .local && $0.answered == .device }, "frames answered on the device meanwhile")
        let back = try #require(faults.last?.0)
        #expect(recording.events.contains { event in
            if case .frame(let frame) = event.event { event.t >= back && frame.answered == .edge && frame.outcome == .ok } else { false }
        }, "appeals answered after the edge is back")
        // The device's terminal said the loss (with why the appeal failed) and the return, once each,
        // and its closing line counts the frames answered on the device meanwhile.
        let lost = device.stderr.split(separator: "\n").filter { $0.contains("lost the edge 127.0.0.1:\(port): appeal failed: ") }
        #expect(lost.count == 1 && lost.first?.hasSuffix("; now: answer on the device") == true, "\(device.stderr)")
        #expect(device.stderr.split(separator: "\n").filter { $0.contains("the edge 127.0.0.1:\(port) answers again") }.count == 1,
                "\(device.stderr)")
        let lostAt = try #require(faults.first?.0)
        let local = recording.events.filter { event in
            if case .frame(let frame) = event.event { event.t >= lostAt && event.t <= back && frame.outcome == .local } else { false }
        }.count
        #expect(device.stdout.contains("edge 127.0.0.1:\(port) lost once (") && device.stdout.contains(
            "back by the end): while lost, \(local == 1 ? "1 frame" : "\(local) frames") finished on the device"), "\(device.stdout)")
    }
}
