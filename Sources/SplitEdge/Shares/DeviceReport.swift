import SplitModels
import SplitOIP

/// What one request says about the device that sent it (see docs/edge-protocol.md, "Many
/// devices, one edge"): its id, task, link and — when it changed — its options table.
public struct DeviceReport: Hashable, Sendable {
    /// The device's stable id.
    public var deviceID: String
    /// The task's weight on accuracy, 0 (only latency counts) to 1 (only accuracy).
    public var taskWeight: Double
    /// The task's latency SLO in ms.
    public var sloMs: Double
    /// The device's round-trip time to the edge in ms.
    public var rttMs: Double
    /// The rate the device's channel gives it now, in Mbit/s (0: an outage).
    public var bandwidthMbps: Double
    /// The generation of the device's options table.
    public var optionsGeneration: Int
    /// The table itself, when this request carries it.
    public var options: DeviceOptionsTable?
    /// Why the table this request carries could not be read (the rest of the report stands).
    public var optionsError: String?
    /// The generation of the edge's allocation the device last recorded (nil: none yet).
    public var knownAllocation: Int?

    public init(deviceID: String, taskWeight: Double, sloMs: Double, rttMs: Double, bandwidthMbps: Double,
                optionsGeneration: Int, options: DeviceOptionsTable? = nil) {
        self.deviceID = deviceID
        self.taskWeight = taskWeight
        self.sloMs = sloMs
        self.rttMs = rttMs
        self.bandwidthMbps = bandwidthMbps
        self.optionsGeneration = optionsGeneration
        self.options = options
    }

    /// The SLO a device that states none is held to, in ms.
    public static let defaultSLOMs = 100.0
    /// The task weight of a device that states none.
    public static let defaultTaskWeight = 0.5

    /// The parameters a device sends (the table only when `withOptions`).
    public func parameters(withOptions: Bool) -> [String: Inference_InferParameter] {
        var parameters: [String: Inference_InferParameter] = [
            EdgeParameter.deviceID: .string(deviceID),
            EdgeParameter.taskWeight: .double(taskWeight),
            EdgeParameter.sloMilliseconds: .double(sloMs),
            EdgeParameter.rttMilliseconds: .double(rttMs),
            EdgeParameter.bandwidthMbps: .double(bandwidthMbps),
            EdgeParameter.optionsGeneration: .int64(Int64(optionsGeneration)),
        ]
        if withOptions, let options { parameters[EdgeParameter.options] = .string(options.encoded()) }
        if let knownAllocation { parameters[EdgeParameter.allocationGeneration] = .int64(Int64(knownAllocation)) }
        return parameters
    }

    /// The report in a request's parameters: nil when it names no device (a plain OIP client);
    /// throws, naming the parameter, when one is malformed. A missing weight or SLO takes its
    /// default; a missing RTT is 0 and a missing bandwidth the widest the catalogue allows.
    public static func read(_ parameters: [String: Inference_InferParameter]) throws(DeviceReportError) -> DeviceReport? {
        guard let id = parameters[EdgeParameter.deviceID] else { return nil }
        let deviceID = id.text
        if let problem = DeviceID.problem(deviceID) { throw DeviceReportError("\(EdgeParameter.deviceID): \(problem)") }
        func number(_ key: String, _ quantity: Quantity, default value: Double) throws(DeviceReportError) -> Double {
            guard let parameter = parameters[key] else { return value }
            guard let number = parameter.number else {
                throw DeviceReportError("\(key): expected a number, got \(DisplayText.quoted(parameter.text))")
            }
            do {
                return try quantity.check(number)
            } catch {
                throw DeviceReportError("\(key): \(error)")
            }
        }
        var report = DeviceReport(
            deviceID: deviceID,
            taskWeight: try number(EdgeParameter.taskWeight, .taskWeight, default: defaultTaskWeight),
            sloMs: try number(EdgeParameter.sloMilliseconds, .sloMs, default: defaultSLOMs),
            rttMs: try number(EdgeParameter.rttMilliseconds, .rttMs, default: 0),
            bandwidthMbps: 0, optionsGeneration: 0)
        if let bandwidth = parameters[EdgeParameter.bandwidthMbps], bandwidth.number == 0 {
            report.bandwidthMbps = 0
        } else {
            report.bandwidthMbps = try number(EdgeParameter.bandwidthMbps, .bandwidthMbps, default: Quantity.bandwidthMbps.highest)
        }
        report.optionsGeneration = Int(try number(EdgeParameter.optionsGeneration, .generation, default: 0))
        if parameters[EdgeParameter.allocationGeneration] != nil {
            report.knownAllocation = Int(try number(EdgeParameter.allocationGeneration, .generation, default: 0))
        }
        // A bad table spoils only itself: the device is still seen, and told what is wrong.
        if let table = parameters[EdgeParameter.options] {
            do {
                guard case .stringParam(let text) = table.parameterChoice else {
                    throw DeviceReportError("\(EdgeParameter.options): expected a string parameter holding JSON")
                }
                report.options = try DeviceOptionsTable(parsing: text)
            } catch {
                report.optionsError = "\(error)"
            }
        }
        return report
    }
}
