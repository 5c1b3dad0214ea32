/// A JSON document or any value inside one.
///
/// Numbers are stored as `Double`, as RFC 8259 suggests for interoperability; integers up
/// to 2^53 in magnitude are exact and serialize without a fraction. Objects keep their
/// members in source order, so a parsed document serializes back in the order it was
/// written.
///
/// ```swift
/// let profile: JSONValue = ["layer": "conv1", "flops": 118_013_952, "outputs": [1, 64, 112, 112]]
/// let text = profile.serialized()   // {"layer":"conv1","flops":118013952,"outputs":[1,64,112,112]}
/// let back = try JSONValue.parse(text)
/// assert(back == profile)
/// ```
public enum JSONValue: Hashable, Sendable {
    /// The literal `null`.
    case null
    /// The literal `true` or `false`.
    case bool(Bool)
    /// A number; the parser never produces a non-finite one.
    case number(Double)
    /// A string, already unescaped.
    case string(String)
    /// An array of values.
    case array([JSONValue])
    /// An object whose members keep their order.
    case object(JSONObject)
}
