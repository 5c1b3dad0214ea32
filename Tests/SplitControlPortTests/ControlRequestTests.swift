import SplitControl
import SplitControlPort
import SplitCost
import SplitModels
import SplitPlanners
import Testing

@Suite("Control requests")
struct ControlRequestTests {
    func parse(_ text: String, _ profile: ModelProfile) throws -> ControlRequest {
        try ControlRequest(parsing: Array(text.utf8), profile: profile)
    }

    func error(_ text: String, _ profile: ModelProfile) throws -> String {
        do {
            _ = try ControlRequest(parsing: Array(text.utf8), profile: profile)
            return "accepted"
        } catch {
            return error.message
        }
    }

    @Test func everyCommandReadsAsItsOperatorMessage() throws {
        let profile = try resnet18()
        let n = profile.layerCount
        #expect(try parse(#"{"cmd":"pin","split":7}"#, profile) == .operatorMessage(.command(.pin(.prefix(7, layerCount: n)))))
        let names = [profile.layers[0].name, profile.layers[2].name]
        let dag = try parse(#"{"cmd":"pin","device_layers":["\#(names[0])","\#(names[1])"]}"#, profile)
        #expect(dag == .operatorMessage(.command(.pin(Partition(onDevice: profile.layers.indices.map { $0 == 0 || $0 == 2 })))))
        #expect(try parse(#"{"cmd":"unpin"}"#, profile) == .operatorMessage(.command(.unpin)))
        for kind in ConstraintKind.allCases {
            #expect(try parse(#"{"cmd":"set","constraint":"\#(kind.sessionField)","value":3}"#, profile)
                == .operatorMessage(.command(.setConstraint(kind, 3))))
            #expect(try parse(#"{"cmd":"set","constraint":"\#(kind.sessionField)","value":null}"#, profile)
                == .operatorMessage(.command(.setConstraint(kind, nil))))
        }
        #expect(try parse(#"{"cmd":"policy","name":"dsc"}"#, profile) == .operatorMessage(.command(.setPolicy(.dsc))))
        #expect(try parse(#"{"cmd":"policy","name":"static:4"}"#, profile) == .operatorMessage(.command(.setPolicy(.staticSplit(4)))))
        #expect(try parse(#"{"cmd":"note","text":"look here"}"#, profile) == .operatorMessage(.note("look here")))
        #expect(try parse(#"{"cmd":"auth","token":"s3cret"}"#, profile) == .auth(token: "s3cret"))
        #expect(try parse(#"{"cmd":"subscribe"}"#, profile) == .subscribe)
    }

    @Test func everyRequestRoundTripsThroughItsLine() throws {
        let profile = try resnet18()
        let n = profile.layerCount
        let requests: [ControlRequest] = [
            .auth(token: "t"), .subscribe, .operatorMessage(.note("a \"quoted\"\nline")),
            .operatorMessage(.command(.pin(.prefix(3, layerCount: n)))),
            .operatorMessage(.command(.pin(Partition(onDevice: profile.layers.indices.map { $0 == 0 || $0 == 2 })))),
            .operatorMessage(.command(.unpin)), .operatorMessage(.command(.setPolicy(.gads))),
        ] + ConstraintKind.allCases.flatMap { [ControlRequest.operatorMessage(.command(.setConstraint($0, 2))),
                                               .operatorMessage(.command(.setConstraint($0, nil)))] }
        for request in requests {
            let line = request.line(profile: profile)
            #expect(line.last == UInt8(ascii: "\n"))
            #expect(line.dropLast().contains(UInt8(ascii: "\n")) == false, "one request is one line")
            #expect(try ControlRequest(parsing: Array(line.dropLast()), profile: profile) == request)
        }
    }

    @Test func outOfRangeValuesAreRefusedInTheCatalogueWords() throws {
        let profile = try resnet18()
        let n = profile.layerCount
        #expect(try error(#"{"cmd":"pin","split":\#(n + 1)}"#, profile).contains("split must be a whole number from 0 to \(n)"))
        #expect(try error(#"{"cmd":"pin","split":2.5}"#, profile).contains("whole number"))
        #expect(try error(#"{"cmd":"pin","split":-1}"#, profile).contains("split"))
        #expect(try error(#"{"cmd":"pin","device_layers":["nope"]}"#, profile).contains("\"nope\" is not a layer"))
        #expect(try error(#"{"cmd":"pin"}"#, profile).contains("needs \"split\""))
        for kind in ConstraintKind.allCases {
            let quantity = kind.quantity(layerCount: n)
            let message = try error(#"{"cmd":"set","constraint":"\#(kind.sessionField)","value":\#(quantity.highest * 10 + 1)}"#, profile)
            #expect(message.contains(quantity.name), "\(kind): \(message)")
            #expect(try error(#"{"cmd":"set","constraint":"\#(kind.sessionField)","value":-1e-3}"#, profile) != "accepted")
        }
        #expect(try error(#"{"cmd":"set","constraint":"slo_ms","value":"fast"}"#, profile).contains("must be a number or null"))
        #expect(try error(#"{"cmd":"set","constraint":"speed","value":1}"#, profile).contains("unknown constraint \"speed\""))
        #expect(try error(#"{"cmd":"set","constraint":"slo_ms"}"#, profile).contains("\"value\" is missing"))
        #expect(try error(#"{"cmd":"policy","name":"best"}"#, profile).contains("unknown policy \"best\""))
        #expect(try error(#"{"cmd":"policy","name":"static:\#(n + 1)"}"#, profile).contains("split"))
    }

    @Test func malformedAndUnknownLinesAreRefused() throws {
        let profile = try resnet18()
        #expect(try error("{bad", profile).hasPrefix("malformed JSON"))
        #expect(try error("", profile).hasPrefix("malformed JSON"))
        #expect(try error("[1,2]", profile).contains("expected a JSON object"))
        #expect(try error(#"{"split":3}"#, profile).contains("missing \"cmd\""))
        #expect(try error(#"{"cmd":3}"#, profile).contains("\"cmd\" must be a string"))
        #expect(try error(#"{"cmd":"reboot"}"#, profile).contains("unknown command \"reboot\""))
        #expect(try error(#"{"cmd":"note"}"#, profile).contains("\"text\" must be a string"))
        #expect(try error(#"{"cmd":"auth"}"#, profile).contains("\"token\" must be a string"))
    }

    @Test func addressesParseAndKnowLoopback() throws {
        #expect(try ControlAddress(parsing: "127.0.0.1:7070") == ControlAddress(host: "127.0.0.1", port: 7070))
        #expect(try ControlAddress(parsing: "[::1]:80") == ControlAddress(host: "::1", port: 80))
        #expect(try ControlAddress(parsing: "localhost:1").isLoopback)
        #expect(try ControlAddress(parsing: "127.1.2.3:1").isLoopback)
        #expect(try !ControlAddress(parsing: "0.0.0.0:1").isLoopback)
        #expect(try !ControlAddress(parsing: "127.example.com:1").isLoopback)
        #expect(throws: ControlRequestError.self) { try ControlAddress(parsing: "127.0.0.1") }
        #expect(throws: ControlRequestError.self) { try ControlAddress(parsing: "127.0.0.1:70000") }
        #expect(throws: ControlRequestError.self) { try ControlAddress(parsing: ":7070") }
        // A port is decimal digits: not hex, an exponent, a sign or a fraction.
        for text in ["127.0.0.1:0x1F90", "127.0.0.1:8e3", "127.0.0.1:+80", "127.0.0.1:80.0", "127.0.0.1: 80"] {
            #expect(throws: ControlRequestError.self, "\(text)") { try ControlAddress(parsing: text) }
        }
    }
}

/// The accuracy floor through the control port: set, cleared, and refused out of range.
@Suite("Control requests: the accuracy floor")
struct AccuracyFloorControlTests {
    @Test func setAndClearTheFloor() throws {
        let profile = try resnet18()
        let set = try ControlRequest(parsing: Array(#"{"cmd":"set","constraint":"accuracy_floor_pct","value":89.5}"#.utf8), profile: profile)
        #expect(set == .operatorMessage(.command(.setConstraint(.accuracyFloor, 89.5))))
        let clear = try ControlRequest(parsing: Array(#"{"cmd":"set","constraint":"accuracy_floor_pct","value":null}"#.utf8), profile: profile)
        #expect(clear == .operatorMessage(.command(.setConstraint(.accuracyFloor, nil))))
        do {
            _ = try ControlRequest(parsing: Array(#"{"cmd":"set","constraint":"accuracy_floor_pct","value":100.01}"#.utf8), profile: profile)
            Issue.record("a floor above 100 % was accepted")
        } catch {
            #expect(error.message.contains("accuracy must be from 0 to 100 %"), "\(error.message)")
        }
    }
}
