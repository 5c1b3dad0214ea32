import CZlib

/// Decompresses a gzip stream held in memory, keeping whatever comes before a problem.
///
/// Sessions are written with a sync flush after each batch, so a stream cut off mid-write
/// still decompresses up to its last flush; the caller reports the problem and reads on.
/// Concatenated gzip members (from appending to a `.gz`) are read one after another.
enum Gunzip {
    /// What came out, and what stopped it early.
    struct Output {
        var bytes: [UInt8]
        /// Why decompression stopped before a clean end, or `nil` if it did not.
        var problem: String?
    }

    /// Refuses to grow the output past this many bytes (a corrupt or hostile stream).
    static let defaultLimit = 1 << 36

    static func decompress(_ input: [UInt8], limit: Int = defaultLimit) -> Output {
        input.withUnsafeBufferPointer { decompress($0, limit: limit) }
    }

    static func decompress(_ input: UnsafeBufferPointer<UInt8>, limit: Int = defaultLimit) -> Output {
        guard let inputBase = input.baseAddress, !input.isEmpty else {
            return Output(bytes: [], problem: "the gzip stream is empty")
        }
        var stream = z_stream()
        guard splitscope_inflate_init_gzip(&stream) == Z_OK else {
            return Output(bytes: [], problem: "zlib could not start decompressing")
        }
        defer { inflateEnd(&stream) }

        var output = [UInt8](repeating: 0, count: max(1 << 16, min(input.count * 6, limit)))
        var produced = 0
        var consumed = 0
        var problem: String?
        decompressing: while true {
            if produced == output.count {
                guard output.count < limit else {
                    problem = "the gzip stream decompresses to more than \(limit) bytes; stopped there"
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
                let status = inflate(&stream, Z_NO_FLUSH)
                consumed += Int(availableIn - stream.avail_in)
                produced += Int(availableOut - stream.avail_out)
                return status
            }
            switch status {
            case Z_STREAM_END:
                // Another member may follow; anything else after the trailer is ignored.
                let rest = input.count - consumed
                if rest == 0 { break decompressing }
                if rest >= 2, input[consumed] == 0x1F, input[consumed + 1] == 0x8B {
                    inflateReset(&stream)
                    continue
                }
                problem = "\(rest) bytes after the end of the gzip stream were ignored"
                break decompressing
            case Z_OK, Z_BUF_ERROR:
                if produced < output.count, consumed == input.count {
                    problem = "the gzip stream ends early (the file was cut off); read what was there"
                    break decompressing
                }
                if status == Z_BUF_ERROR, produced < output.count {
                    problem = "the gzip stream stalled (corrupt data); read what came before"
                    break decompressing
                }
            default:
                let detail = stream.msg.map { String(cString: $0) } ?? "error \(status)"
                problem = "the gzip stream is corrupt (\(detail)); read what came before"
                break decompressing
            }
        }
        // The buffer grew by doubling; give back the spare room, since callers keep the text.
        if produced < output.count - output.count / 8 {
            return Output(bytes: Array(output[..<produced]), problem: problem)
        }
        output.removeLast(output.count - produced)
        return Output(bytes: output, problem: problem)
    }
}
