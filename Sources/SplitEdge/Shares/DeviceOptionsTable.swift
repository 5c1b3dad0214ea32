import SplitAllocation
import SplitJSON
import SplitModels

/// A device's options as it sends them to the edge: per model version × split, the accuracy, the
/// device ms it measured, the bytes it would send and the MACs the edge would run.
///
/// On the wire (request parameter `options`) it is a compact JSON array, one object per option:
///
///     [{"version":"fashion-edge","accuracy_pct":90.21,"split":0,"device_ms":0,"bytes":3136,"edge_macs":3600000},…]
///
/// `accuracy_pct` may be left out by a device that does not know a version's accuracy (one model
/// of unknown accuracy): the version is then listed in ``unstatedAccuracy``, never taken as 0 %
/// (see ``allocatorOptions``). Every number goes through its quantity's range; the first bad
/// field is named with the option's index.
public struct DeviceOptionsTable: Hashable, Sendable {
    /// The options, in the order sent (a version of unstated accuracy holds 0 here, a placeholder).
    public var options: [AllocationOption]
    /// The versions whose accuracy the device did not state.
    public var unstatedAccuracy: Set<String>

    public init(options: [AllocationOption], unstatedAccuracy: Set<String> = []) {
        self.options = options
        self.unstatedAccuracy = unstatedAccuracy
    }

    /// Whether the device stated the accuracy of any of its versions.
    public var statesAccuracy: Bool {
        options.contains { !unstatedAccuracy.contains($0.version) }
    }

    /// The options as the edge's allocator weighs them. A version of unstated accuracy is assumed
    /// no better than the least accurate version the device did state (not 0 %, which would rule
    /// it out for any task that values accuracy); when the device stated none, every option has
    /// the same placeholder, which changes none of its choices (the device's utility, whose
    /// accuracy term is then unknown, is not reported).
    public var allocatorOptions: [AllocationOption] {
        guard !unstatedAccuracy.isEmpty else { return options }
        let stated = options.filter { !unstatedAccuracy.contains($0.version) }.map(\.accuracyPercent)
        let assumed = stated.min() ?? 0
        return options.map { option in
            guard unstatedAccuracy.contains(option.version) else { return option }
            var resolved = option
            resolved.accuracyPercent = assumed
            return resolved
        }
    }

    /// The most options a table may hold (a bound on what one request can make the edge keep).
    public static let maxOptions = 4_096

    /// The table as the `options` parameter carries it.
    public func encoded() -> String {
        JSONValue.array(options.map { option in
            .object(JSONObject([("version", .string(option.version))]
                + (unstatedAccuracy.contains(option.version) ? [] : [("accuracy_pct", .number(option.accuracyPercent))]) + [
                ("split", .number(Double(option.split))),
                ("device_ms", .number((option.deviceMs * 1000).rounded() / 1000)),
                ("bytes", .number(option.transferBytes)),
                ("edge_macs", .number(option.edgeMacs)),
            ]))
        }).serialized()
    }

    /// Reads an `options` parameter; throws a message naming the option and the field.
    public init(parsing text: String) throws(DeviceReportError) {
        let value: JSONValue
        do {
            value = try JSONValue.parse(text)
        } catch {
            throw DeviceReportError("\(EdgeParameter.options): not JSON: \(error)")
        }
        guard let rows = value.arrayValue else {
            throw DeviceReportError("\(EdgeParameter.options): expected an array of options")
        }
        guard !rows.isEmpty else { throw DeviceReportError("\(EdgeParameter.options): no options") }
        guard rows.count <= Self.maxOptions else {
            throw DeviceReportError("\(EdgeParameter.options): \(rows.count) options, at most \(Self.maxOptions)")
        }
        var options: [AllocationOption] = []
        var unstated: [Int] = []
        for (index, row) in rows.enumerated() {
            let at = "\(EdgeParameter.options)[\(index)]"
            guard let object = row.objectValue else { throw DeviceReportError("\(at): expected an object") }
            func number(_ key: String, _ quantity: Quantity, required: Bool = true) throws(DeviceReportError) -> Double {
                guard let field = object[key] else {
                    if required { throw DeviceReportError("\(at).\(key): missing") }
                    return 0
                }
                guard let number = field.doubleValue else { throw DeviceReportError("\(at).\(key): expected a number") }
                do {
                    return try quantity.check(number)
                } catch {
                    throw DeviceReportError("\(at).\(key): \(error)")
                }
            }
            guard let version = object["version"]?.stringValue, !version.isEmpty else {
                throw DeviceReportError("\(at).version: expected a non-empty string")
            }
            guard ModelVersion.isValidName(version) else {
                throw DeviceReportError("\(at).version: \(DisplayText.quoted(version)) is not a version name "
                    + "(up to \(ModelVersion.maxNameLength) letters, digits, -, _ and .)")
            }
            let split = try number("split", .layerCount)
            if object["accuracy_pct"] == nil { unstated.append(index) }
            options.append(AllocationOption(
                version: version, accuracyPercent: try number("accuracy_pct", .accuracyPercent, required: false),
                split: Int(split), deviceMs: try number("device_ms", .milliseconds),
                transferBytes: try number("bytes", .modelBytes), edgeMacs: try number("edge_macs", .macs)))
        }
        // An option without an accuracy takes the one another option of its version states.
        var stated: [String: Double] = [:]
        for (index, option) in options.enumerated() where !unstated.contains(index) {
            stated[option.version] = stated[option.version] ?? option.accuracyPercent
        }
        var unknown: Set<String> = []
        for index in unstated {
            if let accuracy = stated[options[index].version] {
                options[index].accuracyPercent = accuracy
            } else {
                unknown.insert(options[index].version)
            }
        }
        self.options = options
        unstatedAccuracy = unknown
    }
}

/// What a device said that the edge cannot use; the message names the parameter and field.
public struct DeviceReportError: Error, Hashable, Sendable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
