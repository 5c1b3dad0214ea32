import Testing
import SplitSession

/// The benchmark's plumbing only: timings are measured by `splitscope bench replay`, never asserted here.
@Suite("Replay benchmark")
struct ReplayBenchmarkTests {
    @Test("the replay benchmark runs end to end on a small session")
    func benchmarkSmoke() throws {
        let scratch = ScratchDirectory()
        let result = try ReplayBenchmark.run(eventCount: 5_000, directory: scratch.path)
        #expect(result.eventCount == 5_000)
        #expect(result.eventsDecoded > ReplayBenchmark.seekCount)
        #expect(result.fileBytes > 5_000 * 100)
        let lines = result.table.split(separator: "\n")
        #expect(lines.count == 2 + result.rows.count)
        #expect(lines.first?.hasPrefix("metric") == true)
        // The file is removed afterwards.
        #expect(throws: SessionError.self) { try SessionReader.read(path: scratch.file("replay-benchmark.jsonl")) }
    }

    @Test("the synthetic session is mostly frames, in time order, and every line decodes")
    func syntheticMix() throws {
        let scratch = ScratchDirectory()
        let result = try ReplayBenchmark.run(eventCount: 3_000, directory: scratch.path, keepFile: true)
        let recording = try SessionReader.read(path: scratch.file("replay-benchmark.jsonl"))
        #expect(recording.events.count == result.eventCount)
        #expect(recording.diagnostics.isEmpty)
        let frames = recording.events.filter { if case .frame = $0.event { true } else { false } }.count
        let share = Double(frames) / Double(recording.events.count)
        #expect(share > 0.5 && share < 0.7)
        #expect(zip(recording.events, recording.events.dropFirst()).allSatisfy { $0.t <= $1.t })
    }

    @Test("the table compares each measurement with its target")
    func table() {
        let result = ReplayBenchmarkResult(eventCount: 1_000_000, fileBytes: 211_558_979, writeSeconds: 2.25, openSeconds: 0.2634,
                                           seekMedianMs: 0.0172, seekMaxMs: 12.5, indexBytesPerEvent: 20.98, eventsDecoded: 10_000)
        #expect(result.table == """
            metric                       | measured     | target        | ratio | pass
            -----------------------------|--------------|---------------|-------|-----
            open 1,000,000 events        | 0.263 s      | ≤ 2 s         | 0.132 | yes
            seek + decode 10, median     | 0.017 ms     | ≤ 10 ms       | 0.002 | yes
            seek + decode 10, max        | 12.500 ms    | ≤ 10 ms       | 1.250 | NO
            index memory                 | 21.0 B/event | ≤ 200 B/event | 0.105 | yes
            file size                    | 211.6 MB     | —             | —     | —
            write (generate + serialize) | 2.25 s       | —             | —     | —
            """)
        #expect(result.passes == false)
    }
}
