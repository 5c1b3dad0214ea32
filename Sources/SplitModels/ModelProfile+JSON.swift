import SplitJSON

extension ModelProfile {
    /// The format tag every profile file carries.
    public static let formatName = "splitscope-profile"
    /// The profile format version this build reads and writes.
    public static let formatVersion = 1

    /// Reads a profile from its JSON text, checking every field.
    ///
    /// Errors name the field (`layers[2].inputs[0]`) and, for malformed JSON, the line and column.
    public init(jsonText: String) throws(ProfileError) {
        let value: JSONValue
        do {
            value = try JSONValue.parse(jsonText)
        } catch {
            throw ProfileError(field: "", reason: "not valid JSON: \(error)")
        }
        try self.init(json: value)
    }

    /// The longest model or layer name a profile may give, in characters: names are printed
    /// (tables, logs, the dashboard), so they are bounded and hold no control character.
    public static let maxNameLength = 256

    /// Reads a profile from parsed JSON, checking every field.
    public init(json: JSONValue) throws(ProfileError) {
        guard let root = json.objectValue else { throw ProfileError(field: "", reason: "expected a JSON object") }
        guard let format = root["format"]?.stringValue, format == Self.formatName else {
            throw ProfileError(field: "format", reason: "expected \"\(Self.formatName)\"")
        }
        guard let version = root["version"]?.intValue else {
            throw ProfileError(field: "version", reason: "expected an integer")
        }
        guard version == Self.formatVersion else {
            throw ProfileError(field: "version", reason: "version \(version) is not supported (this build reads \(Self.formatVersion))")
        }
        guard let name = root["name"]?.stringValue, !name.isEmpty else {
            throw ProfileError(field: "name", reason: "expected a non-empty string")
        }
        if let problem = DisplayText.nameProblem(name, maxLength: Self.maxNameLength) { throw ProfileError(field: "name", reason: problem) }
        guard let input = root["input"]?.objectValue else { throw ProfileError(field: "input", reason: "expected an object") }
        let inputBytes = try Self.count(input["bytes"], field: "input.bytes", positive: true)
        var totals = SizeTotals(bytes: Double(inputBytes))
        guard let rawLayers = root["layers"]?.arrayValue else {
            throw ProfileError(field: "layers", reason: "expected an array of layers")
        }
        guard !rawLayers.isEmpty else { throw ProfileError(field: "layers", reason: "a profile needs at least one layer") }

        var layers: [ProfileLayer] = []
        var indexByName: [String: Int] = [:]
        for (i, raw) in rawLayers.enumerated() {
            let at = "layers[\(i)]"
            guard let object = raw.objectValue else { throw ProfileError(field: at, reason: "expected an object") }
            guard let layerName = object["name"]?.stringValue, !layerName.isEmpty else {
                throw ProfileError(field: "\(at).name", reason: "expected a non-empty string")
            }
            if let problem = DisplayText.nameProblem(layerName, maxLength: Self.maxNameLength) {
                throw ProfileError(field: "\(at).name", reason: problem)
            }
            guard layerName != "input" else {
                throw ProfileError(field: "\(at).name", reason: "\"input\" names the raw input; use another layer name")
            }
            guard indexByName[layerName] == nil else {
                throw ProfileError(field: "\(at).name", reason: "duplicate layer name \(DisplayText.quoted(layerName))")
            }
            guard let rawInputs = object["inputs"]?.arrayValue, !rawInputs.isEmpty else {
                throw ProfileError(field: "\(at).inputs", reason: "expected a non-empty array of layer names")
            }
            var inputs: [TensorSource] = []
            for (j, rawInput) in rawInputs.enumerated() {
                guard let inputName = rawInput.stringValue else {
                    throw ProfileError(field: "\(at).inputs[\(j)]", reason: "expected a layer name")
                }
                if inputName == "input" {
                    inputs.append(.input)
                } else if let producer = indexByName[inputName] {
                    inputs.append(.layer(producer))
                } else if inputName == layerName {
                    throw ProfileError(field: "\(at).inputs[\(j)]", reason: "layer \(DisplayText.quoted(layerName)) reads itself (a cycle)")
                } else if rawLayers.dropFirst(i + 1).contains(where: { $0.objectValue?["name"]?.stringValue == inputName }) {
                    throw ProfileError(field: "\(at).inputs[\(j)]",
                                       reason: "\(DisplayText.quoted(inputName)) is defined later; layers must be in topological order (a forward reference or a cycle)")
                } else {
                    throw ProfileError(field: "\(at).inputs[\(j)]", reason: "unknown layer \(DisplayText.quoted(inputName))")
                }
            }
            let outputBytes = try Self.count(object["output_bytes"], field: "\(at).output_bytes", positive: false)
            let deviceMs = try Self.duration(object["device_ms"], field: "\(at).device_ms")
            let edgeMs = try Self.duration(object["edge_ms"], field: "\(at).edge_ms")
            var op: OpKind?
            if let rawOp = object["op"], !rawOp.isNull {
                guard let opName = rawOp.stringValue, !opName.isEmpty else {
                    throw ProfileError(field: "\(at).op", reason: "expected an op name such as \"conv\"")
                }
                op = OpKind(name: opName)
            }
            let macs = try Self.optionalCount(object["macs"], field: "\(at).macs", quantity: .macs)
            let params = try Self.optionalCount(object["params"], field: "\(at).params", quantity: .parameters)
            totals.bytes += Double(outputBytes)
            totals.macs += Double(macs ?? 0)
            totals.params += Double(params ?? 0)
            indexByName[layerName] = i
            layers.append(ProfileLayer(name: layerName, inputs: inputs, outputBytes: outputBytes, deviceMs: deviceMs,
                                       edgeMs: edgeMs, op: op, macs: macs, params: params))
        }
        if let reason = totals.excess {
            throw ProfileError(field: "layers", reason: reason)
        }
        self.init(name: name, inputBytes: inputBytes, layers: layers)
    }

