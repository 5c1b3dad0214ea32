/// A whole session read from a file, with what the reader had to skip.
public struct SessionRecording: Hashable, Sendable {
    /// The path as it was given.
    public var file: String
    /// How the file was stored.
    public var compression: SessionCompression
    /// The header (line 1).
    public var header: SessionHeader
    /// Every event in file order, starting with the header as a ``SessionEvent/session(_:)``
    /// event, just as a live stream starts.
    public var events: [TimedEvent]
    /// Lines skipped, a cut-off end, gzip problems, timestamps that went backwards.
    ///
    /// At most ``SessionReader/maximumListedSkips`` skipped lines are listed one by one; a
    /// last ``SessionDiagnostic/Kind/omitted`` entry counts the rest.
    public var diagnostics: [SessionDiagnostic]
    /// How many well-formed lines of each unknown type were skipped (written by a newer build).
    public var unknownTypes: [String: Int]
    /// How many lines were skipped because they were not valid events.
    public var skippedLineCount: Int

    public init(file: String, compression: SessionCompression, header: SessionHeader, events: [TimedEvent],
                diagnostics: [SessionDiagnostic] = [], unknownTypes: [String: Int] = [:], skippedLineCount: Int = 0) {
        self.file = file
        self.compression = compression
        self.header = header
        self.events = events
        self.diagnostics = diagnostics
        self.unknownTypes = unknownTypes
        self.skippedLineCount = skippedLineCount
    }
}
