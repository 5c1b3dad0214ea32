/// How much better a new partition must look before the controller switches to it.
///
/// Without it the controller flaps between two near-equal splits as the estimate jitters. A switch
/// happens when the new plan beats the current partition by more than `relative` of the current
/// value and by more than `absolute` (ms or mJ, per the objective).
public struct Hysteresis: Hashable, Sendable {
    public var relative: Double
    public var absolute: Double

    public init(relative: Double = 0.05, absolute: Double = 1.0) {
        self.relative = relative
        self.absolute = absolute
    }

    /// No hysteresis: always take the policy's answer.
    public static let none = Hysteresis(relative: 0, absolute: 0)

    /// Whether `candidate` improves on `current` enough to switch.
    public func shouldSwitch(current: Double, candidate: Double) -> Bool {
        current - candidate > max(relative * current, absolute)
    }
}
