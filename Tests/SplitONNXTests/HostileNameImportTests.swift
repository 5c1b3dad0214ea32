import SplitModels
import SplitTestSupport
import Testing
@testable import SplitONNX

/// Names inside an ONNX file (node names, op types, value and attribute names, domains) reach an
/// import error only through ``DisplayText``: an ESC and a 10,000-character name print escaped
/// and bounded.
@Suite("ONNX import: hostile names")
struct HostileNameImportTests {
    static let hostile = [HostileText.escape(after: "n") + "\nfake", HostileText.huge]

    /// One broken model for each place a name from the file lands in the error.
    static func models(_ name: String) -> [ModelProtoBuilder] {
        var op = ModelProtoBuilder()                                   // an unknown op type, on a named node
        op.node(name, ["input"], ["output"], name: name)
        var value = ModelProtoBuilder()                                // a value no node writes
        value.node("Relu", ["input"], ["a"])
        value.node("Relu", [name], ["output"])
        var attribute = ModelProtoBuilder()                            // an attribute splitscope does not read
        attribute.node("Relu", ["input"], ["output"], [ModelProtoBuilder.int(name, 1)])
        var domain = ModelProtoBuilder()                               // a custom domain
        domain.node("Relu", ["input"], ["output"], domain: name)
        var twice = ModelProtoBuilder()                                // a value written twice
        twice.node("Relu", ["input"], [name])
        twice.node("Relu", ["input"], [name])
        twice.node("Relu", [name], ["output"])
        return [op, value, attribute, domain, twice]
    }

    @Test("every import error prints the file's names escaped and bounded", arguments: hostile.map(HostileText.init))
    fileprivate func importErrors(hostile: HostileText) throws {
        let name = hostile.text
        for (i, model) in Self.models(name).enumerated() {
            let error = try #require(FixtureFiles.importError { () throws(ONNXImportError) in _ = try model.importModel() },
                                     "broken model \(i) imported")
            let message = error.description
            #expect(HostileText.printsSafely(message), "model \(i): \(DisplayText.quoted(message, limit: 300))")
            #expect(message.count < 800, "model \(i): \(message.count) characters")
        }
    }
}
