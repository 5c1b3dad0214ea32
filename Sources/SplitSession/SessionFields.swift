import SplitJSON
import SplitModels

/// Typed access to one JSON object's fields, naming the field path in every error.
///
/// `null` counts as absent for optional fields, so writers may emit either; unknown fields
/// are never looked at, which is what makes the format forward compatible.
struct SessionFields {
    let object: JSONObject
    /// The path to this object, such as `"partition"` or `"candidates[2]"`; empty at the top.
    let path: String

    init(_ object: JSONObject, path: String = "") {
        self.object = object
        self.path = path
    }

    /// Reads `value` as an object at `path`.
    init(_ value: JSONValue, path: String) throws(SessionFieldError) {
        guard let object = value.objectValue else {
            throw SessionFieldError(field: path, reason: "expected an object")
        }
        self.init(object, path: path)
    }

    /// The full path of a member.
    func field(_ key: String) -> String {
        path.isEmpty ? key : "\(path).\(key)"
    }

    /// The member, with `null` treated as absent.
    func present(_ key: String) -> JSONValue? {
        guard let value = object[key], !value.isNull else { return nil }
        return value
    }

    func require(_ key: String) throws(SessionFieldError) -> JSONValue {
        guard let value = present(key) else {
            throw SessionFieldError(field: field(key), reason: "missing")
        }
        return value
    }

    func string(_ key: String) throws(SessionFieldError) -> String {
        try Self.string(require(key), field: field(key))
    }

    func optionalString(_ key: String) throws(SessionFieldError) -> String? {
        guard let value = present(key) else { return nil }
        return try Self.string(value, field: field(key))
    }

    /// A number, checked against the quantity its name's unit names (see ``quantity(of:)``).
    func number(_ key: String) throws(SessionFieldError) -> Double {
        try checked(Self.number(require(key), field: field(key)), key)
    }

    func optionalNumber(_ key: String) throws(SessionFieldError) -> Double? {
        guard let value = present(key) else { return nil }
        return try checked(Self.number(value, field: field(key)), key)
    }

    /// The value if the quantity of `key` accepts it (or `key` names none).
    private func checked(_ value: Double, _ key: String) throws(SessionFieldError) -> Double {
        guard let quantity = quantity(of: key), !quantity.accepts(value) else { return value }
        throw SessionFieldError(field: field(key), reason: QuantityError(quantity: quantity, value: value).description)
    }

    /// The quantity a numeric field holds, named by its unit suffix as the session format
    /// writes them: `t` in seconds, `_ms`, `_us`, `_mbps`, `_pct`, `_mj`, `_mw`, `_mwh`, `_mb`,
    /// `fps`, and the watts of `power_w`. Nil for a field without a unit.
    ///
    /// Times and energies recorded from the cost model can exceed what a user would type (a
    /// transfer at 1 kbit/s), so their ranges are wide; every range keeps values finite and far
    /// from what would overflow the arithmetic of a reader.
    func quantity(of key: String) -> Quantity? {
        if key == "t" { return .seconds }
        if key == "fps" { return .fps }
        if key == "confidence" { return .confidence }
        // A `shares` event's columns (since 1.3).
        if key == "compute_share" || key == "bandwidth_share" { return .share }
        if key == "task_weight" { return .taskWeight }
        if key == "utility" { return .utility }
        if key == "gmacs_per_s" { return .gmacsPerSecond }
        if key == "uplink_mbps" { return .bandwidthMbps }
        // Constraints hold the ranges the operator's prompts and flags accept (an SLO of 1e-320 ms
        // is no SLO a reader can judge frames against).
        if key == "slo_ms" { return .sloMs }
        if key == "bandwidth_cap_mbps" { return .bandwidthMbps }
        if key.hasPrefix("accuracy") && key.hasSuffix("_pct") { return .accuracyPercent }
        if path.hasSuffix("power_w") { return .watts }
        let suffixes: [(String, Quantity)] = [
            ("_ms", .recordedMs),
            ("_us", .recordedMicroseconds),
            ("_mbps", .recordedMbps),
            ("_pct", .batteryPercent),
            ("_mj", .recordedMJ),
            ("_mw", .recordedMW),
            ("_mwh", .batteryMWh),
            ("_mb", .memoryMB),
        ]
        return suffixes.first { key.hasSuffix($0.0) }?.1
    }

    func count(_ key: String) throws(SessionFieldError) -> Int {
        try Self.count(require(key), field: field(key))
    }

    func optionalCount(_ key: String) throws(SessionFieldError) -> Int? {
        guard let value = present(key) else { return nil }
        return try Self.count(value, field: field(key))
    }

    /// The device id at `key`, checked by the one rule for ids (``DeviceID``).
    func deviceID(_ key: String) throws(SessionFieldError) -> String {
        let id = try string(key)
        if let problem = DeviceID.problem(id) { throw SessionFieldError(field: field(key), reason: problem) }
        return id
    }

    /// The device id at `key` when present.
    func optionalDeviceID(_ key: String) throws(SessionFieldError) -> String? {
        guard present(key) != nil else { return nil }
        return try deviceID(key)
    }

    func word<Word: SessionVocabulary>(_ key: String, as type: Word.Type = Word.self) throws(SessionFieldError) -> Word {
        let text = try string(key)
        guard !text.isEmpty else {
            throw SessionFieldError(field: field(key), reason: "expected a non-empty string")
        }
        return Word(rawValue: text)
    }

    func optionalWord<Word: SessionVocabulary>(_ key: String, as type: Word.Type = Word.self) throws(SessionFieldError) -> Word? {
        guard present(key) != nil else { return nil }
        return try word(key, as: type)
    }

    func optionalBool(_ key: String) throws(SessionFieldError) -> Bool? {
        guard let value = present(key) else { return nil }
        guard case .bool(let flag) = value else {
            throw SessionFieldError(field: field(key), reason: "expected true or false")
        }
        return flag
    }

    func nested(_ key: String) throws(SessionFieldError) -> SessionFields {
        try SessionFields(require(key), path: field(key))
    }

    func optionalNested(_ key: String) throws(SessionFieldError) -> SessionFields? {
        guard let value = present(key) else { return nil }
        return try SessionFields(value, path: field(key))
    }

    func array(_ key: String) throws(SessionFieldError) -> [JSONValue] {
        guard let elements = try require(key).arrayValue else {
            throw SessionFieldError(field: field(key), reason: "expected an array")
        }
        return elements
    }

    static func string(_ value: JSONValue, field: String) throws(SessionFieldError) -> String {
        guard let text = value.stringValue else {
            throw SessionFieldError(field: field, reason: "expected a string")
        }
        return text
    }

    static func number(_ value: JSONValue, field: String) throws(SessionFieldError) -> Double {
        guard let number = value.doubleValue else {
            throw SessionFieldError(field: field, reason: "expected a number")
        }
        return number
    }

    /// A whole number ≥ 0 that fits an `Int` exactly (below 2^53).
    static func count(_ value: JSONValue, field: String) throws(SessionFieldError) -> Int {
        guard let number = value.doubleValue else {
            throw SessionFieldError(field: field, reason: "expected a whole number ≥ 0")
        }
        guard number >= 0, number < 0x1p53, number.rounded(.towardZero) == number else {
            throw SessionFieldError(field: field, reason: "expected a whole number ≥ 0, got \(Quantity.formatValue(number))")
        }
        return Int(number)
    }
}
