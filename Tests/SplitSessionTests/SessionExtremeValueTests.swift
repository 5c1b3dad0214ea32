import Foundation
import SplitJSON
import Testing
@testable import SplitSession

/// Every numeric field of a session is checked against the quantity its unit suffix names, so a
/// finite but absurd number is a damaged line with the field named, never a value a reader traps on.
@Suite("Session fields with extreme numbers")
struct SessionExtremeValueTests {
    static let frame = #"{"type":"frame","t":1,"frame":1,"partition":{"split":1},"device_ms":2,"bytes_sent":0,"total_ms":2,"energy_mj":10,"battery_pct":99,"bandwidth_estimate_mbps":3,"outcome":"ok"}"#

    @Test("an extreme number names its field and says the range", arguments: [
        ("\"t\":1,", "\"t\":1e300,", "t: time must be from 0 to 31536000 s, got 1e+300"),
        ("\"device_ms\":2", "\"device_ms\":1e308", "device_ms: time must be from 0 to 1e12 ms, got 1e+308"),
        ("\"total_ms\":2", "\"total_ms\":-1e308", "total_ms: time must be from 0 to 1e12 ms, got -1e+308"),
        ("\"energy_mj\":10", "\"energy_mj\":5e-324", nil),
        ("\"energy_mj\":10", "\"energy_mj\":-5e-324", "energy_mj: energy must be from 0 to 1e15 mJ, got -5e-324"),
        ("\"battery_pct\":99", "\"battery_pct\":1e300", "battery_pct: battery level must be from 0 to 100 %, got 1e+300"),
        ("\"bandwidth_estimate_mbps\":3", "\"bandwidth_estimate_mbps\":1e300",
         "bandwidth_estimate_mbps: bandwidth must be from 0 to 1000000 Mbit/s, got 1e+300"),
        ("\"bytes_sent\":0", "\"bytes_sent\":9223372036854775807", "bytes_sent: expected a whole number ≥ 0, got 9223372036854775808"),
        ("\"frame\":1", "\"frame\":1e300", "frame: expected a whole number ≥ 0, got 1e+300"),
    ] as [(String, String, String?)])
    func extremeFrameFields(original: String, replacement: String, message: String?) throws {
        let text = Self.frame.replacingOccurrences(of: original, with: replacement)
        #expect(text != Self.frame)
        do {
            _ = try SessionEventCodec.decode(line: Array(text.utf8))
            #expect(message == nil, "\(replacement) should be refused")
        } catch {
            #expect(error.description == message)
        }
    }

    static let header = """
        {"type":"session","t":0,"schema":"splitscope-session","version":"1.0","start_time":"x","source":"simulator",\
        "fps":10,"device_info":{"name":"d","power_w":{"compute":5,"radio":1.5,"idle":0.5},"battery_mwh":80},\
        "constraints":{"slo_ms":100},"model":{"format":"splitscope-profile","version":1,"name":"m","input":{"bytes":10},\
        "layers":[{"name":"a","inputs":["input"],"output_bytes":4,"device_ms":1,"edge_ms":0.1}]}}
        """

