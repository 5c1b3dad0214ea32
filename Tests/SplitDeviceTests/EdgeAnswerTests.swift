import Foundation
import Testing
import SplitOIP
@testable import SplitDevice

/// An edge's answer is a result only when it holds exactly the tensor the device expects;
/// anything else is refused, and the device then treats the edge as lost.
@Suite("Edge answer")
struct EdgeAnswerTests {
    let spec = OIPTensorSpec(name: "fc", shape: [1, 4])

    func response(name: String = "fc", shape: [Int] = [1, 4], values: [Float] = [1, 2, 3, 4], extra: Bool = false,
                  parameters: [String: Inference_InferParameter] = [:]) throws -> Inference_ModelInferResponse {
        var response = Inference_ModelInferResponse()
        let tensor = try OIPTensor(name: name, shape: shape, floats: values)
        response.outputs = [tensor.outputTensor]
        response.rawOutputContents = [tensor.raw]
        if extra {
            response.outputs.append(tensor.outputTensor)
            response.rawOutputContents.append(tensor.raw)
        }
        response.parameters = parameters
        return response
    }

    @Test("the expected tensor is read with the edge's figures")
    func good() throws {
        let answer = try EdgeAnswer(response(parameters: ["edge_compute_ms": .double(3.5), "edge_queue_ms": .double(1),
                                                          "edge_queue_length": .int64(2)]), expecting: spec)
        #expect(answer.output.floats == [1, 2, 3, 4])
        #expect(answer.computeMs == 3.5)
        #expect(answer.queueMs == 1)
        #expect(answer.queueLength == 2)
        #expect(answer.reportsLoad)
    }

    @Test("an answer without the edge's figures (a server other than splitscope) says it reports no load")
    func foreignAnswer() throws {
        let answer = try EdgeAnswer(response(), expecting: spec)
        #expect(answer.output.floats == [1, 2, 3, 4])
        #expect(!answer.reportsLoad)
        #expect(answer.computeMs == 0)
    }

    @Test("missing or absurd figures count as 0")
    func badFigures() throws {
        let answer = try EdgeAnswer(response(parameters: ["edge_compute_ms": .double(-1), "edge_queue_ms": .double(.nan)]),
                                    expecting: spec)
        #expect(answer.computeMs == 0)
        #expect(answer.queueMs == 0)
        #expect(answer.queueLength == 0)
    }

    @Test("a wrong name, shape, count or non-finite values are refused")
    func refused() throws {
        let bad = [
            try response(name: "softmax"),
            try response(shape: [2, 2]),
            try response(shape: [1, 2], values: [1, 2]),
            try response(extra: true),
            try response(values: [1, .nan, 3, 4]),
            Inference_ModelInferResponse(),
        ]
        for response in bad {
            #expect(throws: EdgeAnswerError.self) { try EdgeAnswer(response, expecting: spec) }
        }
    }

    @Test("the finiteness check reads the bytes in place: every infinity and NaN is caught, every finite number passes")
    func finitenessInPlace() {
        func bytes(_ values: [Float]) -> Data { values.withUnsafeBufferPointer { Data(buffer: $0) } }
        let finite: [Float] = [0, -0, 1, -1, .greatestFiniteMagnitude, -.greatestFiniteMagnitude, .leastNonzeroMagnitude,
                               .leastNormalMagnitude, 3.25e-20]
        #expect(EdgeAnswer.allFinite(bytes(finite)))
        #expect(EdgeAnswer.allFinite(Data()))
        for bad: Float in [.infinity, -.infinity, .nan, -.nan, .signalingNaN] {
            #expect(!EdgeAnswer.allFinite(bytes(finite + [bad])), "\(bad) at the end")
            #expect(!EdgeAnswer.allFinite(bytes([bad] + finite)), "\(bad) first")
        }
        // A slice that starts one byte into its storage (unaligned floats), as a received buffer may.
        var shifted = Data([0xAB])
        shifted.append(bytes([1, 2, .infinity]))
        #expect(!EdgeAnswer.allFinite(shifted.dropFirst()))
        #expect(EdgeAnswer.allFinite(shifted.dropFirst().prefix(8)))
    }
}
