import Foundation
import SplitJSON
import SplitSession
import Testing

/// The header's `devices` list of a multi-device stream (format 1.3): written, read back, and
/// each damaged field named; a header without it reads as a stream of one device.
@Suite("Header devices")
struct SessionFleetDeviceTests {
    static let members = [
        SessionFleetDevice(device: "cam-1", taskWeight: 0.95, gmacsPerSecond: 0.01, trace: "lumos5g-5g_trace_4_walking", sloMs: 100, rttMs: 10),
        SessionFleetDevice(device: "cam-2"),
    ]

    static func headerLine(_ devices: String) -> String {
        #"{"type":"session","t":0,"schema":"splitscope-session","version":"1.3","start_time":"2025-03-14T09:26:53Z","source":"simulator","devices":"# + devices + #","model":{"format":"splitscope-profile","version":1,"name":"tiny","input":{"bytes":3136},"layers":[{"name":"fc","inputs":["input"],"output_bytes":40,"device_ms":1,"edge_ms":0.1}]}}"#
    }

    @Test func devicesRoundTrip() throws {
        var header = SessionFixtures.header
        header.devices = Self.members
        let text = SessionFixtures.text(TimedEvent(t: 0, event: .session(header)))
        #expect(text.contains(#""devices":[{"device":"cam-1","task_weight":0.95,"gmacs_per_s":0.01,"trace":"lumos5g-5g_trace_4_walking","slo_ms":100,"rtt_ms":10},{"device":"cam-2"}]"#))
        guard case .event(let back) = try SessionEventCodec.decode(line: Array(text.utf8)), case .session(let read) = back.event else {
            Issue.record("the header did not decode")
            return
        }
        #expect(read.devices == Self.members)
        #expect(!SessionFixtures.headerLine.contains(#""devices""#))
    }

    @Test(arguments: [
        (#"[{"device":"a"},{"device":"a"}]"#, #"devices[1].device: device "a" is listed twice"#),
        (#"[{"device":""}]"#, "devices[0].device: expected 1 to 128 characters, got an empty id"),
        (#"[{"task_weight":0.5}]"#, "devices[0].device: missing"),
        (#"[{"device":"a","task_weight":1.5}]"#, "devices[0].task_weight: task weight must be from 0 to 1, got 1.5"),
        (#"[{"device":"a","gmacs_per_s":0}]"#, "devices[0].gmacs_per_s: compute rate must be > 0"),
        (#"[{"device":"a","slo_ms":0}]"#, "devices[0].slo_ms: latency SLO must be > 0"),
        (#"[{"device":"a","trace":5}]"#, "devices[0].trace: expected a string"),
        (#"{"device":"a"}"#, "devices: expected an array"),
    ])
    func brokenDevicesNameTheField(_ devices: String, _ message: String) throws {
        do {
            _ = try SessionEventCodec.decode(line: Array(Self.headerLine(devices).utf8))
            Issue.record("accepted \(devices)")
        } catch {
            #expect(error.description.contains(message), "\(error.description)")
        }
    }

    /// A 1.4 header with two versions (of 1 and 2 layers) and `devices` as given.
    static func versionedHeaderLine(_ devices: String) -> String {
        let fc = #"{"format":"splitscope-profile","version":1,"name":"small","input":{"bytes":3136},"layers":[{"name":"fc","inputs":["input"],"output_bytes":40,"device_ms":1,"edge_ms":0.1}]}"#
        let two = #"{"format":"splitscope-profile","version":1,"name":"big","input":{"bytes":3136},"layers":[{"name":"a","inputs":["input"],"output_bytes":400,"device_ms":2,"edge_ms":0.1},{"name":"b","inputs":["a"],"output_bytes":40,"device_ms":3,"edge_ms":0.1}]}"#
        return #"{"type":"session","t":0,"schema":"splitscope-session","version":"1.4","start_time":"2025-03-14T09:26:53Z","source":"simulator","versions":[{"name":"small","accuracy_pct":80,"model":"# + fc
            + #"},{"name":"big","accuracy_pct":90,"model":"# + two + #"}],"devices":"# + devices + #","model":"# + fc + "}"
    }

    @Test("each device's own layer times per version (1.4) are written in the versions' order and read back")
    func layerTimesRoundTrip() throws {
        let line = Self.versionedHeaderLine(#"[{"device":"cam-1"},{"device":"cam-2","gmacs_per_s":0.05,"layer_device_ms":{"big":[0.4,0.61],"small":[0.2]}}]"#)
        guard case .event(let timed) = try SessionEventCodec.decode(line: Array(line.utf8)), case .session(let header) = timed.event else {
            Issue.record("the header did not decode")
            return
        }
        #expect(header.devices[0].layerDeviceMs.isEmpty)
        #expect(header.devices[1].layerDeviceMs == ["small": [0.2], "big": [0.4, 0.61]])
        let written = SessionFixtures.text(TimedEvent(t: 0, event: .session(header)))
        #expect(written.contains(#"{"device":"cam-2","gmacs_per_s":0.05,"layer_device_ms":{"small":[0.2],"big":[0.4,0.61]}}"#), "\(written)")
        #expect(written.contains(#"{"device":"cam-1"}"#))
    }

    @Test(arguments: [
        (#"{"tiny":[1]}"#, "devices[0].layer_device_ms.tiny: names no version of the header's versions (small, big)"),
        (#"{"big":[1]}"#, #"devices[0].layer_device_ms.big: expected one time per layer of "big" (2), got 1"#),
        (#"{"big":[1,-2]}"#, "devices[0].layer_device_ms.big[1]: time must be"),
        (#"{"big":[1,"x"]}"#, "devices[0].layer_device_ms.big[1]: expected a number"),
        (#"{"big":5}"#, "devices[0].layer_device_ms.big: expected an array of times in ms"),
        (#"[1]"#, "devices[0].layer_device_ms: expected an object"),
    ])
    func brokenLayerTimesNameTheField(_ times: String, _ message: String) throws {
        let line = Self.versionedHeaderLine(#"[{"device":"a","layer_device_ms":"# + times + "}]")
        do {
            _ = try SessionEventCodec.decode(line: Array(line.utf8))
            Issue.record("accepted \(times)")
        } catch {
            #expect(error.description.contains(message), "\(error.description)")
        }
    }
}
