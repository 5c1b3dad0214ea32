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
}
