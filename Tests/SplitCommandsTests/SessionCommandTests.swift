import Foundation
import SplitJSON
import Testing

/// `simulate` and `summarize` through the real binary: good runs, and bad input that must exit 2 and write nothing.
@Suite("simulate and summarize")
struct SessionCommandTests {
    static let traces = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("SampleTraces/traces").path

    @Test func simulateWritesASessionThatSummarizeReads() throws {
        let dir = try SplitscopeBinary.temporaryDirectory()
        let out = dir.appendingPathComponent("s.jsonl").path
        let sim = try SplitscopeBinary.run(["simulate", "--model", "resnet18", "--bandwidth-trace", "\(Self.traces)/pensieve-norway_bus_1",
                                            "--duration", "20", "--policy", "neurosurgeon", "--out", out, "--json"])
        #expect(sim.status == 0, "\(sim.stderr)")
        let policies = try JSONValue.parse(sim.stdout).objectValue?["policies"]?.arrayValue ?? []
        #expect(policies.count == 1)
        let frames = policies.first?.objectValue?["frames"]?.intValue ?? -1
        let summary = try SplitscopeBinary.run(["summarize", out, "--json"])
        #expect(summary.status == 0, "\(summary.stderr)")
        let json = try JSONValue.parse(summary.stdout).objectValue
        #expect(json?["frames"]?.intValue == frames)
        #expect(json?["policy"]?.stringValue == "neurosurgeon")
        #expect(json?["skipped_lines"]?.intValue == 0)
        #expect(json?["model"]?.stringValue == "resnet18")
        // A 20 s session reads 20 s.
        #expect(json?["duration_s"]?.doubleValue == 20, "\(summary.stdout)")
    }

    @Test func policyAllComparesEveryPolicyWithTheOracle() throws {
        let sim = try SplitscopeBinary.run(["simulate", "--model", "resnet18", "--bandwidth-trace", "\(Self.traces)/pensieve-norway_bus_1",
                                            "--duration", "10", "--policy", "all", "--json"])
        #expect(sim.status == 0, "\(sim.stderr)")
        let rows = try JSONValue.parse(sim.stdout).objectValue?["policies"]?.arrayValue?.compactMap(\.objectValue) ?? []
        let names = rows.compactMap { $0["policy"]?.stringValue }
        for expected in ["device", "edge", "neurosurgeon", "dsc", "gads", "mincut", "oracle"] {
            #expect(names.contains(expected), "missing \(expected) in \(names)")
        }
        #expect(names.contains { $0.hasPrefix("best interior split (static:") })
        // Static policies make no switches: falling back to local is counted under "local".
        for name in ["device", "edge"] {
            #expect(rows.first { $0["policy"]?.stringValue == name }?["switches"]?.intValue == 0, "\(name)")
        }
        for row in rows {
            for key in ["policy", "frames", "mean_ms", "p50_ms", "p95_ms", "energy_mj", "probe_energy_mj", "probes", "switches",
                        "slo_misses", "gap_to_oracle"] {
                #expect(row[key] != nil, "missing \(key)")
            }
        }
        #expect(rows.first { $0["policy"]?.stringValue == "oracle" }?["gap_to_oracle"]?.doubleValue == 0)
    }

    @Test func summarizeCountsSLOMissesAgainstTheSLOInForce() throws {
        let dir = try SplitscopeBinary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("slo.jsonl").path
        let sim = try SplitscopeBinary.run(["simulate", "--model", "resnet18", "--bandwidth-trace", "\(Self.traces)/pensieve-norway_bus_1",
                                            "--duration", "20", "--policy", "mincut", "--slo-ms", "1000", "--operator", "10:slo=30",
                                            "--clock", "fixed", "--out", out, "--json"])
        #expect(sim.status == 0, "\(sim.stderr)")
        // Count by hand from the file: frames before 10 s against 1000 ms, from 10 s against 30 ms.
        let lines = try String(contentsOfFile: out, encoding: .utf8).split(separator: "\n")
        var expected = 0
        for line in lines {
            guard let event = try JSONValue.parse(String(line)).objectValue, event["type"]?.stringValue == "frame",
                  let total = event["total_ms"]?.doubleValue, let t = event["t"]?.doubleValue else { continue }
            if total > (t >= 10 ? 30 : 1000) { expected += 1 }
        }
        #expect(expected > 0)
        let simulated = try JSONValue.parse(sim.stdout).objectValue?["policies"]?.arrayValue?.first?.objectValue
        #expect(simulated?["slo_misses"]?.intValue == expected)
        let summary = try SplitscopeBinary.run(["summarize", out, "--json"])
        #expect(try JSONValue.parse(summary.stdout).objectValue?["slo_misses"]?.intValue == expected)
        let text = try SplitscopeBinary.run(["summarize", out])
        #expect(text.stdout.contains("\(expected) over the SLO in force (1000 ms, then 30 ms)"), "\(text.stdout)")
    }

