import SplitJSON
import SplitModels
import SplitTestSupport
import Testing

/// Names in a versions manifest or a model profile reach an error only through ``DisplayText``:
/// an ESC and a 10,000-character name print escaped and bounded.
@Suite("Manifest and profile files: hostile names")
struct HostileNameFileTests {
    static let hostile = [HostileText.escape(after: "v") + "\nfake", HostileText.huge]

    static func check(_ message: String) {
        #expect(HostileText.printsSafely(message), "\(DisplayText.quoted(message, limit: 300))")
        #expect(message.count < 400, "\(message.count) characters")
    }

    @Test("a manifest's version names", arguments: hostile.map(HostileText.init))
    fileprivate func manifest(hostile: HostileText) throws {
        let name = hostile.text
        let json = JSONValue.string(name).serialized()
        let texts = [
            #"{"format":"splitscope-model-versions","version":1,"family":"f","versions":[{"name":"# + json + #","model":"smallcnn","accuracy_pct":90}]}"#,
        ]
        for text in texts {
            do {
                _ = try ModelVersionSet(bytes: Array(text.utf8))
                Issue.record("accepted a version named \(DisplayText.quoted(name))")
            } catch {
                Self.check("\(error)")
            }
        }
    }

    @Test("a profile's layer names", arguments: hostile.map(HostileText.init))
    fileprivate func profile(hostile: HostileText) throws {
        let name = hostile.text
        let json = JSONValue.string(name).serialized()
        let layer = #"{"name":"# + json + #","inputs":["input"],"output_bytes":4,"device_ms":1,"edge_ms":1}"#
        let texts = [
            #"{"format":"splitscope-profile","version":1,"name":"p","input":{"bytes":4},"layers":["# + layer + "," + layer + "]}",
            #"{"format":"splitscope-profile","version":1,"name":"p","input":{"bytes":4},"layers":[{"name":"a","inputs":["# + json
                + #"],"output_bytes":4,"device_ms":1,"edge_ms":1}]}"#,
        ]
        for text in texts {
            do {
                _ = try ModelProfile(jsonText: text)
                Issue.record("accepted \(DisplayText.quoted(text))")
            } catch {
                Self.check("\(error)")
            }
        }
    }
}
