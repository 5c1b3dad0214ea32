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
        #expect(names.contains { $0.hasPrefix("best static") })
        for row in rows {
            for key in ["policy", "frames", "mean_ms", "p50_ms", "p95_ms", "energy_mj", "switches", "slo_misses", "gap_to_oracle"] {
                #expect(row[key] != nil, "missing \(key)")
            }
        }
        #expect(rows.first { $0["policy"]?.stringValue == "oracle" }?["gap_to_oracle"]?.doubleValue == 0)
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
