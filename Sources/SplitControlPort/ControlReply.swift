import SplitJSON

/// The port's answer to one request: `{"ok":true}` or `{"ok":false,"error":"…"}`, one line each.
enum ControlReply {
    static let ok: [UInt8] = Array("{\"ok\":true}\n".utf8)

    static func error(_ message: String) -> [UInt8] {
        let json = JSONValue.object(JSONObject([("ok", .bool(false)), ("error", .string(message))]))
        return Array((json.serialized() + "\n").utf8)
    }
}
