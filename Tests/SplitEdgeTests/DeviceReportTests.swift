import SplitAllocation
import SplitModels
import SplitOIP
import SplitTestSupport
import Testing
@testable import SplitEdge

/// What a device says about itself in a request's parameters, and every way it can be wrong.
@Suite("DeviceReport")
struct DeviceReportTests {
    @Test("a report and its table survive the trip through request parameters")
    func roundTrip() throws {
        var report = EdgeShareBookTests.report("cam-1", weight: 0.9, generation: 4)
        report.knownAllocation = 7
        let read = try #require(try DeviceReport.read(report.parameters(withOptions: true)))
        #expect(read == report)
        let withoutTable = try #require(try DeviceReport.read(report.parameters(withOptions: false)))
        #expect(withoutTable.options == nil && withoutTable.optionsGeneration == 4 && withoutTable.knownAllocation == 7)
    }

    @Test("a request that names no device is a plain client's: no report")
    func plainClient() throws {
        #expect(try DeviceReport.read([EdgeParameter.frameID: .int64(3)]) == nil)
    }

    @Test("defaults for what a device leaves out")
    func defaults() throws {
        let read = try #require(try DeviceReport.read([EdgeParameter.deviceID: .string("x")]))
        #expect(read.taskWeight == DeviceReport.defaultTaskWeight && read.sloMs == DeviceReport.defaultSLOMs)
        #expect(read.rttMs == 0 && read.optionsGeneration == 0 && read.options == nil)
    }

    @Test("bad scalar fields are refused, naming the parameter", arguments: [
        (EdgeParameter.taskWeight, Inference_InferParameter.double(1.5), "task_weight"),
        (EdgeParameter.taskWeight, .string("high"), "task_weight: expected a number"),
        (EdgeParameter.sloMilliseconds, .double(-1), "slo_ms"),
        (EdgeParameter.rttMilliseconds, .double(.nan), "rtt_ms"),
        (EdgeParameter.bandwidthMbps, .double(-3), "bandwidth_mbps"),
        (EdgeParameter.optionsGeneration, .double(1.5), "options_generation"),
        (EdgeParameter.deviceID, .string(""), "device_id"),
    ])
    func badFields(key: String, value: Inference_InferParameter, expected: String) {
        var parameters: [String: Inference_InferParameter] = [EdgeParameter.deviceID: .string("cam")]
        parameters[key] = value
        #expect {
            _ = try DeviceReport.read(parameters)
        } throws: { error in
            "\(error)".hasPrefix(expected)
        }
    }

    @Test("the edge refuses a device id by the one rule (DeviceID), quoting it safely",
          arguments: ["", String(repeating: "c", count: DeviceID.maxLength + 1), "cam\u{1B}[2J", "a\nb", "   ",
                      String(repeating: "\u{1B}", count: 10_000)].map(HostileText.init))
    fileprivate func refusedID(hostile: HostileText) throws {
        let id = hostile.text
        #expect {
            _ = try DeviceReport.read([EdgeParameter.deviceID: .string(id)])
        } throws: { error in
            let text = "\(error)"
            return text == "\(EdgeParameter.deviceID): \(DeviceID.problem(id) ?? "")"
                && !text.unicodeScalars.contains("\u{1B}") && !text.contains("\n") && text.count < 200
        }
    }

    @Test("the edge takes any id the rule allows", arguments: ["c", String(repeating: "c", count: DeviceID.maxLength), "cam 1", "カメラ"])
    func acceptedID(id: String) throws {
        #expect(try DeviceReport.read([EdgeParameter.deviceID: .string(id)])?.deviceID == id)
    }

    @Test("a malformed table spoils only itself: the report stands with the table's error", arguments: [
        ("{", "options: not JSON"),
        ("{}", "options: expected an array"),
        ("[]", "options: no options"),
        ("[3]", "options[0]: expected an object"),
        (#"[{"split":0,"device_ms":0,"bytes":0,"edge_macs":0}]"#, "options[0].version"),
        (#"[{"version":"v","device_ms":0,"bytes":0,"edge_macs":0}]"#, "options[0].split: missing"),
        (#"[{"version":"v","split":1.5,"device_ms":0,"bytes":0,"edge_macs":0}]"#, "options[0].split"),
        (#"[{"version":"v","split":0,"device_ms":"slow","bytes":0,"edge_macs":0}]"#, "options[0].device_ms: expected a number"),
        (#"[{"version":"v","split":0,"device_ms":0,"bytes":-1,"edge_macs":0}]"#, "options[0].bytes"),
        (#"[{"version":"v","split":0,"device_ms":0,"bytes":0,"edge_macs":1e30}]"#, "options[0].edge_macs"),
        (#"[{"version":"v","split":0,"device_ms":0,"bytes":0,"edge_macs":0,"accuracy_pct":101}]"#, "options[0].accuracy_pct"),
    ])
    func badTables(text: String, expected: String) throws {
        let parameters: [String: Inference_InferParameter] = [EdgeParameter.deviceID: .string("cam"), EdgeParameter.options: .string(text)]
        let read = try #require(try DeviceReport.read(parameters))
        #expect(read.options == nil)
        #expect(read.optionsError?.hasPrefix(expected) == true, "\(read.optionsError ?? "nil")")
    }

    @Test("a table sent as a number rather than a string is refused the same way")
    func tableOfTheWrongKind() throws {
        let read = try #require(try DeviceReport.read([EdgeParameter.deviceID: .string("cam"), EdgeParameter.options: .int64(3)]))
        #expect(read.optionsError?.contains("string parameter") == true)
    }
}
