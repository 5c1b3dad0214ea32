import ArgumentParser
import SplitTraces

/// `--bandwidth-trace FILE [--trace-format F]`: a real trace in any of the supported formats.
struct TraceOptions: ParsableArguments {
    @Option(name: .long, help: "A bandwidth trace: mahimahi, time/Mbit/s (Pensieve, Lumos5G), SABRE JSON, G-NetTrack CSV or seconds,bytes CSV.")
    var bandwidthTrace: String?

    @Option(name: .long, help: "The trace's format when detection from its content is not enough: \(BandwidthTraceFormat.allCases.map(\.rawValue).joined(separator: ", ")).")
    var traceFormat: String?

    /// Loads and checks the trace.
    func load() throws -> BandwidthTrace {
        guard let bandwidthTrace else {
            throw CommandError("give --bandwidth-trace FILE (or --devices N with --traces for many devices)")
        }
        var format: BandwidthTraceFormat?
        if let traceFormat {
            guard let known = BandwidthTraceFormat(rawValue: traceFormat) else {
                throw CommandError("--trace-format: unknown format \"\(traceFormat)\"; use \(BandwidthTraceFormat.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            format = known
        }
        try InputFile.check(path: bandwidthTrace, what: "bandwidth trace")
        do {
            return try BandwidthTrace.load(path: bandwidthTrace, format: format)
        } catch {
            throw CommandError("\(error)")
        }
    }
}
