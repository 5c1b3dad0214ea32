/// Samples in fixed time buckets, newest last, for the dashboard's graphs.
///
/// Each bucket keeps the mean (or the last value, for step plots) of the samples that fell in it;
/// a bucket with no sample repeats nothing and shows as a gap (NaN).
public struct TimeSeries: Hashable, Sendable {
    /// Seconds per bucket.
    public let bucket: Double
    /// Buckets kept.
    public let capacity: Int
    public let keepsLast: Bool
    /// Index of the first kept bucket (bucket i covers [i·bucket, (i+1)·bucket)).
    public private(set) var firstBucket = 0
    private var sums: [Double] = []
    private var counts: [Int] = []

    public init(bucket: Double = 0.5, capacity: Int = 720, keepsLast: Bool = false) {
        self.bucket = bucket
        self.capacity = capacity
        self.keepsLast = keepsLast
    }

    /// Adds a sample at time t (seconds).
    public mutating func add(_ value: Double, at t: Double) {
        guard value.isFinite, t.isFinite else { return }
        let index = Int((t / bucket).rounded(.down))
        if sums.isEmpty {
            firstBucket = index
        }
        if index < firstBucket { return }
        while firstBucket + sums.count <= index {
            sums.append(0)
            counts.append(0)
        }
        let slot = index - firstBucket
        if keepsLast {
            sums[slot] = value
            counts[slot] = 1
        } else {
            sums[slot] += value
            counts[slot] += 1
        }
        if sums.count > capacity {
            let drop = sums.count - capacity
            sums.removeFirst(drop)
            counts.removeFirst(drop)
            firstBucket += drop
        }
    }

    /// The last value added, if any.
    public var latest: Double? {
        guard let i = counts.lastIndex(where: { $0 > 0 }) else { return nil }
        return sums[i] / Double(counts[i])
    }

    /// The `count` buckets ending at time t, oldest first; empty buckets are NaN (step plots carry the last value forward).
    public func window(endingAt t: Double, count: Int) -> [Double] {
        let last = Int((t / bucket).rounded(.down))
        var carried = Double.nan
        if keepsLast {
            // The value in force when the window opens.
            let start = last - count + 1
            if start > firstBucket {
                for i in stride(from: min(start - 1 - firstBucket, counts.count - 1), through: 0, by: -1) where counts[i] > 0 {
                    carried = sums[i]
                    break
                }
            }
        }
        return (0..<count).map { offset in
            let slot = last - count + 1 + offset - firstBucket
            guard slot >= 0, slot < sums.count, counts[slot] > 0 else { return keepsLast ? carried : .nan }
            let value = sums[slot] / Double(counts[slot])
            carried = value
            return value
        }
    }

    /// Drops everything.
    public mutating func removeAll() {
        sums.removeAll()
        counts.removeAll()
        firstBucket = 0
    }
}
