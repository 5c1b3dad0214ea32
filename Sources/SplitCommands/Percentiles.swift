/// The median, 10th, 90th and 99th percentiles of a sample (nearest rank), for latency reports.
struct Percentiles: Equatable {
    var median: Double
    var p10: Double
    var p90: Double
    var p99: Double = 0

    static func of(_ samples: [Double]) -> Percentiles {
        let sorted = samples.sorted()
        guard !sorted.isEmpty else { return Percentiles(median: 0, p10: 0, p90: 0) }
        func rank(_ q: Double) -> Double {
            sorted[min(sorted.count - 1, max(0, Int((q * Double(sorted.count)).rounded(.up)) - 1))]
        }
        let mid = sorted.count / 2
        let median = sorted.count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
        return Percentiles(median: median, p10: rank(0.1), p90: rank(0.9), p99: rank(0.99))
    }
}