    @Test func headerNumbersAreCheckedToo() throws {
        _ = try SessionEventCodec.decode(line: Array(Self.header.utf8))
        let cases: [(String, String, String)] = [
            (#""fps":10"#, #""fps":1e-300"#, "fps: frame rate must be from 0.001 to 1000 frames/s, got 1e-300"),
            (#""battery_mwh":80"#, #""battery_mwh":1e308"#, "device_info.battery_mwh: battery capacity must be"),
            (#""compute":5"#, #""compute":1e300"#, "device_info.power_w.compute: power must be from 0 to 10000 W"),
            (#""slo_ms":100"#, #""slo_ms":1e300"#, "constraints.slo_ms: latency SLO must be"),
            (#""slo_ms":100"#, #""slo_ms":1e-320"#, "constraints.slo_ms: latency SLO must be from 0.001"),
            (#""slo_ms":100"#, #""slo_ms":100,"bandwidth_cap_mbps":1e-310"#, "constraints.bandwidth_cap_mbps: bandwidth must be from 1e-6"),
            (#""device_ms":1,"#, #""device_ms":1e300,"#, "model.layers[0].device_ms: time must be"),
        ]
        for (original, replacement, words) in cases {
            let broken = Self.header.replacingOccurrences(of: original, with: replacement)
            #expect(broken != Self.header, "\(original)")
            do {
                _ = try SessionEventCodec.decode(line: Array(broken.utf8))
                Issue.record("\(replacement) should be refused")
            } catch {
                #expect(error.description.hasPrefix(words), "\(error)")
            }
        }
    }

    /// The index that replay seeks in holds `t` to the decoder's range: a line at 1e308 s once
    /// made the session's duration 1e308 and the dashboard's clock trap converting it to minutes.
    @Test func theReplayIndexLeavesOutTimesBeyondItsRange() throws {
        let scratch = ScratchDirectory()
        let file = URL(fileURLWithPath: scratch.file("far.jsonl"))
        let lines = [
            Self.header.replacingOccurrences(of: "\n", with: ""),
            Self.frame,
            #"{"type":"note","t":1e308,"text":"far"}"#,
            #"{"type":"note","t":31536001,"text":"past a year"}"#,
            #"{"type":"note","t":2,"text":"end"}"#,
        ]
        try (lines.joined(separator: "\n") + "\n").write(to: file, atomically: true, encoding: .utf8)
        let index = try SessionIndex.open(path: file.path)
        #expect(index.duration == 2)
        let skipped = index.diagnostics.filter { (d: SessionDiagnostic) in d.lineSkipped }
        #expect(skipped.compactMap { (d: SessionDiagnostic) in d.line } == [3, 4], "\(index.diagnostics)")
        #expect(skipped.first?.description.contains("t: time must be from 0 to 31536000 s, got 1e+308") == true,
                "\(index.diagnostics)")
    }
}

/// A frame's partition must be one of the header's model: a split beyond its layers or a layer
/// name it lacks is a damaged line, skipped with the line named by the reader and left out by the
/// replay index, never handed to a view that indexes layers with it.
@Suite("Frames whose partition is not the model's")
struct ForeignFramePartitionTests {
    @Test func theReaderAndTheIndexLeaveThemOut() throws {
        let scratch = ScratchDirectory()
        let file = URL(fileURLWithPath: scratch.file("beyond.jsonl"))
        let frame = SessionExtremeValueTests.frame
        let lines = [
            SessionExtremeValueTests.header.replacingOccurrences(of: "\n", with: ""),
            frame,
            frame.replacingOccurrences(of: #"{"split":1}"#, with: #"{"split":2}"#).replacingOccurrences(of: #""t":1,"#, with: #""t":1.1,"#),
            frame.replacingOccurrences(of: #"{"split":1}"#, with: #"{"device_layers":["zz"]}"#).replacingOccurrences(of: #""t":1,"#, with: #""t":1.2,"#),
            // A frame of a model version: measured against that version, so kept.
            frame.replacingOccurrences(of: #"{"split":1}"#, with: #"{"split":7}"#)
                .replacingOccurrences(of: #""t":1,"#, with: #""t":1.3,"version":"big","#),
            frame.replacingOccurrences(of: #"{"split":1}"#, with: #"{"split":0}"#).replacingOccurrences(of: #""t":1,"#, with: #""t":1.4,"#),
        ]
        try (lines.joined(separator: "\n") + "\n").write(to: file, atomically: true, encoding: .utf8)
        let recording = try SessionReader.read(path: file.path)
        let kept = recording.events.compactMap { event -> Double? in
            if case .frame = event.event { return event.t }
            return nil
        }
        #expect(kept == [1, 1.3, 1.4])
        let skipped = recording.diagnostics.filter(\.lineSkipped)
        #expect(skipped.compactMap(\.line) == [3, 4], "\(recording.diagnostics)")
        #expect(skipped.first?.description.contains("partition: split 2 is beyond m's 1 layers") == true, "\(skipped)")
        #expect(skipped.last?.description.contains("device layer \"zz\" is not a layer of m") == true, "\(skipped)")

        let index = try SessionIndex.open(path: file.path)
        let indexed = index.events(from: 0, to: 10).compactMap { event -> Double? in
            if case .frame = event.event { return event.t }
            return nil
        }
        #expect(indexed == [1, 1.3, 1.4])
    }
}
