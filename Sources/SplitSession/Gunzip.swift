import SplitGzip

/// Decompresses a gzip stream held in memory, keeping whatever comes before a problem.
///
/// Sessions are written with a sync flush after each batch, so a stream cut off mid-write
/// still decompresses up to its last flush; the caller reports the problem and reads on. The
/// inflating is ``GzipInflater``'s, which data sets share; this says what stopped it in a
/// session reader's words.
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
        let result = GzipInflater.inflate(input, limit: limit)
        return Output(bytes: result.bytes, problem: result.stop.map(problem))
    }

    /// What stopped a session's stream, and that what came before was kept.
    static func problem(_ stop: GzipInflater.Stop) -> String {
        switch stop {
        case .empty: "the gzip stream is empty"
        case .cannotStart: "zlib could not start decompressing"
        case .tooLarge(let limit): "the gzip stream decompresses to more than \(limit) bytes; stopped there"
        case .trailing(let bytes): "\(bytes) bytes after the end of the gzip stream were ignored"
        case .truncated: "the gzip stream ends early (the file was cut off); read what was there"
        case .stalled: "the gzip stream stalled (corrupt data); read what came before"
        case .corrupt(let detail): "the gzip stream is corrupt (\(detail)); read what came before"
        }
    }
}
