import SplitPlanners

/// An inline prompt for one constraint, with the text typed so far and the last error.
public struct PromptState: Hashable, Sendable {
    public var field: ConstraintKind
    public var text: String
    public var error: String?

    public init(field: ConstraintKind, text: String = "", error: String? = nil) {
        self.field = field
        self.text = text
        self.error = error
    }

    /// What the prompt asks for.
    public var label: String {
        switch field {
        case .latencySLO: "latency SLO (ms)"
        case .deviceMemory: "device memory budget (MB)"
        case .minDeviceLayers: "minimum device layers"
        case .bandwidthCap: "bandwidth cap (Mbit/s)"
        case .batteryFloor: "battery floor (%)"
        }
    }

    /// The value typed, nil to clear the constraint, or an error message.
    public func parse(layerCount: Int) -> Result<Double?, PromptError> {
        let trimmed = text.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
        if trimmed.isEmpty { return .success(nil) }
        guard let value = Double(trimmed), value.isFinite else {
            return .failure(PromptError("\"\(trimmed)\" is not a number"))
        }
        switch field {
        case .minDeviceLayers:
            guard value >= 0, value.rounded() == value, value <= Double(layerCount) else {
                return .failure(PromptError("enter a whole number from 0 to \(layerCount)"))
            }
        case .batteryFloor:
            guard (0...100).contains(value) else { return .failure(PromptError("enter a percentage from 0 to 100")) }
        case .latencySLO, .deviceMemory, .bandwidthCap:
            guard value > 0 else { return .failure(PromptError("enter a number greater than 0")) }
        }
        return .success(value)
    }
}

/// Why typed text was rejected.
public struct PromptError: Error, Hashable, Sendable {
    public var message: String
    public init(_ message: String) { self.message = message }
}
