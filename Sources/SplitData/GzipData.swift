import CZlib

/// Decompresses a whole gzip file held in memory, or says why it cannot.
///
/// Unlike a session recording, which is read up to its last flush, a data set is all or nothing:
/// a stream cut short, corrupt data or trailing bytes are errors, since a partly read IDX file
/// would give a wrong sample count rather than a clear failure.
enum GzipData {
    /// Refuses to grow the output past this many bytes (a corrupt or hostile stream).
    static let limit = 1 << 32

    /// True when the bytes start with gzip's magic number.
    static func isGzip(_ bytes: [UInt8]) -> Bool {
        bytes.count >= 2 && bytes[0] == 0x1F && bytes[1] == 0x8B
    }

    /// The decompressed bytes of a complete gzip stream (concatenated members are read in turn).
    static func decompress(_ input: [UInt8]) throws(DataError.Reason) -> [UInt8] {
        guard !input.isEmpty else { throw .gzip("the file is empty") }
        var stream = z_stream()
        guard splitscope_inflate_init_gzip(&stream) == Z_OK else { throw .gzip("zlib could not start decompressing") }
        defer { inflateEnd(&stream) }
        var output = [UInt8](repeating: 0, count: max(1 << 16, input.count * 4))
        var produced = 0
        var consumed = 0
        while true {
            if produced == output.count {
                guard output.count < limit else { throw .gzip("decompresses to more than \(limit) bytes") }
                output.append(contentsOf: repeatElement(0, count: min(output.count, limit - output.count)))
            }
            let status = input.withUnsafeBufferPointer { inBuffer in
                output.withUnsafeMutableBufferPointer { outBuffer -> Int32 in
                    stream.next_in = inBuffer.baseAddress.map { UnsafeMutablePointer(mutating: $0 + consumed) }
                    stream.avail_in = UInt32(clamping: inBuffer.count - consumed)
                    stream.next_out = outBuffer.baseAddress.map { $0 + produced }
                    stream.avail_out = UInt32(clamping: outBuffer.count - produced)
                    let availableIn = stream.avail_in, availableOut = stream.avail_out
                    let status = inflate(&stream, Z_NO_FLUSH)
                    consumed += Int(availableIn - stream.avail_in)
                    produced += Int(availableOut - stream.avail_out)
                    return status
                }
            }
            switch status {
            case Z_STREAM_END:
                let rest = input.count - consumed
                if rest == 0 {
                    output.removeLast(output.count - produced)
                    return output
                }
                guard rest >= 2, input[consumed] == 0x1F, input[consumed + 1] == 0x8B else {
                    throw .gzip("\(rest) bytes follow the end of the gzip stream")
                }
                inflateReset(&stream)
            case Z_OK, Z_BUF_ERROR:
                if produced < output.count, consumed == input.count {
                    throw .gzip("the gzip stream ends early (the file is truncated)")
                }
                if status == Z_BUF_ERROR, produced < output.count { throw .gzip("the gzip stream is corrupt (it stalled)") }
            default:
                let detail = stream.msg.map { String(cString: $0) } ?? "zlib error \(status)"
                throw .gzip("the gzip stream is corrupt (\(detail))")
            }
        }
    }
}
