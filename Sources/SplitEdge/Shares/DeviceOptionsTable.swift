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
/// `accuracy_pct` may be left out by a device that runs one model of unknown accuracy (it is then
/// 0 for every option, which changes no choice: all its options have it). Every number goes
/// through its quantity's range; the first bad field is named with the option's index.
public struct DeviceOptionsTable: Hashable, Sendable {
    /// The options, in the order sent.
    public var options: [AllocationOption]

    public init(options: [AllocationOption]) {
        self.options = options
    }

    /// The most options a table may hold (a bound on what one request can make the edge keep).
    public static let maxOptions = 4_096

    /// The table as the `options` parameter carries it.
    public func encoded() -> String {
        JSONValue.array(options.map { option in
            .object(JSONObject([
                ("version", .string(option.version)),
                ("accuracy_pct", .number(option.accuracyPercent)),
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
            options.append(AllocationOption(
                version: version, accuracyPercent: try number("accuracy_pct", .accuracyPercent, required: false),
                split: Int(split), deviceMs: try number("device_ms", .milliseconds),
                transferBytes: try number("bytes", .modelBytes), edgeMacs: try number("edge_macs", .macs)))
        }
        self.options = options
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
