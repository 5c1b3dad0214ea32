import SplitJSON

/// The versions of one model family that a planner may choose among (a manifest,
/// `splitscope-model-versions` version 1), each with its measured accuracy.
///
/// Parsing is pure: the bytes come in, the set comes out, and every field is checked (accuracy
/// through ``Quantity/accuracyPercent``). Whether a version's file exists is checked where files
/// are opened, at the command edge.
///
/// ```json
/// {"format": "splitscope-model-versions", "version": 1, "family": "fashion-edge", "data": "fashion-mnist",
///  "versions": [
///    {"name": "full", "file": "fashion-edge.onnx", "accuracy_pct": 90.21, "compression": "none"},
///    {"name": "p50",  "file": "fashion-edge-p50.onnx", "accuracy_pct": 89.5, "compression": "channel pruning, 50 % kept"}
///  ]}
/// ```
///
/// A version names either `"file"` (ONNX, relative to the manifest's folder) or `"model"` (a zoo
/// model), not both; `compression` is optional ("none" when absent), and so is `data`. Version
/// names are words of letters, digits, `-`, `_` and `.` (not first), so that they can name files
/// (`profile --versions` writes `NAME.profile.json`).
public struct ModelVersionSet: Hashable, Sendable {
    /// The format tag every manifest carries.
    public static let formatName = "splitscope-model-versions"
    /// The manifest format version this build reads and writes.
    public static let formatVersion = 1

    /// The family's name ("fashion-edge").
    public var family: String
    /// The data set the accuracies were measured on, if given ("fashion-mnist").
    public var data: String?
    /// The versions, in the manifest's order; never empty, names unique.
    public private(set) var versions: [ModelVersion]

    /// A set of versions; fails like the parser on an empty list, a bad or repeated name, or an accuracy out of range.
    public init(family: String, data: String? = nil, versions: [ModelVersion]) throws(ModelVersionSetError) {
        guard !versions.isEmpty else {
            throw ModelVersionSetError(field: "versions", reason: "a manifest needs at least one version")
        }
        var seen: [String: Int] = [:]
        for (i, version) in versions.enumerated() {
            guard ModelVersion.isValidName(version.name) else {
                throw ModelVersionSetError(field: "versions[\(i)].name",
                                           reason: "\(DisplayText.quoted(version.name)) is not a version name: use up to \(ModelVersion.maxNameLength) letters, digits, '-', '_' and '.' ('.' not first)")
            }
            if let first = seen[version.name] {
                throw ModelVersionSetError(field: "versions[\(i)].name",
                                           reason: "duplicate version name \(DisplayText.quoted(version.name)) (also versions[\(first)])")
            }
            seen[version.name] = i
            do {
                _ = try Quantity.accuracyPercent.check(version.accuracyPercent)
            } catch {
                throw ModelVersionSetError(field: "versions[\(i)].accuracy_pct", reason: error.description)
            }
        }
        self.family = family
        self.data = data
        self.versions = versions
    }

    /// The version with that name, if any.
    public func version(named name: String) -> ModelVersion? {
        versions.first { $0.name == name }
    }

    /// The most accurate version (the first of equals, in manifest order).
    public var mostAccurate: ModelVersion {
        // `versions` is never empty (checked in init).
        versions.dropFirst().reduce(versions[0]) { $1.accuracyPercent > $0.accuracyPercent ? $1 : $0 }
    }
}

extension ModelVersionSet {
    /// Reads a manifest from its UTF-8 bytes, checking every field.
    ///
    /// Errors name the field (`versions[1].accuracy_pct`) and, for malformed JSON, the line and column.
    public init<Bytes: Collection>(bytes: Bytes) throws(ModelVersionSetError) where Bytes.Element == UInt8 {
        let value: JSONValue
        do {
            value = try JSONValue.parse(bytes: bytes)
        } catch {
            throw ModelVersionSetError(field: "", reason: "not valid JSON: \(error)")
        }
        try self.init(json: value)
    }

