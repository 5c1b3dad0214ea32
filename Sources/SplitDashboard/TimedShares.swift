import SplitSession

/// A `shares` event with its time, as the dashboard keeps them.
public struct TimedShares: Equatable, Sendable {
    public var t: Double
    public var shares: SharesEvent

    public init(t: Double, shares: SharesEvent) {
        self.t = t
        self.shares = shares
    }
}
