import SplitJSON
import SplitModels
import SplitSession
import Testing

/// A cascade's header names the edge model appealed frames go to (`appeal_model`, since 1.5).
@Suite("Appeal model in the header")
struct SessionAppealModelTests {
    static func decodeHeader(_ object: JSONObject) throws -> SessionHeader? {
        guard case .event(let timed) = try SessionEventCodec.decode(.object(object)), case .session(let header) = timed.event else { return nil }
        return header
    }

    @Test(arguments: [
        SessionAppealModel(name: "fashion-edge", model: SessionFixtures.model),
        SessionAppealModel(name: "served-as-edge"),
    ])
    func roundTrips(appeal: SessionAppealModel) throws {
        var header = SessionFixtures.header
        header.appealModel = appeal
        let line = SessionFixtures.text(TimedEvent(t: 0, event: .session(header)))
        let object = try #require(try JSONValue.parse(line).objectValue)
        #expect(object["appeal_model"]?.objectValue?["name"] == .string(appeal.name))
        #expect((object["appeal_model"]?.objectValue?["model"] != nil) == (appeal.model != nil))
        #expect(try Self.decodeHeader(object) == header)
    }

    @Test func aHeaderWithoutItIsNoCascade() throws {
        let object = try #require(try JSONValue.parse(SessionFixtures.headerLine).objectValue)
        #expect(object["appeal_model"] == nil)
        #expect(try Self.decodeHeader(object)?.appealModel == nil)
    }

    @Test(arguments: [
        (JSONValue.object(JSONObject([("model", .string("x"))])), "appeal_model.name"),
        (JSONValue.object(JSONObject([("name", .string("e")), ("model", .object(JSONObject([("name", .string("e"))])))])), "appeal_model.model"),
        (JSONValue.string("fashion-edge"), "appeal_model"),
    ])
    func aBrokenOneNamesTheField(value: JSONValue, field: String) throws {
        var object = try #require(try JSONValue.parse(SessionFixtures.headerLine).objectValue)
        object["appeal_model"] = value
        do {
            _ = try SessionEventCodec.decode(.object(object))
            Issue.record("a broken appeal_model was accepted")
        } catch {
            #expect("\(error)".contains(field), "\(error)")
        }
    }
}
