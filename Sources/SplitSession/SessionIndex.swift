import SplitModels

/// A time index over a session file, for replay: open once, then seek anywhere quickly.
///
/// Opening reads the file once and records, per event line, its time and where the line
/// lies, without decoding the events (``TimestampScanner`` finds `"t"` in the first few
/// bytes). Events are decoded only when asked for, by binary search on time. The index holds
/// 20 bytes per event — three parallel arrays of `Double` time, `Int64` offset and `UInt32`
/// length — and a plain file is read on demand with `pread`, so a million-event session opens
/// in well under a second and costs about 20 MB of memory.
///
/// A gzip file cannot be read from the middle, so it is decompressed into memory once and
/// indexed there: the index then also holds the whole text (roughly 250 bytes per event).
///
/// Event 0 is the header, as in ``SessionRecording/events``. Events are ordered by time; if
/// the file's timestamps ever go backwards, the index sorts them (stably, so equal times keep
/// file order) and says so in ``diagnostics``. Lines without a readable `t` are left out and
/// reported; lines that have one but do not decode (a cut-off last line, a type this build does
/// not know) stay in the index and decode to `nil`.
///
/// ```swift
/// let index = try SessionIndex.open(path: "run.jsonl")
/// let start = index.firstEvent(atOrAfter: 600)                 // ten minutes in
/// let next = index.events(in: start..<min(start + 10, index.eventCount))
/// ```
public struct SessionIndex: Sendable {
    /// The path as it was given.
    public let file: String
    /// How the file is stored.
    public let compression: SessionCompression
    /// The header (also event 0).
    public let header: SessionHeader
    /// Lines left out, a cut-off end, gzip problems, reordering.
    public let diagnostics: [SessionDiagnostic]
    /// Whether timestamps went backwards somewhere, so the index is sorted rather than in file order.
    public let isReordered: Bool
    /// Bytes of session text indexed (decompressed, for gzip).
    public let textBytes: Int64

    private let times: [Double]
    private let offsets: [Int64]
    private let lengths: [UInt32]
    private let text: Text

    /// Where event lines are read from.
    private enum Text: Sendable {
        /// A plain file, read with `pread` on demand.
        case file(SessionFile)
        /// Decompressed gzip text.
        case memory([UInt8])
    }

    /// Bytes read per `pread` while indexing.
    static let chunkBytes = 4 << 20
    /// Consecutive lines are read together up to this many bytes.
    static let blockBytes: Int64 = 1 << 20

    /// Indexes the session at `path` (plain or gzip, detected from its first bytes).
    ///
    /// - Throws: ``SessionError`` if the file cannot be read or line 1 is not a header this
    ///   build reads (for instance a newer major schema version).
    public static func open(path: String,
                            maximumLineBytes: Int = SessionReader.defaultMaximumLineBytes) throws(SessionError) -> SessionIndex {
        let source = try SessionFile(openingForReading: path)
        let limit = min(maximumLineBytes, Int(UInt32.max))
        var builder = Builder(file: path, maximumLineBytes: limit)
        var splitter = SessionLineSplitter(maximumLineBytes: limit)
        let compression = SessionCompression.detect(try source.read(count: 2, at: 0))
        let text: Text
        switch compression {
        case .gzip:
            let output = Gunzip.decompress(try source.readAll())
            if let problem = output.problem {
                builder.compressionProblem = problem
                builder.log.note(.compression, problem)
            }
            try output.bytes.withUnsafeBufferPointer { (buffer) throws(SessionError) in
                try splitter.feed(buffer) { (line) throws(SessionError) in try builder.take(line) }
            }
            text = .memory(output.bytes)
        case .none:
            let estimated = try source.size()
            var chunk = [UInt8](repeating: 0, count: chunkBytes)
            var offset: Int64 = 0
            while true {
                let got = try chunk.withUnsafeMutableBytes { buffer in
                    Result { () throws(SessionError) in try source.read(into: buffer, at: offset) }
                }.get()
                if got == 0 { break }
                try chunk.withUnsafeBufferPointer { (buffer) throws(SessionError) in
                    try splitter.feed(UnsafeBufferPointer(rebasing: buffer[..<got])) { (line) throws(SessionError) in
                        try builder.take(line)
                    }
                }
                if offset == 0 {
                    builder.reserve(estimatedBytes: estimated, sampleBytes: got)
                }
                offset += Int64(got)
            }
            text = .file(source)
        }
        try splitter.finish { (line) throws(SessionError) in try builder.take(line) }
        return try builder.index(compression: compression, text: text)
    }

