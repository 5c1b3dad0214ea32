import CZlib

/// Inflates a gzip stream held in memory up to its end or its first problem, and says which.
///
/// One decoder for two kinds of reader: a session recording keeps what came before a problem
/// (it is written with a sync flush per batch, so a cut-off file still reads up to its last
/// flush), while a data set is all or nothing. Each turns ``Stop`` into its own words.
/// Concatenated gzip members (from appending to a `.gz`) are read one after another.
public enum GzipInflater {
    /// Why inflating stopped before a clean end.
    public enum Stop: Hashable, Sendable {
        /// No bytes at all.
        case empty
        /// zlib refused to start.
        case cannotStart
        /// The output would grow past `limit` bytes (a corrupt or hostile stream); stopped there.
        case tooLarge(limit: Int)
        /// A complete stream is followed by this many bytes that are not another gzip member.
        case trailing(bytes: Int)
        /// The input ends inside the stream (a file cut off).
        case truncated
        /// zlib made no progress although input and room were left (corrupt data).
        case stalled
        /// zlib found the data corrupt; its message.
        case corrupt(String)
    }

    /// What came out, and what stopped it early (nil after a clean end).
    public struct Result: Sendable {
        public var bytes: [UInt8]
        public var stop: Stop?
    }

    /// True when the bytes start with gzip's magic number.
    public static func isGzip<Bytes: Collection>(_ bytes: Bytes) -> Bool where Bytes.Element == UInt8 {
        var iterator = bytes.makeIterator()
        return iterator.next() == 0x1F && iterator.next() == 0x8B
    }

    /// Inflates `input`, never growing the output past `limit` bytes.
    public static func inflate(_ input: UnsafeBufferPointer<UInt8>, limit: Int) -> Result {
        guard let inputBase = input.baseAddress, !input.isEmpty else { return Result(bytes: [], stop: .empty) }
        var stream = z_stream()
        guard splitscope_inflate_init_gzip(&stream) == Z_OK else { return Result(bytes: [], stop: .cannotStart) }
        defer { inflateEnd(&stream) }

        var output = [UInt8](repeating: 0, count: max(1 << 16, min(input.count * 6, limit)))
        var produced = 0
        var consumed = 0
        var stop: Stop?
        inflating: while true {
            if produced == output.count {
                guard output.count < limit else {
                    stop = .tooLarge(limit: limit)
                    break
                }
                output.append(contentsOf: repeatElement(0, count: min(output.count, limit - output.count)))
            }
            let status = output.withUnsafeMutableBufferPointer { out -> Int32 in
                stream.next_in = UnsafeMutablePointer(mutating: inputBase + consumed)
                stream.avail_in = UInt32(clamping: input.count - consumed)
                stream.next_out = out.baseAddress.map { $0 + produced }
                stream.avail_out = UInt32(clamping: out.count - produced)
                let availableIn = stream.avail_in
                let availableOut = stream.avail_out
                let status = CZlib.inflate(&stream, Z_NO_FLUSH)
                consumed += Int(availableIn - stream.avail_in)
                produced += Int(availableOut - stream.avail_out)
                return status
            }
            switch status {
            case Z_STREAM_END:
                let rest = input.count - consumed
                if rest == 0 { break inflating }
                if rest >= 2, input[consumed] == 0x1F, input[consumed + 1] == 0x8B {
                    inflateReset(&stream)
                    continue
                }
                stop = .trailing(bytes: rest)
                break inflating
            case Z_OK, Z_BUF_ERROR:
                if produced < output.count, consumed == input.count {
                    stop = .truncated
                    break inflating
                }
                if status == Z_BUF_ERROR, produced < output.count {
                    stop = .stalled
                    break inflating
                }
            default:
                stop = .corrupt(stream.msg.map { String(cString: $0) } ?? "zlib error \(status)")
                break inflating
            }
        }
        // The buffer grew by doubling; give back the spare room, since callers keep the bytes.
        if produced < output.count - output.count / 8 {
            return Result(bytes: Array(output[..<produced]), stop: stop)
        }
        output.removeLast(output.count - produced)
        return Result(bytes: output, stop: stop)
    }
}
