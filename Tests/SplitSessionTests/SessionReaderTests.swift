import SplitRandom
import Testing
import SplitJSON
import SplitSession

@Suite("Writer and reader")
struct SessionReaderTests {
    @Test("what the writer writes, the reader reads back", arguments: ["run.jsonl", "run.jsonl.gz"])
    func writeThenRead(name: String) throws {
        let scratch = ScratchDirectory()
        let path = scratch.file(name)
        let writer = try SessionWriter(path: path, header: SessionFixtures.header)
        for event in SessionFixtures.everyType.dropFirst() {
            try writer.append(event)
        }
        try writer.append(contentsOf: SessionFixtures.mixedEvents(count: 50).map { event in
            var later = event
            later.t += 1
            return later
        })
        try writer.close()
        #expect(writer.linesWritten == SessionFixtures.everyType.count + 50)
        #expect(throws: SessionError.self) { try writer.append(SessionFixtures.everyType[1]) }

        let recording = try SessionReader.read(path: path)
        #expect(recording.compression == (name.hasSuffix(".gz") ? .gzip : .none))
        #expect(recording.header == SessionFixtures.header)
        #expect(recording.events.count == SessionFixtures.everyType.count + 50)
        #expect(Array(recording.events.prefix(SessionFixtures.everyType.count)) == SessionFixtures.everyType)
        #expect(recording.diagnostics.isEmpty)
        #expect(recording.skippedLineCount == 0)
        if name.hasSuffix(".gz") {
            #expect(SessionCompression.detect(scratch.read(path)) == .gzip)
        } else {
            #expect(String(decoding: scratch.read(path), as: UTF8.self).hasPrefix(#"{"type":"session","t":0,"#))
        }
    }

    @Test("a writer truncates an existing file")
    func truncates() throws {
        let scratch = ScratchDirectory()
        let path = scratch.write("run.jsonl", String(repeating: "old junk\n", count: 100))
        try SessionWriter(path: path, header: SessionFixtures.header).close()
        let recording = try SessionReader.read(path: path)
        #expect(recording.events.count == 1)
        #expect(recording.diagnostics.isEmpty)
    }

    @Test("compression is detected from the bytes, not the name")
    func detectsGzipByContent() throws {
        let scratch = ScratchDirectory()
        let path = scratch.file("misnamed.jsonl")
        let writer = try SessionWriter(path: path, header: SessionFixtures.header, compression: .gzip)
        try writer.append(SessionFixtures.everyType[1])
        try writer.close()
        let recording = try SessionReader.read(path: path)
        #expect(recording.compression == .gzip)
        #expect(recording.events == Array(SessionFixtures.everyType.prefix(2)))
    }

    @Test("a writer killed mid-line: every complete event is kept, the half line is reported")
    func killedMidLine() throws {
        let scratch = ScratchDirectory()
        let path = scratch.file("killed.jsonl")
        let writer = try SessionWriter(path: path, header: SessionFixtures.header)
        let events = SessionFixtures.mixedEvents(count: 20)
        try writer.append(contentsOf: events)
        try writer.close()
        let nextLine = SessionFixtures.text(SessionFixtures.frame(99, at: 5))
        scratch.append(path, Array(nextLine.utf8.prefix(nextLine.utf8.count / 2)))

        let recording = try SessionReader.read(path: path)
        #expect(Array(recording.events.dropFirst()) == events)
        #expect(recording.diagnostics.count == 1)
        let warning = try #require(recording.diagnostics.first)
        #expect(warning.kind == .truncatedLastLine)
        #expect(warning.line == 22)
        #expect(warning.description.hasPrefix("line 22: the last line is cut off"))
    }

