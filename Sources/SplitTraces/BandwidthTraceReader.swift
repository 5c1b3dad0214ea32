/// Turns the text of one trace file into a ``BandwidthTrace``.
///
/// Each supported format has its own reader (``MahimahiTraceReader``, ``CookedTraceReader``,
/// ``SabreTraceReader``, ``GNetTrackCSVReader``, ``BytesPerSecondCSVReader``).
/// ``BandwidthTraceFormat/reader`` gives the default one for a format.
public protocol BandwidthTraceReader: Sendable {
    /// Reads a trace from the whole text of a file.
    ///
    /// - Parameters:
    ///   - text: The file's content. LF or CRLF line endings and a missing final newline are fine.
    ///   - name: The trace's name, also used as the file name in errors.
    /// - Throws: ``TraceError`` naming the line and field at fault. Readers never trap on bad input.
    func read(text: String, name: String) throws(TraceError) -> BandwidthTrace
}
