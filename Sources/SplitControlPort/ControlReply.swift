import SplitJSON

/// The port's answer to one request: `{"ok":true}` (with a `note` when there is something to
/// know, `{"ok":true,"note":"…"}`) or `{"ok":false,"error":"…"}`, one line each.
enum ControlReply {
    static let ok: [UInt8] = Array("{\"ok\":true}\n".utf8)

    /// `{"ok":true,"note":"…"}`, or `{"ok":true}` for no note.
    static func ok(note: String?) -> [UInt8] {
        guard let note else { return ok }
        let json = JSONValue.object(JSONObject([("ok", .bool(true)), ("note", .string(note))]))
        return Array((json.serialized() + "\n").utf8)
    }

    static func error(_ message: String) -> [UInt8] {
        let json = JSONValue.object(JSONObject([("ok", .bool(false)), ("error", .string(message))]))
        return Array((json.serialized() + "\n").utf8)
    }
}
