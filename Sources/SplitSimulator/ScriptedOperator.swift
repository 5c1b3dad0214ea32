import SplitControl
import SplitCost
import SplitPlanners

/// An operator action the simulator applies at a set time, as if someone pressed a key during a demo.
///
/// Written `SECONDS:ACTION[=VALUE]`: `30:pin=12`, `45:unpin`, `60:slo=150`, `60:memory=50`,
/// `60:min-layers=2`, `60:cap=5`, `60:floor=30`, `90:policy=dsc`; `slo=none` clears a constraint.
public struct ScriptedOperator: Hashable, Sendable {
    public enum Action: Hashable, Sendable {
        case pin(Int)
        case unpin
        case constraint(ConstraintKind, Double?)
        case policy(PolicyKind)
    }

    public var at: Double
    public var action: Action

    public init(at: Double, action: Action) {
        self.at = at
        self.action = action
    }

    /// Parses `SECONDS:ACTION[=VALUE]`, or explains what is wrong.
    public init(parsing text: String) throws(ScriptedOperatorError) {
        let parts = text.split(separator: ":", maxSplits: 1).map(String.init)
        guard parts.count == 2, let at = Double(parts[0]), at.isFinite, at >= 0 else {
            throw ScriptedOperatorError("\"\(text)\": expected SECONDS:ACTION, e.g. 30:pin=12")
        }
        let pair = parts[1].split(separator: "=", maxSplits: 1).map(String.init)
        let name = pair[0].lowercased()
        let value = pair.count == 2 ? pair[1] : nil
        func number() throws(ScriptedOperatorError) -> Double? {
            guard let value else { throw ScriptedOperatorError("\"\(text)\": \(name) needs a value, e.g. \(name)=10 or \(name)=none") }
            if value.lowercased() == "none" { return nil }
            guard let number = Double(value), number.isFinite, number >= 0 else {
                throw ScriptedOperatorError("\"\(text)\": \(value) is not a number ≥ 0")
            }
            return number
        }
        let action: Action
        switch name {
        case "pin":
            guard let value, let k = Int(value), k >= 0 else { throw ScriptedOperatorError("\"\(text)\": pin needs a split, e.g. pin=12") }
            action = .pin(k)
        case "unpin": action = .unpin
        case "slo": action = .constraint(.latencySLO, try number())
        case "memory": action = .constraint(.deviceMemory, try number())
        case "min-layers": action = .constraint(.minDeviceLayers, try number())
        case "cap": action = .constraint(.bandwidthCap, try number())
        case "floor": action = .constraint(.batteryFloor, try number())
        case "policy":
            guard let value, let kind = PolicyKind(name: value) else {
                throw ScriptedOperatorError("\"\(text)\": policy needs one of \(PolicyKind.namesHelp)")
            }
            action = .policy(kind)
        default:
            throw ScriptedOperatorError("\"\(text)\": unknown action \"\(name)\"; use pin, unpin, slo, memory, min-layers, cap, floor or policy")
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
        }
    }
}

/// A scripted operator action that could not be read.
public struct ScriptedOperatorError: Error, Hashable, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
