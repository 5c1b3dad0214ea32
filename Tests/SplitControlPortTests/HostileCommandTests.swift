import SplitJSON
import SplitModels
import SplitSession
import SplitTestSupport
import Testing
import SplitControlPort

/// Words a control-port client sends (a command's name, a constraint, a policy, a layer name)
/// come back in the port's error replies only through ``DisplayText``: over real TCP on
/// loopback, an ESC and a 10,000-character string are escaped and bounded.
@Suite("Control port: hostile names")
struct HostileCommandTests {
    static let hostile = [HostileText.escape(after: "pin") + "\nfake", HostileText.huge]

    /// One line for each place a client's word lands in an error message.
    static func lines(_ word: String) -> [String] {
        let json = JSONValue.string(word).serialized()
        return [
            #"{"cmd":"# + json + "}",
            #"{"cmd":"set","constraint":"# + json + #","value":1}"#,
            #"{"cmd":"policy","name":"# + json + "}",
            #"{"cmd":"pin","device_layers":["# + json + "]}",
        ]
    }

    @Test("each refusal names the word escaped and bounded", arguments: hostile.map(HostileText.init))
    fileprivate func refusals(hostile: HostileText) throws {
        let word = hostile.text
        let port = try RunningPort(profile: try resnet18())
        defer { port.server.close() }
        let client = try port.client()
        for line in Self.lines(word) {
            let reply = try #require(client.request(line), "no reply to \(DisplayText.quoted(line))")
            let object = try #require(try JSONValue.parse(reply).objectValue)
            #expect(object["ok"] == .bool(false))
            let error = try #require(object["error"]?.stringValue)
            #expect(HostileText.printsSafely(error), "\(DisplayText.quoted(error, limit: 200))")
            #expect(error.count < 600, "\(error.count) characters")
        }
        #expect(port.operators.drain().isEmpty, "nothing refused reaches the session")
    }

    @Test("a peer's device name the id rule refuses is not used as the dashboard's label", arguments: hostile.map(HostileText.init))
    fileprivate func fleetLabels(hostile: HostileText) throws {
        let name = hostile.text
        var header = SessionHeader(startTime: "2025-03-14T09:26:53Z", source: .live, model: try resnet18())
        header.device = SessionDeviceInfo(name: name)
        let fleet = try LiveFleet(sessions: [.init(address: "127.0.0.1:7070", header: header, eventDevice: nil),
                                             .init(address: "127.0.0.1:7071", header: header, eventDevice: nil)])
        let ids = fleet.header.devices.map(\.device)
        #expect(ids == ["127.0.0.1:7070", "127.0.0.1:7071"], "each port stands for its device under its own address")
        #expect(ids.allSatisfy { DeviceID.problem($0) == nil })
    }
}
