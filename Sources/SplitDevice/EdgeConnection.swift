import Foundation
import GRPCCore
import GRPCNIOTransportHTTP2Posix
import SplitEdge
import SplitOIP

/// The device's connection to an edge that speaks the Open Inference Protocol (gRPC).
///
/// One HTTP/2 connection, kept by grpc-swift's client: when the edge goes away, its transport
/// reconnects with exponential backoff (``reconnectBackoff``); calls made meanwhile fail at once
/// (they never wait for the connection), so the device never waits on a dead edge longer than a
/// call's deadline. Start it with ``run()`` in a task of its own and stop it with ``close()``.
///
/// ```swift
/// let edge = try EdgeConnection(host: "127.0.0.1", port: 8001)
/// let running = Task { await edge.run() }
/// let answer = try await edge.infer(model: "mobilenetv2", tensors: sent, frameID: 7, partition: "split:58",
///                                   expecting: expected, timeoutMs: 500)
/// edge.close()
/// ```
public final class EdgeConnection: Sendable {
    /// How the transport retries a lost connection: 50 ms, then ×1.6 up to 1 s, ±20 %.
    public static let reconnectBackoff = HTTP2ClientTransport.Config.Backoff(
        initial: .milliseconds(50), max: .seconds(1), multiplier: 1.6, jitter: 0.2)

    public let host: String
    public let port: Int
    private let client: GRPCClient<HTTP2ClientTransport.Posix>

    public init(host: String, port: Int) throws {
        self.host = host
        self.port = port
        let transport = try HTTP2ClientTransport.Posix(
            target: .ipv4(address: host, port: port), transportSecurity: .plaintext,
            config: .defaults {
                $0.backoff = Self.reconnectBackoff
                $0.connection.maxIdleTime = .seconds(24 * 3600)
                // Tensors travel with the edge's frame size, window and flushes (bench live measures them).
                HTTP2FlowControl.tensors.apply(to: &$0)
            })
        client = GRPCClient(transport: transport)
    }

    /// Keeps the connection until ``close()``.
    public func run() async {
        try? await client.runConnections()
    }

    /// Stops the connection (calls in flight finish or fail).
    public func close() {
        client.beginGracefulShutdown()
    }

    private var stub: Inference_GRPCInferenceService.Client<HTTP2ClientTransport.Posix> {
        Inference_GRPCInferenceService.Client(wrapping: client)
    }

    private static func options(timeoutMs: Double) -> CallOptions {
        var options = CallOptions.defaults
        options.timeout = .milliseconds(Int64(max(1, timeoutMs.rounded(.up))))
        options.waitForReady = false
        return options
    }

    /// The model's metadata (its input and output tensors); the deadline is generous, as this is
    /// the first call on a new connection and a loaded machine may take seconds to set it up.
    public func metadata(model: String, timeoutMs: Double = 10_000) async throws -> Inference_ModelMetadataResponse {
        var request = Inference_ModelMetadataRequest()
        request.name = model
        return try await stub.modelMetadata(request, options: Self.options(timeoutMs: timeoutMs))
    }

    /// Whether the edge answers that it is ready, within the deadline (false when it does not answer).
    public func ready(timeoutMs: Double) async -> Bool {
        do {
            return try await stub.serverReady(Inference_ServerReadyRequest(), options: Self.options(timeoutMs: timeoutMs)).ready
        } catch {
            return false
        }
    }

    /// Sends one tensor of the model and asks for it back (the edge computes nothing): a probe of
    /// the link that carries real bytes both ways. True when the same tensor came back in time.
    public func echo(model: String, tensor: OIPTensor, timeoutMs: Double) async -> Bool {
        await echo(model: model, tensor: tensor, parameters: [:], timeoutMs: timeoutMs).answered
    }

    /// A probe that also carries `parameters` (a device's share report), returning with whether it
    /// came back what the edge said of the device's share.
    public func echo(model: String, tensor: OIPTensor, parameters: [String: Inference_InferParameter],
                     timeoutMs: Double) async -> (answered: Bool, share: EdgeShareReply?) {
        var request = Inference_ModelInferRequest()
        request.modelName = model
        request.id = "probe"
        request.inputs = [tensor.inputTensor]
        request.rawInputContents = [tensor.raw]
        var output = Inference_ModelInferRequest.InferRequestedOutputTensor()
        output.name = tensor.name
        request.outputs = [output]
        for (key, value) in parameters { request.parameters[key] = value }
        do {
            let response = try await stub.modelInfer(request, options: Self.options(timeoutMs: timeoutMs))
            let answer = try EdgeAnswer(response, expecting: OIPTensorSpec(name: tensor.name, datatype: tensor.datatype,
                                                                           shape: tensor.shape))
            return (answer.output.raw.count == tensor.raw.count, answer.share)
        } catch {
            return (false, nil)
        }
    }

