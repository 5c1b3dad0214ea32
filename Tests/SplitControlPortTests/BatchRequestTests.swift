import SplitControl
import SplitControlPort
import SplitModels
import Testing

@Suite("Control requests: batch")
struct BatchRequestTests {
    func error(_ text: String, _ profile: ModelProfile) -> String {
        do {
            _ = try ControlRequest(parsing: Array(text.utf8), profile: profile)
            return "accepted"
        } catch {
            return error.message
        }
    }

    @Test func aWholeBatchSizeReadsAsSetBatch() throws {
        let profile = try resnet18()
        #expect(try ControlRequest(parsing: Array(#"{"cmd":"batch","n":4}"#.utf8), profile: profile)
            == .operatorMessage(.command(.setBatch(4))))
        #expect(try ControlRequest(parsing: Array(#"{"cmd":"batch","n":1}"#.utf8), profile: profile)
            == .operatorMessage(.command(.setBatch(1))))
        let highest = Int(Quantity.batch.highest)
        #expect(try ControlRequest(parsing: Array(#"{"cmd":"batch","n":\#(highest)}"#.utf8), profile: profile)
            == .operatorMessage(.command(.setBatch(highest))))
    }

    @Test func itRoundTripsThroughItsLine() throws {
        let profile = try resnet18()
        let request = ControlRequest.operatorMessage(.command(.setBatch(8)))
        let line = request.line(profile: profile)
        #expect(String(decoding: line, as: UTF8.self) == #"{"cmd":"batch","n":8}"# + "\n")
        #expect(try ControlRequest(parsing: Array(line.dropLast()), profile: profile) == request)
    }

    @Test func outOfRangeNonIntegerAndMissingSizesAreRefused() throws {
        let profile = try resnet18()
        let range = "from 1 to \(Int(Quantity.batch.highest))"
        for bad in ["0", "-2", "\(Int(Quantity.batch.highest) + 1)", "1e300"] {
            let message = error(#"{"cmd":"batch","n":\#(bad)}"#, profile)
            #expect(message.hasPrefix("batch: batch size"), "\(bad): \(message)")
            #expect(message.contains(range), "\(bad): \(message)")
        }
        #expect(error(#"{"cmd":"batch","n":2.5}"#, profile).contains("whole number"))
        #expect(error(#"{"cmd":"batch","n":"4"}"#, profile) == #"batch: "n" must be a number"#)
        #expect(error(#"{"cmd":"batch","n":null}"#, profile) == #"batch: "n" must be a number"#)
        #expect(error(#"{"cmd":"batch"}"#, profile).hasPrefix(#"batch: "n" is missing"#))
        #expect(error(#"{"cmd":"reboot"}"#, profile).contains("batch"), "the unknown-command reply lists batch")
    }
}

@Suite("Control port: batch over the socket")
struct BatchPortTests {
    @Test func theClientSendsItAndThePortQueuesItOrRefusesIt() throws {
        let profile = try resnet18()
        let port = try RunningPort(profile: profile)
        defer { port.server.close() }
        let client = try port.client()
        #expect(client.request(.operatorMessage(.command(.setBatch(4))), profile: profile) == #"{"ok":true}"#)
        let refused = client.request(#"{"cmd":"batch","n":0}"#)
        #expect(refused?.hasPrefix(#"{"ok":false,"error":"batch: batch size"#) == true, "\(refused ?? "")")
        #expect(client.request(#"{"cmd":"batch","n":2}"#) == #"{"ok":true}"#, "the connection goes on")
        #expect(port.operators.drain() == [.command(.setBatch(4)), .command(.setBatch(2))])
    }
}
