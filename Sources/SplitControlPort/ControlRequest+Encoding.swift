import SplitControl
import SplitCost
import SplitJSON
import SplitModels
import SplitSession

extension ControlRequest {
    /// The request as the JSON object a client sends; ``init(parsing:profile:)`` reads it back.
    ///
    /// A prefix partition is sent as `"split"`, any other as `"device_layers"` (the session's
    /// partition form, through `SessionPartition`).
    public func json(profile: ModelProfile) -> JSONValue {
        var object = JSONObject()
        switch self {
        case .auth(let token):
            object["cmd"] = .string("auth")
            object["token"] = .string(token)
        case .subscribe:
            object["cmd"] = .string("subscribe")
        case .operatorMessage(.note(let text)):
            object["cmd"] = .string("note")
            object["text"] = .string(text)
        case .operatorMessage(.command(let command)):
            switch command {
            case .pin(let partition):
                object["cmd"] = .string("pin")
                switch SessionPartition(partition, of: profile) {
                case .split(let k): object["split"] = .number(Double(k))
                case .deviceLayers(let names): object["device_layers"] = .array(names.map(JSONValue.string))
                }
            case .unpin:
                object["cmd"] = .string("unpin")
            case .setConstraint(let kind, let value):
                object["cmd"] = .string("set")
                object["constraint"] = .string(kind.sessionField)
                object["value"] = value.map(JSONValue.number) ?? .null
            case .setPolicy(let kind):
                object["cmd"] = .string("policy")
                object["name"] = .string(kind.description)
            case .setBatch(let n):
                object["cmd"] = .string("batch")
                object["n"] = .number(Double(n))
            }
        }
        return .object(object)
    }

    /// The request as one line, ending in `\n`.
    public func line(profile: ModelProfile) -> [UInt8] {
        Array((json(profile: profile).serialized() + "\n").utf8)
    }
}
