import SplitGzip

/// Decompresses a whole gzip file held in memory, or says why it cannot.
///
/// Unlike a session recording, which is read up to its last flush, a data set is all or nothing:
/// a stream cut short, corrupt data or trailing bytes are errors, since a partly read IDX file
/// would give a wrong sample count rather than a clear failure. The inflating is
/// ``GzipInflater``'s, which sessions share.
enum GzipData {
    /// Refuses to grow the output past this many bytes (a corrupt or hostile stream).
    static let limit = 1 << 32

    /// The decompressed bytes of a complete gzip stream (concatenated members are read in turn).
    static func decompress(_ input: [UInt8]) throws(DataError.Reason) -> [UInt8] {
        let result = input.withUnsafeBufferPointer { GzipInflater.inflate($0, limit: limit) }
        guard let stop = result.stop else { return result.bytes }
        throw .gzip(reason(stop))
    }

    /// Why a data file's gzip stream is refused, in words.
    static func reason(_ stop: GzipInflater.Stop) -> String {
        switch stop {
        case .empty: "the file is empty"
        case .cannotStart: "zlib could not start decompressing"
        case .tooLarge(let limit): "decompresses to more than \(limit) bytes"
        case .trailing(let bytes): "\(bytes) bytes follow the end of the gzip stream"
        case .truncated: "the gzip stream ends early (the file is truncated)"
        case .stalled: "the gzip stream is corrupt (it stalled)"
        case .corrupt(let detail): "the gzip stream is corrupt (\(detail))"
        }
    }
}
