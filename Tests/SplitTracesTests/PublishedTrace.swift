import Testing
@testable import SplitTraces

/// A row of the table in `shared/traces/README.md`: the file, its mean (Mbit/s) and period (s).
struct PublishedTrace: Sendable, CustomTestStringConvertible {
    let file: String
    let format: BandwidthTraceFormat
    let mean: Double
    let period: Double

    var testDescription: String { file }

    /// All ten files, with the README's means and the periods our conventions give.
    static let all = [
        PublishedTrace(file: "mahimahi-ATT-LTE-driving-2016.down", format: .mahimahi, mean: 4.560, period: 120.002),
        PublishedTrace(file: "mahimahi-ATT-LTE-driving-2016.up", format: .mahimahi, mean: 1.910, period: 120.002),
        PublishedTrace(file: "mahimahi-Verizon-EVDO-driving.down", format: .mahimahi, mean: 0.521, period: 1062.016),
        PublishedTrace(file: "pensieve-norway_bus_1", format: .cooked, mean: 2.912, period: 154.76),
        PublishedTrace(file: "pensieve-norway_train_13", format: .cooked, mean: 1.990, period: 215.91),
        PublishedTrace(
            file: "pensieve-trace_939562_http---www.google.com-mobile-", format: .cooked, mean: 2.668, period: 1830),
        PublishedTrace(file: "sabre-report_foot_0002.json", format: .sabre, mean: 17.559, period: 618.287),
        PublishedTrace(file: "lumos5g-5g_trace_4_walking", format: .cooked, mean: 588.346, period: 772),
        // One row = one second: 1013 rows, although the timestamps span 1103 s.
        PublishedTrace(file: "ucc5g-B_2020.02.14_13.21.26.csv", format: .gNetTrackCSV, mean: 121.021, period: 1013),
        PublishedTrace(file: "mptraces-12_1_wifi.csv", format: .bytesPerSecondCSV, mean: 33.680, period: 100),
    ]

    /// The six files copied into `SampleTraces/traces`.
    static let samples = all.filter { trace in
        [
            "pensieve-norway_bus_1", "pensieve-norway_train_13",
            "pensieve-trace_939562_http---www.google.com-mobile-", "sabre-report_foot_0002.json",
            "lumos5g-5g_trace_4_walking", "mahimahi-ATT-LTE-driving-2016.up",
        ].contains(trace.file)
    }
}
