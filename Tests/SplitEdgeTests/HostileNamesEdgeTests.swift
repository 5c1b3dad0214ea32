import Foundation
import GRPCCore
import SplitJSON
import SplitModels
import SplitOIP
import SplitTestSupport
import Testing
@testable import SplitEdge

/// Names a client sends (model, tensors, parameter values, device id, version names) reach the
/// edge's log, its error replies and its metrics only through ``DisplayText``: over real gRPC on
/// loopback, an ESC and a 10,000-character string come out escaped and bounded.
@Suite("Hostile names at the edge, over real gRPC", .serialized)
struct HostileNamesEdgeTests {
    static let escape = HostileText.escape(after: "cam") + "\n[fake] log line"
    static let huge = HostileText.huge
    static let hostile = [escape, huge]

    /// The log lines an edge wrote.
    final class Log: @unchecked Sendable {
        private let lock = NSLock()
        private var lines: [String] = []
        func add(_ line: String) { lock.withLock { lines.append(line) } }
        var all: [String] { lock.withLock { lines } }
    }

    /// The message of the error a request got.
    static func refusal(_ client: OIPClient, _ request: Inference_ModelInferRequest) async -> String? {
        do {
            _ = try await client.modelInfer(request)
            return nil
        } catch let error as RPCError {
            return error.message
        } catch {
            return "\(error)"
        }
    }

    @Test("a made-up model or tensor name comes back escaped and bounded, and /metrics never shows it", arguments: hostile.map(HostileText.init))
    fileprivate func requestNames(hostile: HostileText) async throws {
        let name = hostile.text
        try await withEdge([EdgeSharesServerTests.model()], metrics: true) { client, _, metricsPort in
            var requests: [Inference_ModelInferRequest] = []
            requests.append(try EdgeServerTests.request(name))                      // model
            requests.append(try EdgeServerTests.request(input: name))               // input tensor
            var output = try EdgeServerTests.request()                              // requested output
            var asked = Inference_ModelInferRequest.InferRequestedOutputTensor()
            asked.name = name
            output.outputs = [asked]
            requests.append(output)
            var datatype = try EdgeServerTests.request()                            // datatype string
            datatype.inputs[0].datatype = name
            requests.append(datatype)
            var scale = try EdgeServerTests.request()                               // a quantisation parameter's value
            scale.inputs[0].datatype = "INT8"
            scale.inputs[0].parameters["scale"] = .string(name)
            requests.append(scale)
            for request in requests {
                let message = try #require(await Self.refusal(client, request), "a request naming \(DisplayText.quoted(name)) was served")
                #expect(HostileText.printsSafely(message), "\(DisplayText.quoted(message, limit: 200))")
                #expect(message.count < 600, "\(message.count) characters")
            }
            let metrics = try await httpGet(port: try #require(metricsPort), path: "/metrics")
            #expect(HostileText.printsSafely(metrics.replacingOccurrences(of: "\r\n", with: "\n"), allowing: ["\n"]))
            #expect(metrics.contains("model=\"\(InferenceService.unknownModelLabel)\""))
        }
    }

    @Test("a hostile device id, parameter value or version name reaches the edge's log escaped and bounded", arguments: hostile.map(HostileText.init))
    fileprivate func deviceParameters(hostile: HostileText) async throws {
        let name = hostile.text
        let log = Log()
        try await withEdge([EdgeSharesServerTests.model()], log: { log.add($0) }) { client, _, _ in
            var cases: [[String: Inference_InferParameter]] = []
            cases.append([EdgeParameter.deviceID: .string(name)])
            cases.append([EdgeParameter.deviceID: .string("cam-1"), EdgeParameter.taskWeight: .string(name)])
            var versioned = EdgeSharesServerTests.offloading("cam-2", weight: 0.5)
            versioned[EdgeParameter.options] = .string(#"[{"version":"# + JSONValue.string(name).serialized() + #","split":0,"device_ms":0,"bytes":1,"edge_macs":1}]"#)
            cases.append(versioned)
            for parameters in cases {
                var request = try EdgeServerTests.request()
                for (key, value) in parameters { request.parameters[key] = value }
                let answered = try await client.modelInfer(request)
                #expect(answered.outputs.count == 1, "a bad report still gets its answer")
                let error = try #require(answered.parameters[EdgeParameter.allocationError]?.text)
                #expect(HostileText.printsSafely(error), "\(DisplayText.quoted(error, limit: 200))")
            }
        }
        let lines = log.all
        for field in [EdgeParameter.deviceID, EdgeParameter.taskWeight, "options[0].version"] {
            #expect(lines.contains { $0.contains(field) }, "no log line names \(field): \(lines)")
        }
        for line in lines {
            #expect(HostileText.printsSafely(line), "\(DisplayText.quoted(line, limit: 200))")
            #expect(line.count < 400, "\(line.count) characters")
        }
    }
}
