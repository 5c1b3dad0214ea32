extension SharesEvent {
    /// Whether the devices' bandwidth shares are shares of something: false when the edge recorded
    /// its capacity without an uplink total (it does not constrain the uplink, and every share reads
    /// 0), true otherwise, including an event that records no capacity at all.
    public var sharesUplink: Bool {
        guard let edge else { return true }
        return edge.uplinkMbps != nil
    }
}