    private init(file: String, compression: SessionCompression, header: SessionHeader, diagnostics: [SessionDiagnostic],
                 isReordered: Bool, textBytes: Int64, times: [Double], offsets: [Int64], lengths: [UInt32], text: Text) {
        self.file = file
        self.compression = compression
        self.header = header
        self.diagnostics = diagnostics
        self.isReordered = isReordered
        self.textBytes = textBytes
        self.times = times
        self.offsets = offsets
        self.lengths = lengths
        self.text = text
    }

    /// The number of events indexed, the header included.
    public var eventCount: Int {
        times.count
    }

    /// The time of the last event, in seconds.
    public var duration: Double {
        times.last ?? 0
    }

    /// Bytes held by the index arrays (their capacity, not just their count); the text of a
    /// gzip session comes on top.
    public var indexMemoryBytes: Int {
        times.capacity * MemoryLayout<Double>.stride + offsets.capacity * MemoryLayout<Int64>.stride
            + lengths.capacity * MemoryLayout<UInt32>.stride
    }

    /// The time of event `i`.
    public func time(at i: Int) -> Double {
        times[i]
    }

    /// The first event whose time is ≥ `t`, or ``eventCount`` if there is none (binary search).
    public func firstEvent(atOrAfter t: Double) -> Int {
        var low = 0
        var high = times.count
        while low < high {
            let middle = low + (high - low) / 2
            if times[middle] < t {
                low = middle + 1
            } else {
                high = middle
            }
        }
        return low
    }

    /// Event `i`, decoded; `nil` if `i` is out of range or the line does not decode.
    public func event(at i: Int) -> TimedEvent? {
        guard times.indices.contains(i) else { return nil }
        return events(in: i..<(i + 1)).first
    }

    /// The events in `range` (clamped to the index) that decode, in time order.
    ///
    /// Lines that lie one after another in the file are read together, up to 1 MiB at a time.
    public func events(in range: Range<Int>) -> [TimedEvent] {
        let range = range.clamped(to: times.indices)
        var result: [TimedEvent] = []
        result.reserveCapacity(range.count)
        var i = range.lowerBound
        while i < range.upperBound {
            let start = offsets[i]
            var end = start + Int64(lengths[i])
            var j = i + 1
            while j < range.upperBound, offsets[j] >= end, offsets[j] + Int64(lengths[j]) - start <= Self.blockBytes {
                end = offsets[j] + Int64(lengths[j])
                j += 1
            }
            withBytes(from: start, to: end) { block in
                for k in i..<j {
                    let lineStart = Int(offsets[k] - start)
                    let line = UnsafeBufferPointer(rebasing: block[lineStart..<(lineStart + Int(lengths[k]))])
                    // A frame whose partition is not one of its model (version)'s is left out, as the reader skips it.
                    if case .event(let event)? = try? SessionEventCodec.decode(line: line),
                       event.event.partitionProblem(in: header) == nil {
                        result.append(event)
                    }
                }
            }
            i = j
        }
        return result
    }

    /// The events with `t0 ≤ t < t1`, in time order (half-open, so consecutive windows of a
    /// replay neither repeat nor miss an event).
    public func events(from t0: Double, to t1: Double) -> [TimedEvent] {
        guard t0 < t1 else { return [] }
        return events(in: firstEvent(atOrAfter: t0)..<firstEvent(atOrAfter: t1))
    }

    /// Runs `body` on the text bytes in `start..<end`; does nothing if they cannot be read
    /// (the file shrank or vanished since it was indexed).
    private func withBytes(from start: Int64, to end: Int64, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        switch text {
        case .memory(let bytes):
            guard start >= 0, end <= Int64(bytes.count) else { return }
            bytes.withUnsafeBufferPointer { buffer in
                body(UnsafeBufferPointer(rebasing: buffer[Int(start)..<Int(end)]))
            }
        case .file(let source):
            guard let bytes = try? source.read(count: Int(end - start), at: start), bytes.count == Int(end - start) else {
                return
            }
            bytes.withUnsafeBufferPointer(body)
        }
    }

    /// Collects times and positions line by line.
    private struct Builder {
        let file: String
        let maximumLineBytes: Int
        var compressionProblem: String?
        var log = SessionDiagnosticLog(maximumListedSkips: SessionReader.maximumListedSkips)
        var header: SessionHeader?
        var times: [Double] = []
        var offsets: [Int64] = []
        var lengths: [UInt32] = []
        var latest = 0.0
        var textBytes: Int64 = 0

