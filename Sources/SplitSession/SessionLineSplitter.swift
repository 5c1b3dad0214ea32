#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One line found by ``SessionLineSplitter``; the bytes are valid only inside the callback.
enum SessionLine {
    /// A line of at most the maximum length, without its `\n`.
    case text(UnsafeBufferPointer<UInt8>, offset: Int64, number: Int, terminated: Bool)
    /// A line longer than the maximum; its bytes were not kept.
    case overlong(length: Int, offset: Int64, number: Int, terminated: Bool)
}

/// Splits bytes, fed in chunks of any size, into numbered lines with their byte offsets.
///
/// Lines end at `\n` (a `\r` before it is left in the line: JSON treats it as whitespace).
/// A line longer than `maximumLineBytes` is reported by length only and never held in
/// memory, so a 50 MB line costs no more than a short one. Memory is one chunk plus, for a
/// line that crosses chunks, at most `maximumLineBytes`.
struct SessionLineSplitter {
    let maximumLineBytes: Int
    /// Lines reported so far.
    private(set) var lineCount = 0
    /// The offset of the next byte to be fed.
    private var position: Int64 = 0
    /// Bytes of the current line seen in earlier chunks.
    private var pendingLength = 0
    /// Where the current line started.
    private var pendingOffset: Int64 = 0
    /// Those bytes, unless the line is already too long.
    private var carry: [UInt8] = []

    init(maximumLineBytes: Int) {
        self.maximumLineBytes = maximumLineBytes
    }

    /// Reports every line that ends in `chunk`; keeps the unfinished rest for the next chunk.
    mutating func feed<Failure: Error>(_ chunk: UnsafeBufferPointer<UInt8>,
                                       _ body: (SessionLine) throws(Failure) -> Void) throws(Failure) {
        guard let base = chunk.baseAddress else { return }
        defer { position += Int64(chunk.count) }
        var start = 0
        while start < chunk.count {
            guard let found = memchr(base + start, 0x0A, chunk.count - start) else {
                hold(UnsafeBufferPointer(rebasing: chunk[start...]), at: position + Int64(start))
                return
            }
            let end = UnsafeRawPointer(found) - UnsafeRawPointer(base)
            try emit(UnsafeBufferPointer(rebasing: chunk[start..<end]), at: position + Int64(start),
                     terminated: true, body)
            start = end + 1
        }
    }

    /// Reports the last line if the input did not end with `\n`.
    mutating func finish<Failure: Error>(_ body: (SessionLine) throws(Failure) -> Void) throws(Failure) {
        guard pendingLength > 0 else { return }
        try emit(UnsafeBufferPointer(start: nil, count: 0), at: position, terminated: false, body)
    }

    private mutating func hold(_ piece: UnsafeBufferPointer<UInt8>, at offset: Int64) {
        if pendingLength == 0 {
            pendingOffset = offset
        }
        pendingLength += piece.count
        if pendingLength > maximumLineBytes {
            carry = []
        } else {
            carry.append(contentsOf: piece)
        }
    }

    private mutating func emit<Failure: Error>(_ piece: UnsafeBufferPointer<UInt8>, at offset: Int64, terminated: Bool,
                                               _ body: (SessionLine) throws(Failure) -> Void) throws(Failure) {
        lineCount += 1
        let number = lineCount
        let length = pendingLength + piece.count
        let lineOffset = pendingLength == 0 ? offset : pendingOffset
        defer {
            pendingLength = 0
            carry.removeAll(keepingCapacity: carry.capacity <= 1 << 20)
        }
        if length > maximumLineBytes {
            try body(.overlong(length: length, offset: lineOffset, number: number, terminated: terminated))
        } else if pendingLength == 0 {
            try body(.text(piece, offset: lineOffset, number: number, terminated: terminated))
        } else {
            carry.append(contentsOf: piece)
            try carry.withUnsafeBufferPointer { (line) throws(Failure) in
                try body(.text(line, offset: lineOffset, number: number, terminated: terminated))
            }
        }
    }
}