    /// Sends `tensors` (named as the model names them) and returns the edge's answer, after checking
    /// that it holds exactly the expected output with the expected shape; anything else throws.
    /// With `requestOutput` the request names the output it wants (a foreign server's model may
    /// return several by default); without, the edge returns the model's output.
    /// `parameters` go with the request besides the frame id and partition (a device's share report).
    public func infer(model: String, tensors: [OIPTensor], frameID: Int, partition: String, expecting expected: OIPTensorSpec,
                      requestOutput: Bool = false, parameters: [String: Inference_InferParameter] = [:],
                      timeoutMs: Double) async throws -> EdgeAnswer {
        var request = Inference_ModelInferRequest()
        request.modelName = model
        request.id = "frame-\(frameID)"
        request.inputs = tensors.map(\.inputTensor)
        request.rawInputContents = tensors.map(\.raw)
        if requestOutput {
            var output = Inference_ModelInferRequest.InferRequestedOutputTensor()
            output.name = expected.name
            request.outputs = [output]
        }
        request.parameters[EdgeParameter.frameID] = .int64(Int64(frameID))
        request.parameters[EdgeParameter.partition] = .string(partition)
        for (key, value) in parameters { request.parameters[key] = value }
        let response = try await stub.modelInfer(request, options: Self.options(timeoutMs: timeoutMs))
        return try EdgeAnswer(response, expecting: expected)
    }
}

/// The name, datatype and shape the device expects of the edge's answer.
public struct OIPTensorSpec: Hashable, Sendable {
    public var name: String
    public var datatype: OIPDatatype
    public var shape: [Int]

    public init(name: String, datatype: OIPDatatype = .fp32, shape: [Int]) {
        self.name = name
        self.datatype = datatype
        self.shape = shape
    }
}

/// An edge's answer to one frame: the output tensor and what the edge said about its work.
public struct EdgeAnswer: Sendable {
    public var output: OIPTensor
    /// Milliseconds the edge computed the request.
    public var computeMs: Double
    /// Milliseconds the request waited in the edge's queue.
    public var queueMs: Double
    /// Requests still waiting at the edge when it finished.
    public var queueLength: Int
    /// Whether the answer reported the edge's compute time (splitscope's edge does; a foreign
    /// OIP server does not, and then the three figures above are 0 and mean nothing).
    public var reportsLoad: Bool
    /// What the edge said about this device's share of it, if anything.
    public var share: EdgeShareReply?

    /// Reads a response, refusing one that does not hold exactly the expected tensor.
    public init(_ response: Inference_ModelInferResponse, expecting expected: OIPTensorSpec) throws(EdgeAnswerError) {
        let outputs: [OIPTensor]
        do {
            outputs = try OIPTensor.outputs(of: response)
        } catch {
            throw EdgeAnswerError("unreadable answer: \(error)")
        }
        guard outputs.count == 1, let output = outputs.first else {
            throw EdgeAnswerError("answer holds \(outputs.count) tensors, expected 1 (\(expected.name))")
        }
        guard output.name == expected.name, output.datatype == expected.datatype, output.shape == expected.shape else {
            throw EdgeAnswerError("answer \(output.name) \(output.datatype.rawValue) \(output.shape), expected "
                + "\(expected.name) \(expected.datatype.rawValue) \(expected.shape)")
        }
        if output.datatype == .fp32, !Self.allFinite(output.raw) {
            throw EdgeAnswerError("answer \(output.name) holds non-finite numbers")
        }
        self.output = output
        func number(_ key: String) -> Double {
            guard let value = response.parameters[key]?.number, value.isFinite, value >= 0 else { return 0 }
            return value
        }
        reportsLoad = response.parameters[EdgeParameter.computeMilliseconds] != nil
        computeMs = number(EdgeParameter.computeMilliseconds)
        queueMs = number(EdgeParameter.queueMilliseconds)
        queueLength = Int(min(number(EdgeParameter.queueLength), 1e6))
        share = EdgeShareReply(response.parameters)
    }

    /// Whether every float32 in `raw` (little-endian, as OIP sends them) is finite, read in place:
    /// the answer's bytes are not copied into a `[Float]` to be checked.
    static func allFinite(_ raw: Data) -> Bool {
        raw.withUnsafeBytes { bytes in
            let count = bytes.count / 4
            for index in 0..<count {
                let bits = UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: 4 * index, as: UInt32.self))
                // Exponent all ones: infinity or NaN.
                if bits & 0x7F80_0000 == 0x7F80_0000 { return false }
            }
            return true
        }
    }
}

/// The edge answered something that is not a result for the frame.
public struct EdgeAnswerError: Error, Hashable, Sendable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