        init(file: String, maximumLineBytes: Int) {
            self.file = file
            self.maximumLineBytes = maximumLineBytes
        }

        /// Reserves room for the lines a file of `estimatedBytes` holds, judging by the first chunk.
        mutating func reserve(estimatedBytes: Int64, sampleBytes: Int) {
            guard times.count > 1, sampleBytes > 0 else { return }
            let perLine = Double(sampleBytes) / Double(times.count)
            let expected = Int(min(Double(estimatedBytes) / perLine * 1.05, 1e9))
            times.reserveCapacity(expected)
            offsets.reserveCapacity(expected)
            lengths.reserveCapacity(expected)
        }

        mutating func take(_ line: SessionLine) throws(SessionError) {
            switch line {
            case .overlong(let length, let offset, let number, let terminated):
                textBytes = offset + Int64(length) + (terminated ? 1 : 0)
                guard header != nil else {
                    _ = try SessionReader.header(from: line, file: file)
                    return
                }
                log.skip(line: number, "left out: the line is \(length) bytes, over the \(SessionReader.describe(bytes: maximumLineBytes)) limit")
            case .text(let bytes, let offset, let number, let terminated):
                textBytes = offset + Int64(bytes.count) + (terminated ? 1 : 0)
                guard header != nil else {
                    let (event, header) = try SessionReader.header(from: line, file: file)
                    self.header = header
                    append(t: event.t, offset: offset, length: bytes.count)
                    return
                }
                if bytes.allSatisfy(SessionReader.isWhitespace) {
                    return
                }
                guard let t = TimestampScanner.time(in: bytes) else {
                    if terminated {
                        log.skip(line: number, "left out: no \"t\" with a number of seconds ≥ 0 (not an event line)")
                    } else {
                        log.skip(line: number, kind: .truncatedLastLine, "the last line is cut off and has no readable \"t\"; left out")
                    }
                    return
                }
                // The same range the decoder holds `t` to (a year): a line beyond it would make
                // the session's duration (and the dashboard's clock) absurd, so it is left out here.
                guard Quantity.seconds.accepts(t) else {
                    log.skip(line: number, "left out: t: \(QuantityError(quantity: .seconds, value: t))")
                    return
                }
                if !terminated {
                    log.note(.truncatedLastLine, line: number,
                             "the last line has no newline at the end (the writer stopped mid-line?); indexed, but it may not decode")
                }
                if t < latest {
                    log.wentBackwards(line: number)
                }
                latest = max(latest, t)
                append(t: t, offset: offset, length: bytes.count)
            }
        }

        private mutating func append(t: Double, offset: Int64, length: Int) {
            times.append(t)
            offsets.append(offset)
            lengths.append(UInt32(length))
        }

        func index(compression: SessionCompression, text: Text) throws(SessionError) -> SessionIndex {
            guard let header else {
                var message = "the file is empty; a session file starts with a \"session\" header"
                if let compressionProblem {
                    message = "no session header: \(compressionProblem)"
                }
                throw SessionError(file: file, line: 1, message: message)
            }
            var times = times
            var offsets = offsets
            var lengths = lengths
            let isSorted = zip(times, times.dropFirst()).allSatisfy { $0 <= $1 }
            if !isSorted {
                // Sorting by (time, position) is a total order, so equal times keep file order.
                let order = times.indices.sorted { (times[$0], $0) < (times[$1], $1) }
                times = order.map { times[$0] }
                offsets = order.map { offsets[$0] }
                lengths = order.map { lengths[$0] }
            }
            return SessionIndex(file: file, compression: compression, header: header,
                                diagnostics: log.finished(backwardsAction: "the index orders events by time, keeping file order for equal times"),
                                isReordered: !isSorted, textBytes: textBytes,
                                times: Self.compacted(times), offsets: Self.compacted(offsets), lengths: Self.compacted(lengths),
                                text: text)
        }

        /// The array with its spare capacity released (arrays grow by doubling).
        private static func compacted<Element>(_ array: [Element]) -> [Element] {
            guard array.capacity > array.count + array.count / 16 + 16 else { return array }
            var copy: [Element] = []
            copy.reserveCapacity(array.count)
            copy.append(contentsOf: array)
            return copy
        }
    }
}