    @Test func theHeaderRecordsThePolicyThatRan() throws {
        let dir = try SplitscopeBinary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        for policy in ["oracle", "static:5", "dsc"] {
            let out = dir.appendingPathComponent("p.jsonl").path
            let sim = try SplitscopeBinary.run(["simulate", "--model", "resnet18", "--bandwidth-trace", "\(Self.traces)/pensieve-norway_bus_1",
                                                "--duration", "5", "--policy", policy, "--out", out])
            #expect(sim.status == 0, "\(sim.stderr)")
            let summary = try SplitscopeBinary.run(["summarize", out, "--json"])
            #expect(try JSONValue.parse(summary.stdout).objectValue?["policy"]?.stringValue == policy)
        }
    }

    @Test func aFixedClockGivesTheSameFileTwice() throws {
        let dir = try SplitscopeBinary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        var files: [Data] = []
        for name in ["a", "b"] {
            let out = dir.appendingPathComponent("\(name).jsonl").path
            let sim = try SplitscopeBinary.run(["simulate", "--model", "resnet18", "--bandwidth-trace", "\(Self.traces)/pensieve-norway_bus_1",
                                                "--duration", "10", "--clock", "fixed:2025-01-01T00:00:00Z", "--out", out])
            #expect(sim.status == 0, "\(sim.stderr)")
            files.append(try Data(contentsOf: URL(fileURLWithPath: out)))
        }
        #expect(files[0] == files[1])
        #expect(String(decoding: files[0], as: UTF8.self).contains(#""start_time":"2025-01-01T00:00:00Z""#))
        let bad = try SplitscopeBinary.run(["simulate", "--model", "resnet18", "--bandwidth-trace", "\(Self.traces)/pensieve-norway_bus_1",
                                            "--clock", "sundial"])
        #expect(bad.status == 2 && bad.stderr.contains("--clock"), "\(bad.stderr)")
    }

