/// A clock duration as the plain numbers the benches and timers print and add up.
///
/// `Duration` keeps seconds and attoseconds apart; every timer converts the same way, so it does
/// so once here.
///
/// ```swift
/// let elapsed = ContinuousClock.now - start
/// samples.append(elapsed.inMilliseconds)
/// ```
extension Duration {
    /// The duration in seconds.
    var inSeconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }

    /// The duration in milliseconds.
    var inMilliseconds: Double {
        Double(components.seconds) * 1000 + Double(components.attoseconds) / 1e15
    }
}