    /// Reads a manifest from parsed JSON, checking every field.
    public init(json: JSONValue) throws(ModelVersionSetError) {
        guard let root = json.objectValue else { throw ModelVersionSetError(field: "", reason: "expected a JSON object") }
        guard let format = root["format"]?.stringValue, format == Self.formatName else {
            throw ModelVersionSetError(field: "format", reason: "expected \"\(Self.formatName)\"")
        }
        guard let version = root["version"]?.intValue else {
            throw ModelVersionSetError(field: "version", reason: "expected an integer")
        }
        guard version == Self.formatVersion else {
            throw ModelVersionSetError(field: "version",
                                       reason: "version \(version) is not supported (this build reads \(Self.formatVersion))")
        }
        guard let family = root["family"]?.stringValue, !family.isEmpty else {
            throw ModelVersionSetError(field: "family", reason: "expected a non-empty string")
        }
        var data: String?
        if let rawData = root["data"], !rawData.isNull {
            guard let text = rawData.stringValue, !text.isEmpty else {
                throw ModelVersionSetError(field: "data", reason: "expected a data set name such as \"fashion-mnist\"")
            }
            data = text
        }
        guard let rawVersions = root["versions"]?.arrayValue else {
            throw ModelVersionSetError(field: "versions", reason: "expected an array of versions")
        }
        var versions: [ModelVersion] = []
        for (i, raw) in rawVersions.enumerated() {
            versions.append(try Self.version(raw, at: "versions[\(i)]"))
        }
        try self.init(family: family, data: data, versions: versions)
    }

    private static func version(_ raw: JSONValue, at: String) throws(ModelVersionSetError) -> ModelVersion {
        guard let object = raw.objectValue else { throw ModelVersionSetError(field: at, reason: "expected an object") }
        guard let name = object["name"]?.stringValue, !name.isEmpty else {
            throw ModelVersionSetError(field: "\(at).name", reason: "expected a non-empty string")
        }
        let file = object["file"].flatMap { $0.isNull ? nil : $0 }
        let model = object["model"].flatMap { $0.isNull ? nil : $0 }
        let source: ModelVersion.Source
        switch (file, model) {
        case (.some, .some):
            throw ModelVersionSetError(field: at, reason: "give \"file\" or \"model\", not both")
        case (nil, nil):
            throw ModelVersionSetError(field: "\(at).file", reason: "missing (give \"file\": an ONNX file, or \"model\": a zoo model)")
        case (let file?, nil):
            guard let path = file.stringValue, !path.isEmpty else {
                throw ModelVersionSetError(field: "\(at).file", reason: "expected a file name")
            }
            source = .file(path)
        case (nil, let model?):
            guard let zooName = model.stringValue, !zooName.isEmpty else {
                throw ModelVersionSetError(field: "\(at).model", reason: "expected a zoo model name")
            }
            source = .zooModel(zooName)
        }
        guard let rawAccuracy = object["accuracy_pct"], !rawAccuracy.isNull else {
            throw ModelVersionSetError(field: "\(at).accuracy_pct", reason: "missing (the version's measured accuracy, in %)")
        }
        guard let number = rawAccuracy.doubleValue else {
            throw ModelVersionSetError(field: "\(at).accuracy_pct", reason: "expected a number of percent")
        }
        let accuracy: Double
        do {
            accuracy = try Quantity.accuracyPercent.check(number)
        } catch {
            throw ModelVersionSetError(field: "\(at).accuracy_pct", reason: error.description)
        }
        var compression = "none"
        if let rawCompression = object["compression"], !rawCompression.isNull {
            guard let text = rawCompression.stringValue else {
                throw ModelVersionSetError(field: "\(at).compression", reason: "expected a description such as \"none\"")
            }
            compression = text
        }
        return ModelVersion(name: name, source: source, accuracyPercent: accuracy, compression: compression)
    }

    /// The manifest as JSON in the documented format.
    public var json: JSONValue {
        var root = JSONObject([
            ("format", .string(Self.formatName)),
            ("version", .number(Double(Self.formatVersion))),
            ("family", .string(family)),
        ])
        if let data { root["data"] = .string(data) }
        root["versions"] = .array(versions.map { version in
            var object = JSONObject([("name", .string(version.name))])
            switch version.source {
            case .file(let file): object["file"] = .string(file)
            case .zooModel(let model): object["model"] = .string(model)
            }
            object["accuracy_pct"] = .number(version.accuracyPercent)
            object["compression"] = .string(version.compression)
            return .object(object)
        })
        return .object(root)
    }
}
