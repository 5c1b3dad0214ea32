/// The lower envelope of lines `intercept + slope·x` for x ≥ 0, queried by binary search.
///
/// Each split's latency is such a line in x = ms per byte, so the best split at any bandwidth is
/// the envelope's line at that x: O(log L) per decision after an O(L log L) build.
public struct LowerEnvelope: Sendable {
    /// Lines on the envelope, slopes strictly decreasing.
    private var ids: [Int] = []
    private var intercepts: [Double] = []
    private var slopes: [Double] = []
    /// `breakpoints[i]`: the x from which line i+1 is at least as good as line i.
    private var breakpoints: [Double] = []

    /// Builds the envelope of lines given as (id, intercept, slope); slopes must be ≥ 0 and finite.
    public init(lines: [(id: Int, intercept: Double, slope: Double)]) {
        let sorted = lines.sorted {
            $0.slope != $1.slope ? $0.slope > $1.slope : ($0.intercept != $1.intercept ? $0.intercept < $1.intercept : $0.id < $1.id)
        }
        for line in sorted {
            if let lastSlope = slopes.last, lastSlope == line.slope { continue }  // same slope, higher intercept
            // A line with a smaller slope and an intercept no larger dominates everything before it on x ≥ 0.
            while let lastIntercept = intercepts.last, lastIntercept >= line.intercept { popLast() }
            while intercepts.count >= 2, isHidden(intercepts.count - 1, by: line) { popLast() }
            if let lastIntercept = intercepts.last, let lastSlope = slopes.last {
                breakpoints.append((line.intercept - lastIntercept) / (lastSlope - line.slope))
            }
            ids.append(line.id)
            intercepts.append(line.intercept)
            slopes.append(line.slope)
        }
    }

    /// True when the envelope holds no line.
    public var isEmpty: Bool { ids.isEmpty }

    /// The number of lines on the envelope.
    public var count: Int { ids.count }

    /// The id and value of the lowest line at x (x ≥ 0), or nil when empty.
    public func minimum(at x: Double) -> (id: Int, value: Double)? {
        guard !ids.isEmpty else { return nil }
        // Number of breakpoints ≤ x is the index of the winning line.
        var low = 0
        var high = breakpoints.count
        while low < high {
            let mid = (low + high) / 2
            if breakpoints[mid] <= x { low = mid + 1 } else { high = mid }
        }
        return (ids[low], intercepts[low] + slopes[low] * x)
    }

    private mutating func popLast() {
        ids.removeLast()
        intercepts.removeLast()
        slopes.removeLast()
        if !breakpoints.isEmpty { breakpoints.removeLast() }
    }

    /// Whether line i (the last) lies on or above the envelope of line i-1 and the new line for all x.
    private func isHidden(_ i: Int, by line: (id: Int, intercept: Double, slope: Double)) -> Bool {
        let (a1, s1) = (intercepts[i - 1], slopes[i - 1])
        let (a2, s2) = (intercepts[i], slopes[i])
        // x where the new line meets line i-1 is at or before the x where line i meets it.
        return (line.intercept - a1) * (s1 - s2) <= (a2 - a1) * (s1 - line.slope)
    }
}
