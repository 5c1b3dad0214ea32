import SplitRandom
import Testing
import SplitJSON
import SplitSession

@Suite("Replay index")
struct SessionIndexTests {
    /// A 10,000-event session written to `name`, and its events as written (header first).
    static func tenThousand(in scratch: ScratchDirectory, name: String) throws -> (path: String, events: [TimedEvent]) {
        let path = scratch.file(name)
        let writer = try SessionWriter(path: path, header: SessionFixtures.header)
        let events = SessionFixtures.mixedEvents(count: 9_999)
        for start in stride(from: 0, to: events.count, by: 500) {
            try writer.append(contentsOf: events[start..<min(start + 500, events.count)])
        }
        try writer.close()
        return (path, [SessionFixtures.everyType[0]] + events)
    }

    @Test("events(from:to:) returns exactly the events in [t0, t1), as a linear filter does",
          arguments: ["ten-thousand.jsonl", "ten-thousand.jsonl.gz"])
    func seekMatchesLinearFilter(name: String) throws {
        let scratch = ScratchDirectory()
        let (path, events) = try Self.tenThousand(in: scratch, name: name)
        let index = try SessionIndex.open(path: path)
        #expect(index.eventCount == 10_000)
        #expect(index.header == SessionFixtures.header)
        #expect(index.duration == events.last?.t)
        #expect(index.isReordered == false)
        #expect(index.diagnostics.isEmpty)
        #expect(index.compression == (name.hasSuffix(".gz") ? .gzip : .none))

        var random = SplitMix64(seed: 5)
        var windows: [(Double, Double)] = [(0, 0), (0, 0.001), (-1, 1e9), (0, index.duration), (index.duration, index.duration + 1)]
        // Window edges both on and between event times.
        for _ in 0..<200 {
            let a = Double.random(in: -0.5...(index.duration + 0.5), using: &random)
            let b = a + Double.random(in: 0...30, using: &random)
            windows.append((a, b))
            let onEvent = events[Int.random(in: 0..<events.count, using: &random)].t
            windows.append((onEvent, onEvent + Double(Int.random(in: 0...3, using: &random)) * 0.01))
        }
        for (t0, t1) in windows {
            let expected = events.filter { t0 <= $0.t && $0.t < t1 }
            #expect(index.events(from: t0, to: t1) == expected, "window [\(t0), \(t1))")
        }
    }

    @Test("firstEvent(atOrAfter:) is a lower bound, and event(at:) decodes one line")
    func lowerBound() throws {
        let scratch = ScratchDirectory()
        let (path, events) = try Self.tenThousand(in: scratch, name: "bound.jsonl")
        let index = try SessionIndex.open(path: path)
        var random = SplitMix64(seed: 11)
        for _ in 0..<500 {
            let t = Double.random(in: -1...(index.duration + 1), using: &random)
            let expected = events.firstIndex { $0.t >= t } ?? events.count
            #expect(index.firstEvent(atOrAfter: t) == expected)
        }
        #expect(index.firstEvent(atOrAfter: -.infinity) == 0)
        #expect(index.firstEvent(atOrAfter: .infinity) == index.eventCount)
        #expect(index.event(at: 0) == events[0])
        #expect(index.event(at: 4_321) == events[4_321])
        #expect(index.event(at: 9_999) == events[9_999])
        #expect(index.event(at: 10_000) == nil)
        #expect(index.event(at: -1) == nil)
        #expect(index.events(in: 9_995..<20_000) == Array(events[9_995...]))
        #expect(index.indexMemoryBytes <= index.eventCount * 200)
    }