    /// The profile as JSON in the documented format (shapes are not part of the format).
    public var json: JSONValue {
        let layerValues: [JSONValue] = layers.map { layer in
            var object = JSONObject([
                ("name", .string(layer.name)),
                ("inputs", .array(layer.inputs.map { source in
                    switch source {
                    case .input: .string("input")
                    case .layer(let i): .string(layers[i].name)
                    }
                })),
                ("output_bytes", .number(Double(layer.outputBytes))),
                ("device_ms", .number(layer.deviceMs)),
                ("edge_ms", .number(layer.edgeMs)),
            ])
            if let op = layer.op { object["op"] = .string(op.name) }
            if let macs = layer.macs { object["macs"] = .number(Double(macs)) }
            if let params = layer.params { object["params"] = .number(Double(params)) }
            return .object(object)
        }
        return .object(JSONObject([
            ("format", .string(Self.formatName)),
            ("version", .number(Double(Self.formatVersion))),
            ("name", .string(name)),
            ("input", .object(JSONObject([("bytes", .number(Double(inputBytes)))]))),
            ("layers", .array(layerValues)),
        ]))
    }

    /// A whole number checked against its quantity (bytes unless told), positive where asked.
    private static func count(_ value: JSONValue?, field: String, positive: Bool,
                              quantity: Quantity = .bytes) throws(ProfileError) -> Int {
        guard let value else { throw ProfileError(field: field, reason: "missing") }
        guard let number = value.doubleValue else { throw ProfileError(field: field, reason: "expected a number") }
        var range = quantity
        if positive { range.lowest = max(range.lowest, 1) }
        do {
            return Int(try range.check(number))
        } catch {
            throw ProfileError(field: field, reason: error.description)
        }
    }

    private static func optionalCount(_ value: JSONValue?, field: String, quantity: Quantity) throws(ProfileError) -> Int? {
        guard let value, !value.isNull else { return nil }
        return try count(value, field: field, positive: false, quantity: quantity)
    }

    private static func duration(_ value: JSONValue?, field: String) throws(ProfileError) -> Double {
        guard let value else { throw ProfileError(field: field, reason: "missing") }
        guard let number = value.doubleValue else { throw ProfileError(field: field, reason: "expected a number of milliseconds") }
        do {
            return try Quantity.milliseconds.check(number)
        } catch {
            throw ProfileError(field: field, reason: error.description)
        }
    }
}

/// Sums of a model's tensor bytes, MACs and parameters, checked against their quantities so that
/// every count derived from them (bytes at a cut, device memory, a batch's MACs) fits an `Int`.
struct SizeTotals {
    var bytes = 0.0
    var macs = 0.0
    var params = 0.0

    /// Why the totals are too large, or nil when they fit.
    var excess: String? {
        let checks: [(String, Double, Quantity)] = [
            ("the model's tensors (the input and every layer's output)", bytes, .modelBytes),
            ("the model's MACs", macs, .macs),
            ("the model's parameters", params, .parameters),
        ]
        for (what, total, quantity) in checks where total > quantity.highest {
            return "\(what) add up to \(Quantity.formatValue(total)), more than the \(Quantity.formatValue(quantity.highest)) splitscope can count"
        }
        return nil
    }
}
