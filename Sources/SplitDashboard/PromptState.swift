import SplitModels
import SplitPlanners

/// What a prompt sets: a constraint, or the batch size (samples per frame).
public enum PromptField: Hashable, Sendable {
    case constraint(ConstraintKind)
    case batch

    /// The quantity the typed value is checked against.
    func quantity(layerCount: Int) -> Quantity {
        switch self {
        case .constraint(let kind): kind.quantity(layerCount: layerCount)
        case .batch: .batch
        }
    }
}

/// An inline prompt for one constraint or the batch size: the text typed so far, the value in
/// force as a hint, and the last message.
///
/// The prompt opens empty with the current value shown beside it as a hint, so typing replaces
/// the value rather than appending to it. A character that cannot be part of a number is not
/// typed and gets an inline message instead of being dropped silently.
public struct PromptState: Hashable, Sendable {
    public var field: PromptField
    public var text: String
    /// The value in force when the prompt opened ("150"), or nil when the constraint is unset.
    public var current: String?
    public var error: String?

    /// The most characters a value may have.
    public static let maximumLength = 24

    public init(field: ConstraintKind, text: String = "", current: String? = nil, error: String? = nil) {
        self.init(setting: .constraint(field), text: text, current: current, error: error)
    }

    public init(setting field: PromptField, text: String = "", current: String? = nil, error: String? = nil) {
        self.field = field
        self.text = text
        self.current = current
        self.error = error
    }

    /// What the prompt asks for.
    public var label: String {
        guard case .constraint(let kind) = field else { return "batch size (samples per frame)" }
        return switch kind {
        case .latencySLO: "latency SLO (ms)"
        case .deviceMemory: "device memory budget (MB)"
        case .minDeviceLayers: "minimum device layers"
        case .bandwidthCap: "bandwidth cap (Mbit/s)"
        case .batteryFloor: "battery floor (%)"
        case .accuracyFloor: "accuracy floor (%)"
        }
    }

    /// Whether `c` can be part of a number as typed (`1.5e-3`).
    public static func canBePartOfNumber(_ c: Character) -> Bool {
        c.isASCII && (c.isNumber || c == "." || c == "e" || c == "E" || c == "-" || c == "+")
    }

    /// Types one character, or explains why it cannot be typed.
    public mutating func type(_ c: Character) {
        guard Self.canBePartOfNumber(c) else {
            let shown = c == " " ? "a space" : "'\(c)'"
            error = "\(shown) cannot be part of a number: type digits, '.', or 'e' for ×10^"
            return
        }
        guard text.count < Self.maximumLength else {
            error = "at most \(Self.maximumLength) characters"
            return
        }
        text.append(c)
        error = nil
    }

    /// The value typed, nil to clear the constraint, or an error message naming the accepted range
    /// (a batch size cannot be cleared: empty text asks for one).
    ///
    /// The range is the constraint's ``Quantity`` (`ConstraintKind.quantity(layerCount:)`), the
    /// same one the command-line flags and scripted operator actions are checked against.
    public func parse(layerCount: Int) -> Result<Double?, PromptError> {
        let quantity = field.quantity(layerCount: layerCount)
        if text.isEmpty {
            return field == .batch ? .failure(PromptError("enter \(Self.range(of: quantity))")) : .success(nil)
        }
        guard let value = PlainDecimal.parse(text), value.isFinite else {
            return .failure(PromptError("\"\(text)\" is not a number; enter \(Self.range(of: quantity))"))
        }
        do {
            return .success(try quantity.check(value))
        } catch {
            return .failure(PromptError("enter \(Self.range(of: quantity))"))
        }
    }

    /// "a whole number from 0 to 175", "from 0.001 to 86400000 ms".
    static func range(of quantity: Quantity) -> String {
        func plain(_ x: Double) -> String { x.rounded() == x && abs(x) < 1e15 ? String(Int(x)) : "\(x)" }
        let unit = quantity.unit.isEmpty ? "" : " \(quantity.unit)"
        return (quantity.wholeNumber ? "a whole number " : "") + "from \(plain(quantity.lowest)) to \(plain(quantity.highest))\(unit)"
    }
}

/// Why typed text was rejected.
public struct PromptError: Error, Hashable, Sendable {
    public var message: String
    public init(_ message: String) { self.message = message }
}
