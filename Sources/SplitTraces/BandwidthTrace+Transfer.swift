/// Integrating the rate: bytes delivered over an interval, and time to deliver a payload.
extension BandwidthTrace {
    /// Seconds needed to send `bytes` bytes when the transfer starts at `t` seconds.
    ///
    /// Integrates the piecewise rate from `t` on: a transfer that runs into an outage waits it out,
    /// and one that passes the end of the period carries on from its start. Whole periods are
    /// skipped arithmetically, so the cost is O(log n) whatever the size. The result is the
    /// earliest time by which all bytes have been delivered, minus `t`.
    ///
    /// - Returns: 0 if `bytes <= 0`; `nil` if the trace delivers nothing over a whole period (the
    ///   transfer never finishes) or `t` is NaN or infinite.
    public func transferTime(bytes: Int, startingAt t: Double) -> Double? {
        guard bytes > 0 else { return 0 }
        guard bytesPerPeriod > 0, let phase = periodAndPhase(of: t)?.phase else { return nil }
        // Bytes to have been delivered, counted from the start of the period that holds `t`.
        let target = delivered(upTo: phase) + Double(bytes)
        var periods = (target / bytesPerPeriod).rounded(.down)
        var remainder = target - periods * bytesPerPeriod
        // Land the remainder in (0, bytesPerPeriod]: a target that ends exactly on a period's
        // worth is reached inside the earlier period (before any trailing outage), not after it.
        if remainder > bytesPerPeriod {
            periods += 1
            remainder -= bytesPerPeriod
        }
        if remainder <= 0 {
            periods -= 1
            remainder += bytesPerPeriod
        }
        let end = periods * duration + time(toDeliver: min(remainder, bytesPerPeriod))
        // A rate so small that the periods needed overflow (a subnormal bytes-per-period) never
        // delivers: say so rather than let NaN or infinity through `max` as 0.
        guard periods.isFinite, remainder.isFinite, end.isFinite else { return nil }
        return max(0, end - phase)
    }

    /// Bytes the link delivers between `t0` and `t1` seconds (0 if `t1 <= t0` or either is not finite).
    public func bytesDelivered(from t0: Double, to t1: Double) -> Double {
        guard t1 > t0,
              let from = periodAndPhase(of: t0),
              let to = periodAndPhase(of: t1)
        else { return 0 }
        let bytes = (to.period - from.period) * bytesPerPeriod
            + delivered(upTo: to.phase) - delivered(upTo: from.phase)
        return max(0, bytes)
    }

    /// Splits `t` into a whole number of periods and a phase in `[0, duration)`; nil if `t` is not finite.
    func periodAndPhase(of t: Double) -> (period: Double, phase: Double)? {
        guard t.isFinite else { return nil }
        var phase = t.truncatingRemainder(dividingBy: duration)  // exact
        var period = ((t - phase) / duration).rounded()
        if phase < 0 {
            phase += duration
            period -= 1
        }
        if phase >= duration {
            phase = 0
            period += 1
        }
        return (period, phase)
    }

    /// The index of the segment holding `phase` (in `[0, duration]`); the last one for `duration`.
    func segmentIndex(containing phase: Double) -> Int {
        // Last index i in 0..<segments.count with boundaries[i] <= phase.
        var low = 0
        var high = segments.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if boundaries[middle] <= phase {
                low = middle
            } else {
                high = middle - 1
            }
        }
        return low
    }

    /// Bytes delivered from the start of a period up to `phase` seconds into it (`phase` in `[0, duration]`).
    func delivered(upTo phase: Double) -> Double {
        let index = segmentIndex(containing: phase)
        let within = cumulativeBytes[index]
            + segments[index].mbps * Self.bytesPerSecondPerMbps * (phase - boundaries[index])
        return min(max(within, cumulativeBytes[index]), cumulativeBytes[index + 1])
    }

    /// The earliest phase by which `bytes` (in `(0, bytesPerPeriod]`) have been delivered since the period start.
    func time(toDeliver bytes: Double) -> Double {
        // First index j in 1...segments.count with cumulativeBytes[j] >= bytes; segment j - 1 then
        // starts below `bytes`, so its rate is above 0.
        var low = 1
        var high = segments.count
        while low < high {
            let middle = (low + high) / 2
            if cumulativeBytes[middle] >= bytes {
                high = middle
            } else {
                low = middle + 1
            }
        }
        let index = low - 1
        let bytesPerSecond = segments[index].mbps * Self.bytesPerSecondPerMbps
        guard bytesPerSecond > 0 else { return boundaries[index + 1] }
        let phase = boundaries[index] + (bytes - cumulativeBytes[index]) / bytesPerSecond
        return min(phase, boundaries[index + 1])
    }
}