    @Test("timestamps that go backwards are sorted stably, and the index says so")
    func nonMonotonic() throws {
        let scratch = ScratchDirectory()
        var random = SplitMix64(seed: 3)
        let events = (0..<2_000).map { i in
            SessionFixtures.frame(i, at: Double(Int.random(in: 0..<300, using: &random)) / 10)
        }
        let path = scratch.file("shuffled.jsonl")
        let writer = try SessionWriter(path: path, header: SessionFixtures.header)
        try writer.append(contentsOf: events)
        try writer.close()

        let index = try SessionIndex.open(path: path)
        #expect(index.isReordered)
        #expect(index.diagnostics.map(\.kind) == [.outOfOrder])
        let all = [SessionFixtures.everyType[0]] + events
        // A stable sort by time keeps file order among equal times.
        let sorted = all.enumerated().sorted { ($0.element.t, $0.offset) < ($1.element.t, $1.offset) }.map(\.element)
        #expect(index.events(in: 0..<index.eventCount) == sorted)
        #expect(index.duration == sorted.last?.t)
        for (t0, t1) in [(0.0, 5.0), (3.3, 3.4), (10, 29.95), (29.9, 100)] {
            #expect(index.events(from: t0, to: t1) == sorted.filter { t0 <= $0.t && $0.t < t1 })
        }
    }

    @Test("lines the index cannot time are left out and reported; lines of unknown type decode to nil")
    func untimedLines() throws {
        let scratch = ScratchDirectory()
        let lines = [
            SessionFixtures.text(SessionFixtures.frame(0, at: 0.1)),       // line 2
            #"{"type":"frame","frame":1}"#,                                 // line 3: no t
            "not json at all",                                              // line 4
            #"{"type":"wormhole","t":0.2}"#,                                // line 5: unknown type
            #"{"type":"note","text":"t comes last, {\"t\":9} inside","t":0.3}"#,   // line 6: t after a tricky string
            #"{"\u0074":0.4,"type":"note","text":"escaped key"}"#,         // line 7: escaped key, full-parse fallback
            #"{"type":"note","t":-2,"text":"negative"}"#,                   // line 8: negative t
            #"{"type" : "note" , "t" : 5e-1 , "text" : "spaced"}"#,         // line 9
        ]
        let path = scratch.write("untimed.jsonl", SessionFixtures.headerLine + lines.joined(separator: "\n") + "\n")
        let index = try SessionIndex.open(path: path)
        #expect(index.eventCount == 6)
        #expect(index.diagnostics.map(\.line) == [3, 4, 8])
        #expect((0..<index.eventCount).map(index.time(at:)) == [0, 0.1, 0.2, 0.3, 0.4, 0.5])
        #expect(index.event(at: 2) == nil)
        #expect(index.event(at: 3) == TimedEvent(t: 0.3, event: .note(NoteEvent(text: #"t comes last, {"t":9} inside"#))))
        #expect(index.event(at: 4) == TimedEvent(t: 0.4, event: .note(NoteEvent(text: "escaped key"))))
        #expect(index.events(from: 0, to: 1).count == 5)
    }

    @Test("a session cut mid-line indexes every complete event and warns about the last line")
    func cutMidLine() throws {
        let scratch = ScratchDirectory()
        let events = SessionFixtures.mixedEvents(count: 30)
        let path = scratch.file("cut.jsonl")
        let writer = try SessionWriter(path: path, header: SessionFixtures.header)
        try writer.append(contentsOf: events)
        try writer.close()
        let half = SessionFixtures.text(SessionFixtures.frame(99, at: 100))
        scratch.append(path, Array(half.utf8.prefix(40)))

        let index = try SessionIndex.open(path: path)
        #expect(index.diagnostics.map(\.kind) == [.truncatedLastLine])
        #expect(index.diagnostics.first?.line == 32)
        #expect(index.events(from: 0, to: 1_000) == [SessionFixtures.everyType[0]] + events)
    }

    @Test("an index reads across its chunk boundaries")
    func acrossChunks() throws {
        let scratch = ScratchDirectory()
        let path = scratch.file("long.jsonl")
        let writer = try SessionWriter(path: path, header: SessionFixtures.header)
        let padding = String(repeating: "p", count: 3_000)
        let events = (0..<3_000).map { i in TimedEvent(t: Double(i) / 10, event: .note(NoteEvent(text: "\(i) \(padding)"))) }
        try writer.append(contentsOf: events)
        try writer.close()
        let index = try SessionIndex.open(path: path)
        #expect(index.textBytes > 8 << 20)
        #expect(index.eventCount == 3_001)
        #expect(index.events(in: 1..<index.eventCount) == events)
    }
}
