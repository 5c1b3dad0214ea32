import SplitGzip

/// How a session file is stored: plain JSON Lines, or gzip-compressed JSON Lines.
public enum SessionCompression: String, Hashable, Sendable {
    /// Plain text, one event per line.
    case none
    /// The same text in a gzip stream (`.jsonl.gz`).
    case gzip

    /// What a writer uses for `path` when not told: gzip for names ending in `.gz`.
    public static func forPath(_ path: String) -> SessionCompression {
        path.hasSuffix(".gz") ? .gzip : .none
    }

    /// What the first bytes of a file say it is: gzip when they are the magic `1f 8b`.
    ///
    /// Readers go by content, not by name, so a renamed file still reads.
    public static func detect<Bytes: Collection>(_ firstBytes: Bytes) -> SessionCompression where Bytes.Element == UInt8 {
        GzipInflater.isGzip(firstBytes) ? .gzip : .none
    }
}