    @Test func summarizeSaysWhenThereAreNoFramesAndCountsEveryLineItSkips() throws {
        let dir = try SplitscopeBinary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let full = dir.appendingPathComponent("full.jsonl").path
        let sim = try SplitscopeBinary.run(["simulate", "--model", "resnet18", "--bandwidth-trace", "\(Self.traces)/pensieve-norway_bus_1",
                                            "--duration", "2", "--out", full])
        #expect(sim.status == 0, "\(sim.stderr)")
        let lines = try String(contentsOfFile: full, encoding: .utf8).split(separator: "\n").map(String.init)
        // Only the header: no frames, so no latency to speak of.
        let headerOnly = dir.appendingPathComponent("header.jsonl")
        try (lines[0] + "\n").write(to: headerOnly, atomically: true, encoding: .utf8)
        let empty = try SplitscopeBinary.run(["summarize", headerOnly.path])
        #expect(empty.status == 0, "\(empty.stderr)")
        #expect(empty.stdout.contains("no processed frames"), "\(empty.stdout)")
        #expect(!empty.stdout.contains("mean 0.00"), "\(empty.stdout)")
        // A cut-off last line is a skipped line: counted as well as listed.
        let cut = dir.appendingPathComponent("cut.jsonl")
        try (lines.joined(separator: "\n") + "\n" + #"{"type":"frame","t":2.0,"fra"#).write(to: cut, atomically: true, encoding: .utf8)
        let damaged = try SplitscopeBinary.run(["summarize", cut.path])
        #expect(damaged.stdout.contains("skipped   1 damaged line"), "\(damaged.stdout)")
        #expect(damaged.stdout.contains("cut off"), "\(damaged.stdout)")
        let json = try JSONValue.parse(try SplitscopeBinary.run(["summarize", cut.path, "--json"]).stdout).objectValue
        #expect(json?["skipped_lines"]?.intValue == 1)
        // A last line without its newline that still parses is kept: a notice, not a skipped line.
        let unterminated = dir.appendingPathComponent("nonl.jsonl")
        try lines.joined(separator: "\n").write(to: unterminated, atomically: true, encoding: .utf8)
        let kept = try SplitscopeBinary.run(["summarize", unterminated.path])
        let tail = kept.stdout.split(separator: "\n").suffix(2).map(String.init)
        #expect(tail.first == "skipped   0 damaged lines", "\(kept.stdout)")
        #expect(tail.last?.hasPrefix("notices   line \(lines.count): the last line has no newline") == true, "\(kept.stdout)")
    }

    @Test func simulateHelpDescribesTheDefaultEstimator() throws {
        let help = try SplitscopeBinary.run(["simulate", "--help"])
        #expect(!help.stdout.contains("harmonic mean"), "\(help.stdout)")
        #expect(help.stdout.contains("EWMA"))
    }

    @Test func anOutageTraceRunsLocallyWithoutHanging() throws {
        let dir = try SplitscopeBinary.temporaryDirectory()
        let trace = dir.appendingPathComponent("outage.txt")
        try "0\t0\n1\t0\n2\t0\n".write(to: trace, atomically: true, encoding: .utf8)
        let sim = try SplitscopeBinary.run(["simulate", "--model", "resnet18", "--bandwidth-trace", trace.path,
                                            "--duration", "10", "--policy", "edge", "--json"])
        #expect(sim.status == 0, "\(sim.stderr)")
        let row = try JSONValue.parse(sim.stdout).objectValue?["policies"]?.arrayValue?.first?.objectValue
        #expect((row?["frames"]?.intValue ?? 0) > 0)
    }

    @Test func badTracesExitTwoAndWriteNothing() throws {
        let dir = try SplitscopeBinary.temporaryDirectory()
        let cases: [(name: String, text: String, mentions: String)] = [
            ("empty", "", "empty"),
            ("backwards", "0\t5\n2\t5\n1\t5\n", ".txt:3:"),
            ("negative", "0\t5\n1\t-5\n", ".txt:2:"),
            ("garbage", "hello world\nthis is not a trace\n", "format"),
            ("nan", "0\t5\n1\tnan\n", ".txt:2:"),
        ]
        for broken in cases {
            let trace = dir.appendingPathComponent("\(broken.name).txt")
            try broken.text.write(to: trace, atomically: true, encoding: .utf8)
            let out = dir.appendingPathComponent("\(broken.name).jsonl")
            let result = try SplitscopeBinary.run(["simulate", "--model", "resnet18", "--bandwidth-trace", trace.path,
                                                   "--duration", "5", "--out", out.path])
            #expect(result.status == 2, "\(broken.name): \(result.status) \(result.stderr)")
            #expect(result.stderr.contains(trace.path), "\(broken.name): \(result.stderr)")
            #expect(result.stderr.lowercased().contains(broken.mentions), "\(broken.name): \(result.stderr)")
            #expect(!FileManager.default.fileExists(atPath: out.path), "\(broken.name): wrote \(out.path)")
        }
        let missing = try SplitscopeBinary.run(["simulate", "--model", "resnet18", "--bandwidth-trace", "/nonexistent/trace"])
        #expect(missing.status == 2)
        let unwritable = try SplitscopeBinary.run(["simulate", "--model", "resnet18", "--bandwidth-trace", "\(Self.traces)/pensieve-norway_bus_1",
                                                   "--duration", "5", "--out", "/nonexistent/dir/s.jsonl"])
        #expect(unwritable.status == 2 && unwritable.stderr.contains("/nonexistent/dir/s.jsonl"))
        let badFlag = try SplitscopeBinary.run(["simulate", "--model", "resnet18", "--bandwidth-trace", "\(Self.traces)/pensieve-norway_bus_1",
                                                "--fps", "0"])
        #expect(badFlag.status == 2 && badFlag.stderr.contains("--fps"))
    }

    @Test func summarizeRejectsFutureAndGarbageFiles() throws {
        let dir = try SplitscopeBinary.temporaryDirectory()
        let future = dir.appendingPathComponent("future.jsonl")
        try #"{"type":"session","t":0,"schema":"splitscope-session","version":"9.0","start_time":"x","source":"simulator","model":{}}"#
            .write(to: future, atomically: true, encoding: .utf8)
        let f = try SplitscopeBinary.run(["summarize", future.path])
        #expect(f.status == 2)
        #expect(f.stderr.contains("newer"), "\(f.stderr)")
        let garbage = dir.appendingPathComponent("garbage.jsonl")
        try Data([0x00, 0xFF, 0x13, 0x37, 0x0A, 0x80]).write(to: garbage)
        let g = try SplitscopeBinary.run(["summarize", garbage.path])
        #expect(g.status == 2)
        #expect(g.stderr.contains(garbage.path))
    }

    @Test func summarizeReportsDamageButKeepsTheRest() throws {
        let dir = try SplitscopeBinary.temporaryDirectory()
        let out = dir.appendingPathComponent("s.jsonl").path
        let sim = try SplitscopeBinary.run(["simulate", "--model", "resnet18", "--bandwidth-trace", "\(Self.traces)/pensieve-norway_bus_1",
                                            "--duration", "5", "--out", out])
        #expect(sim.status == 0)
        var text = try String(contentsOfFile: out, encoding: .utf8)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        lines[3] = "{ this line is broken"
        text = lines.joined(separator: "\n")
        // Cut the last line in half, as a killed writer would leave it.
        text = String(text.dropLast(40))
        try text.write(toFile: out, atomically: true, encoding: .utf8)
        let summary = try SplitscopeBinary.run(["summarize", out])
        #expect(summary.status == 0, "\(summary.stderr)")
        #expect(summary.stdout.contains("line 4"), "\(summary.stdout)")
        #expect(summary.stdout.contains("skipped"))
    }
}
