import SplitControl
import SplitCost
import SplitModels
import SplitPlanners

/// An operator action the simulator applies at a set time, as if someone pressed a key during a demo.
///
/// Written `SECONDS:ACTION[=VALUE]`: `30:pin=12`, `45:unpin`, `60:slo=150`, `60:memory=50`,
/// `60:min-layers=2`, `60:cap=5`, `60:floor=30`, `90:policy=dsc`, `120:batch=4`; `slo=none` clears
/// a constraint.
public struct ScriptedOperator: Hashable, Sendable {
    public enum Action: Hashable, Sendable {
        case pin(Int)
        case unpin
        case constraint(ConstraintKind, Double?)
        case policy(PolicyKind)
        /// Samples per frame from then on.
        case batch(Int)
    }

    public var at: Double
    public var action: Action

    public init(at: Double, action: Action) {
        self.at = at
        self.action = action
    }

    /// Parses `SECONDS:ACTION[=VALUE]`, or explains what is wrong.
    ///
    /// Every number is checked against its quantity: the time against ``Quantity/seconds`` (and
    /// `sessionLength`, when given), a constraint against ``ConstraintKind/quantity(layerCount:)``
    /// and a pinned split against ``Quantity/split(layerCount:)``, so a value a flag or a prompt
    /// would refuse is refused here too, in the same words.
    public init(parsing text: String, layerCount: Int? = nil, sessionLength: Double? = nil) throws(ScriptedOperatorError) {
        let parts = text.split(separator: ":", maxSplits: 1).map(String.init)
        guard parts.count == 2, let at = PlainDecimal.parse(parts[0]) else {
            throw ScriptedOperatorError("\(DisplayText.quoted(text)): expected SECONDS:ACTION, e.g. 30:pin=12")
        }
        func checked(_ value: Double, _ quantity: Quantity) throws(ScriptedOperatorError) -> Double {
            do {
                return try quantity.check(value)
            } catch {
                throw ScriptedOperatorError("\(DisplayText.quoted(text)): \(error)")
            }
        }
        _ = try checked(at, sessionLength.map { Quantity.seconds.capped(at: $0) } ?? .seconds)
        let pair = parts[1].split(separator: "=", maxSplits: 1).map(String.init)
        let name = pair.first?.lowercased() ?? ""
        let value = pair.count == 2 ? pair[1] : nil
        let layers = layerCount ?? Int(Quantity.layerCount.highest)
        func number(_ kind: ConstraintKind) throws(ScriptedOperatorError) -> Double? {
            guard let value else { throw ScriptedOperatorError("\(DisplayText.quoted(text)): \(name) needs a value, e.g. \(name)=10 or \(name)=none") }
            if value.lowercased() == "none" { return nil }
            guard let number = PlainDecimal.parse(value) else {
                throw ScriptedOperatorError("\(DisplayText.quoted(text)): \(value) is not a number")
            }
            return try checked(number, kind.quantity(layerCount: layers))
        }
        let action: Action
        switch name {
        case "pin":
            guard let value, let k = PlainDecimal.parse(value) else { throw ScriptedOperatorError("\(DisplayText.quoted(text)): pin needs a split, e.g. pin=12") }
            action = .pin(Int(try checked(k, .split(layerCount: layers))))
        case "unpin": action = .unpin
        case "slo": action = .constraint(.latencySLO, try number(.latencySLO))
        case "memory": action = .constraint(.deviceMemory, try number(.deviceMemory))
        case "min-layers": action = .constraint(.minDeviceLayers, try number(.minDeviceLayers))
        case "cap": action = .constraint(.bandwidthCap, try number(.bandwidthCap))
        case "floor": action = .constraint(.batteryFloor, try number(.batteryFloor))
        case "accuracy": action = .constraint(.accuracyFloor, try number(.accuracyFloor))
        case "batch":
            guard let value, let n = PlainDecimal.parse(value) else { throw ScriptedOperatorError("\(DisplayText.quoted(text)): batch needs a size, e.g. batch=4") }
            action = .batch(Int(try checked(n, .batch)))
        case "policy":
            guard let value, let kind = PolicyKind(name: value) else {
                throw ScriptedOperatorError("\(DisplayText.quoted(text)): policy needs one of \(PolicyKind.namesHelp)")
            }
            if case .staticSplit(let k) = kind { _ = try checked(Double(k), .split(layerCount: layers)) }
            action = .policy(kind)
        default:
            throw ScriptedOperatorError("\(DisplayText.quoted(text)): unknown action \(DisplayText.quoted(name)); use pin, unpin, slo, memory, min-layers, cap, floor, accuracy, policy or batch")
        }
        self.init(at: at, action: action)
    }

    /// The controller command this action gives on a model of `layerCount` layers.
    public func command(layerCount: Int) -> OperatorCommand {
        switch action {
        case .pin(let k): .pin(.prefix(min(k, layerCount), layerCount: layerCount))
        case .unpin: .unpin
        case .constraint(let kind, let value): .setConstraint(kind, value)
        case .policy(let kind): .setPolicy(kind)
        case .batch(let n): .setBatch(n)
        }
    }
}

/// A scripted operator action that could not be read.
public struct ScriptedOperatorError: Error, Hashable, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
