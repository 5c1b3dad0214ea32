import SplitControl
import SplitCost
import SplitJSON
import SplitModels
import SplitPlanners
import SplitSession

/// One line a control-port client sent, read and checked: see `docs/control-protocol.md`.
///
/// Parsing is pure: it takes the line and the session's model and either returns the request or
/// a ``ControlRequestError`` whose message is the reply's `"error"`. Every number is checked
/// through the quantity catalogue (a split through ``Quantity/split(layerCount:)``, a constraint
/// through ``ConstraintKind/quantity(layerCount:)``), so the port accepts what a flag, a prompt or
/// a scripted operator accepts, and refuses the rest in the same words.
///
/// ```swift
/// let request = try ControlRequest(parsing: Array(#"{"cmd":"pin","split":7}"#.utf8), profile: profile)
/// // .operator(.command(.pin(.prefix(7, layerCount: n))))
/// ```
public enum ControlRequest: Hashable, Sendable {
    /// `{"cmd":"auth","token":T}`: presents the port's token.
    case auth(token: String)
    /// `{"cmd":"subscribe"}`: asks for the session event stream, header first.
    case subscribe
    /// A command or note for the controller (`pin`, `unpin`, `set`, `policy`, `batch`, `note`).
    case operatorMessage(OperatorMessage)

    /// The commands the port knows, for error messages and the protocol document.
    public static let commandNames = ["auth", "subscribe", "pin", "unpin", "set", "policy", "batch", "note"]

    /// Reads one line (without its newline) against the session's model.
    public init(parsing line: [UInt8], profile: ModelProfile) throws(ControlRequestError) {
        let json: JSONValue
        do {
            json = try JSONValue.parse(bytes: line)
        } catch {
            throw ControlRequestError("malformed JSON at column \(error.column): \(error.message)")
        }
        guard let object = json.objectValue else { throw ControlRequestError("expected a JSON object such as {\"cmd\":\"unpin\"}") }
        guard let cmd = object["cmd"] else { throw ControlRequestError("missing \"cmd\"; use one of \(Self.commandNames.joined(separator: ", "))") }
        guard let name = cmd.stringValue else { throw ControlRequestError("\"cmd\" must be a string") }
        let n = profile.layerCount
        switch name {
        case "auth":
            guard let token = object["token"]?.stringValue else { throw ControlRequestError("auth: \"token\" must be a string") }
            self = .auth(token: token)
        case "subscribe":
            self = .subscribe
        case "pin":
            self = .operatorMessage(.command(.pin(try Self.partition(object, profile: profile))))
        case "unpin":
            self = .operatorMessage(.command(.unpin))
        case "set":
            guard let field = object["constraint"]?.stringValue else {
                throw ControlRequestError("set: \"constraint\" must be one of \(Self.constraintNames)")
            }
            guard let kind = ConstraintKind(sessionField: field) else {
                throw ControlRequestError("set: unknown constraint \(DisplayText.quoted(field)); use one of \(Self.constraintNames)")
            }
            guard let value = object["value"] else { throw ControlRequestError("set: \"value\" is missing (a number, or null to clear)") }
            if value.isNull {
                self = .operatorMessage(.command(.setConstraint(kind, nil)))
                return
            }
            guard let number = value.doubleValue else { throw ControlRequestError("set: \"value\" must be a number or null") }
            do {
                self = .operatorMessage(.command(.setConstraint(kind, try kind.quantity(layerCount: n).check(number))))
            } catch {
                throw ControlRequestError("set \(field): \(error)")
            }
        case "policy":
            guard let policy = object["name"]?.stringValue else { throw ControlRequestError("policy: \"name\" must be a string") }
            guard let kind = PolicyKind(name: policy) else {
                throw ControlRequestError("policy: unknown policy \(DisplayText.quoted(policy)); use \(PolicyKind.namesHelp)")
            }
            if case .staticSplit(let k) = kind {
                do {
                    _ = try Quantity.split(layerCount: n).check(Double(k))
                } catch {
                    throw ControlRequestError("policy: \(error)")
                }
            }
            self = .operatorMessage(.command(.setPolicy(kind)))
        case "batch":
            guard let value = object["n"] else { throw ControlRequestError("batch: \"n\" is missing (the samples per frame, a whole number)") }
            guard let number = value.doubleValue else { throw ControlRequestError("batch: \"n\" must be a number") }
            do {
                self = .operatorMessage(.command(.setBatch(Int(try Quantity.batch.check(number)))))
            } catch {
                throw ControlRequestError("batch: \(error)")
            }
        case "note":
            guard let text = object["text"]?.stringValue else { throw ControlRequestError("note: \"text\" must be a string") }
            self = .operatorMessage(.note(text))
        default:
            throw ControlRequestError("unknown command \(DisplayText.quoted(name)); use one of \(Self.commandNames.joined(separator: ", "))")
        }
    }

    private static var constraintNames: String {
        ConstraintKind.allCases.map(\.sessionField).joined(separator: ", ")
    }

    /// The partition of a `pin`: `"split": K` (checked against the layer count) or
    /// `"device_layers": [names]` (each a layer of the model).
    private static func partition(_ object: JSONObject, profile: ModelProfile) throws(ControlRequestError) -> Partition {
        let n = profile.layerCount
        if let split = object["split"] {
            guard let k = split.doubleValue else { throw ControlRequestError("pin: \"split\" must be a number") }
            do {
                return .prefix(Int(try Quantity.split(layerCount: n).check(k)), layerCount: n)
            } catch {
                throw ControlRequestError("pin: \(error)")
            }
        }
        if let layers = object["device_layers"] {
            guard let names = layers.arrayValue?.compactMap(\.stringValue), names.count == layers.arrayValue?.count else {
                throw ControlRequestError("pin: \"device_layers\" must be an array of layer names")
            }
            let known = Set(profile.layers.map(\.name))
            if let unknown = names.first(where: { !known.contains($0) }) {
                throw ControlRequestError("pin: \(DisplayText.quoted(unknown)) is not a layer of \(profile.name)")
            }
            return Partition(SessionPartition.deviceLayers(names), of: profile)
        }
        throw ControlRequestError("pin: needs \"split\": K (0–\(n)) or \"device_layers\": [names]")
    }
}

/// Why a control-port line was refused: the text of the `{"ok": false, "error": …}` reply.
public struct ControlRequestError: Error, Hashable, Sendable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