    @Test("a last line without its newline that still parses is kept, with a warning")
    func missingFinalNewline() throws {
        let scratch = ScratchDirectory()
        let last = SessionFixtures.frame(1, at: 0.1)
        let path = scratch.write("nonl.jsonl", SessionFixtures.headerLine + SessionFixtures.text(last))
        let recording = try SessionReader.read(path: path)
        #expect(recording.events.last == last)
        #expect(recording.diagnostics.map(\.kind) == [.truncatedLastLine])
        #expect(recording.diagnostics.first?.line == 2)
    }

    @Test("corrupted lines in the middle are skipped with their line numbers; the rest are kept")
    func corruptedMiddle() throws {
        let scratch = ScratchDirectory()
        let good = SessionFixtures.mixedEvents(count: 6)
        var lines = good.map(SessionFixtures.text)
        lines.insert(#"{"type":"frame","t":0.5,"frame":"#, at: 2)                 // line 4: cut JSON
        lines.insert("\u{1}\u{2}garbage\u{7f}", at: 4)                           // line 6: binary
        lines.insert(#"{"type":"link","t":0.6,"source":"trace"}"#, at: 6)         // line 8: missing field
        lines.insert(#"{"type":"wormhole","t":0.7,"depth":3}"#, at: 7)            // line 9: unknown type
        lines.insert("   ", at: 8)                                                // line 10: blank
        let path = scratch.write("corrupt.jsonl", SessionFixtures.headerLine + lines.joined(separator: "\n") + "\n")

        let recording = try SessionReader.read(path: path)
        #expect(Array(recording.events.dropFirst()) == good)
        #expect(recording.skippedLineCount == 3)
        #expect(recording.diagnostics.map(\.line) == [4, 6, 8])
        #expect(recording.diagnostics.allSatisfy { $0.kind == .skippedLine })
        #expect(recording.diagnostics[2].message == "skipped: bandwidth_mbps: missing")
        #expect(recording.diagnostics[0].message.hasPrefix("skipped: not valid JSON"))
        #expect(recording.unknownTypes == ["wormhole": 1])
    }

    @Test("an empty file is an error naming the file and line 1")
    func emptyFile() {
        let scratch = ScratchDirectory()
        let path = scratch.write("empty.jsonl", "")
        #expect(throws: SessionError(file: path, line: 1,
                                     message: #"the file is empty; a session file starts with a "session" header"#)) {
            try SessionReader.read(path: path)
        }
        #expect(throws: SessionError.self) { try SessionIndex.open(path: path) }
    }

    @Test("a missing or invalid header is an error on line 1", arguments: [
        ("\n" + SessionFixtures.headerLine, #"line is blank; a session file starts with a {"type":"session","schema":"splitscope-session",...} header"#),
        (SessionFixtures.text(SessionFixtures.frame(0, at: 0)) + "\n",
         #"found a "frame" event; a session file starts with a {"type":"session","schema":"splitscope-session",...} header"#),
        (#"{"type":"session","t":0,"schema":"splitscope-session","version":"1.0"}"# + "\n",
         "not a session header: model: missing"),
        ("hello\n", "not a session header: not valid JSON (column 1: invalid literal 'hello')"),
    ])
    func badHeader(text: String, message: String) {
        let scratch = ScratchDirectory()
        let path = scratch.write("bad.jsonl", text)
        #expect(throws: SessionError(file: path, line: 1, message: message)) {
            try SessionReader.read(path: path)
        }
    }

    @Test("a header of a newer major version gives the upgrade message")
    func newerMajorVersion() throws {
        let scratch = ScratchDirectory()
        var object = try #require(try JSONValue.parse(SessionFixtures.headerLine).objectValue)
        object["version"] = "2.0"
        let header = JSONValue.object(object).serialized() + "\n"
        let path = scratch.write("session.jsonl", header + SessionFixtures.text(SessionFixtures.frame(0, at: 0.1)) + "\n")
        do {
            _ = try SessionReader.read(path: path)
            Issue.record("expected an error")
        } catch {
            #expect(error.line == 1)
            #expect(error.message == "schema version 2.0 is newer than this build reads (1.x); upgrade splitscope")
            #expect(error.description == "\(path):1: schema version 2.0 is newer than this build reads (1.x); upgrade splitscope")
        }
        #expect(throws: SessionError.self) { try SessionIndex.open(path: path) }
    }

    @Test("a file that does not exist is an error naming it")
    func missingFile() {
        do {
            _ = try SessionReader.read(path: "/nonexistent/session.jsonl")
            Issue.record("expected an error")
        } catch {
            #expect(error.file == "/nonexistent/session.jsonl")
            #expect(error.line == nil)
            #expect(error.message == "cannot read the session: no such file or directory")
        }
    }

    @Test("binary garbage is an error, not a crash", arguments: [1, 2, 3] as [UInt64])
    func binaryGarbage(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        let bytes = (0..<200_000).map { _ in UInt8.random(in: 0...255, using: &random) }
        let scratch = ScratchDirectory()
        let path = scratch.write("garbage.bin", bytes)
        #expect(throws: SessionError.self) { try SessionReader.read(path: path) }
        #expect(throws: SessionError.self) { try SessionIndex.open(path: path) }
        // The same garbage with gzip's magic in front.
        let fakeGzip = scratch.write("garbage.gz", [0x1F, 0x8B, 0x08, 0x00] + bytes)
        #expect(throws: SessionError.self) { try SessionReader.read(path: fakeGzip) }
        #expect(throws: SessionError.self) { try SessionIndex.open(path: fakeGzip) }
    }

    @Test("garbage after a good header is skipped line by line, and the listing is bounded")
    func garbageAfterHeader() throws {
        var random = SplitMix64(seed: 9)
        let garbage = (0..<400_000).map { _ in UInt8.random(in: 0...255, using: &random) }
        let scratch = ScratchDirectory()
        let path = scratch.write("tail.jsonl", Array(SessionFixtures.headerLine.utf8) + garbage + [0x0A]
                                 + Array((SessionFixtures.text(SessionFixtures.frame(1, at: 1)) + "\n").utf8))
        let recording = try SessionReader.read(path: path)
        #expect(recording.events.count == 2)
        #expect(recording.skippedLineCount > 0)
        #expect(recording.diagnostics.count <= SessionReader.maximumListedSkips + 1)
    }

    @Test("a 50 MB line is skipped unread and reported; the lines around it are kept")
    func hugeLine() throws {
        let scratch = ScratchDirectory()
        let huge = #"{"type":"note","t":0.5,"text":""# + String(repeating: "x", count: 50 << 20) + "\"}"
        let after = SessionFixtures.frame(1, at: 1)
        let path = scratch.write("huge.jsonl", SessionFixtures.headerLine + huge + "\n" + SessionFixtures.text(after) + "\n")
        let recording = try SessionReader.read(path: path)
        #expect(recording.events == [SessionFixtures.everyType[0], after])
        #expect(recording.diagnostics.count == 1)
        #expect(recording.diagnostics.first?.line == 2)
        #expect(recording.diagnostics.first?.message == "skipped: the line is \(huge.utf8.count) bytes, over the 16 MiB limit")

        let index = try SessionIndex.open(path: path)
        #expect(index.eventCount == 2)
        #expect(index.event(at: 1) == after)
        #expect(index.diagnostics.first?.line == 2)
    }

    @Test("a file that is one 50 MB line is an error on line 1")
    func hugeSingleLine() {
        let scratch = ScratchDirectory()
        let path = scratch.write("one-line.jsonl", String(repeating: "{", count: 50 << 20))
        #expect(throws: SessionError(file: path, line: 1, message: "line is \(50 << 20) bytes long; a session file starts with a {\"type\":\"session\",\"schema\":\"splitscope-session\",...} header")) {
            try SessionReader.read(path: path)
        }
        #expect(throws: SessionError.self) { try SessionIndex.open(path: path) }
    }

    @Test("a truncated gzip file gives the events before the cut and says it was cut")
    func truncatedGzip() throws {
        let scratch = ScratchDirectory()
        let path = scratch.file("cut.jsonl.gz")
        let writer = try SessionWriter(path: path, header: SessionFixtures.header)
        let events = SessionFixtures.mixedEvents(count: 300)
        for event in events {
            try writer.append(event)    // one sync flush per line
        }
        try writer.close()
        let whole = scratch.read(path)
        for keep in [whole.count - 3, whole.count * 2 / 3, whole.count / 3] {
            let cut = scratch.write("cut-\(keep).jsonl.gz", Array(whole.prefix(keep)))
            let recording = try SessionReader.read(path: cut)
            let read = Array(recording.events.dropFirst())
            #expect(read.count > 0)
            #expect(read == Array(events.prefix(read.count)))
            #expect(recording.diagnostics.contains { $0.kind == .compression && $0.message.contains("ends early") })

            let index = try SessionIndex.open(path: cut)
            #expect(index.compression == .gzip)
            #expect(index.events(in: 1..<index.eventCount).prefix(read.count) == read[...])
        }
    }

    @Test("a gzip file cut inside its header is an error that mentions gzip")
    func gzipCutInHeader() throws {
        let scratch = ScratchDirectory()
        let path = scratch.file("tiny.jsonl.gz")
        try SessionWriter(path: path, header: SessionFixtures.header).close()
        let cut = scratch.write("tiny-cut.jsonl.gz", Array(scratch.read(path).prefix(12)))
        do {
            _ = try SessionReader.read(path: cut)
            Issue.record("expected an error")
        } catch {
            #expect(error.line == 1)
            #expect(error.message.contains("gzip"))
        }
    }

    @Test("a corrupted gzip stream keeps what came before the damage")
    func corruptGzip() throws {
        let scratch = ScratchDirectory()
        let path = scratch.file("bad.jsonl.gz")
        let writer = try SessionWriter(path: path, header: SessionFixtures.header)
        for event in SessionFixtures.mixedEvents(count: 200) {
            try writer.append(event)
        }
        try writer.close()
        var bytes = scratch.read(path)
        for position in stride(from: bytes.count / 2, to: bytes.count / 2 + 40, by: 1) {
            bytes[position] ^= 0x5A
        }
        let damaged = scratch.write("damaged.jsonl.gz", bytes)
        let recording = try SessionReader.read(path: damaged)
        #expect(recording.events.count > 1)
        #expect(recording.diagnostics.contains { $0.kind == .compression })
    }

    @Test("timestamps that go backwards are kept in file order, with a warning")
    func backwards() throws {
        let scratch = ScratchDirectory()
        let events = [SessionFixtures.frame(0, at: 1), SessionFixtures.frame(1, at: 0.5), SessionFixtures.frame(2, at: 2),
                      SessionFixtures.frame(3, at: 1.5)]
        let path = scratch.write("back.jsonl", SessionFixtures.headerLine + events.map(SessionFixtures.text).joined(separator: "\n") + "\n")
        let recording = try SessionReader.read(path: path)
        #expect(Array(recording.events.dropFirst()) == events)
        #expect(recording.diagnostics.map(\.kind) == [.outOfOrder])
        #expect(recording.diagnostics.first?.line == 3)
        #expect(recording.diagnostics.first?.message.contains("2 events are earlier") == true)
    }

    @Test("CRLF line endings read like LF")
    func crlf() throws {
        let scratch = ScratchDirectory()
        let events = SessionFixtures.mixedEvents(count: 5)
        let text = ([SessionFixtures.headerLine.dropLast()] + events.map { Substring(SessionFixtures.text($0)) })
            .joined(separator: "\r\n") + "\r\n"
        let path = scratch.write("crlf.jsonl", text)
        #expect(try SessionReader.read(path: path).events.dropFirst() == events[...])
        #expect(try SessionIndex.open(path: path).events(in: 1..<6) == events)
    }
}
