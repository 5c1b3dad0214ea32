import Foundation
import Testing
@testable import SplitOIP

@Suite("OIPTensor")
struct OIPTensorTests {
    @Test("floats travel as their little-endian bytes and come back unchanged")
    func floatRoundTrip() throws {
        let values: [Float] = [1.5, -2.25, 0, .greatestFiniteMagnitude, -.leastNonzeroMagnitude, 3e-7]
        let tensor = try OIPTensor(name: "x", shape: [2, 3], floats: values)
        #expect(tensor.raw.count == 24)
        // 1.5 is 0x3FC00000: least significant byte first.
        #expect(Array(tensor.raw.prefix(4)) == [0x00, 0x00, 0xC0, 0x3F])
        #expect(tensor.floats == values)
    }

    @Test("raw contents of the wrong length are refused, naming the tensor and both counts")
    func wrongByteCount() {
        #expect(throws: OIPTensorError.byteCount(tensor: "x", expected: 24, got: 20)) {
            try OIPTensor(name: "x", datatype: .fp32, shape: [2, 3], raw: Data(count: 20))
        }
    }

    @Test("a request's inputs take their bytes from raw_input_contents by position")
    func requestInputs() throws {
        var request = Inference_ModelInferRequest()
        let a = try OIPTensor(name: "a", shape: [1, 2], floats: [1, 2])
        let b = try OIPTensor(name: "b", shape: [3], floats: [3, 4, 5])
        request.inputs = [a.inputTensor, b.inputTensor]
        request.rawInputContents = [a.raw, b.raw]
        let inputs = try OIPTensor.inputs(of: request)
        #expect(inputs == [a, b])
    }

    @Test("typed fp32 contents are accepted when there are no raw contents")
    func typedContents() throws {
        var input = Inference_ModelInferRequest.InferInputTensor()
        input.name = "x"
        input.datatype = "FP32"
        input.shape = [2]
        input.contents.fp32Contents = [7, 8]
        var request = Inference_ModelInferRequest()
        request.inputs = [input]
        #expect(try OIPTensor.inputs(of: request).first?.floats == [7, 8])
    }

    @Test("broken requests: raw count, datatype, shape, missing data, element count")
    func brokenRequests() throws {
        var input = Inference_ModelInferRequest.InferInputTensor()
        input.name = "x"
        input.datatype = "FP32"
        input.shape = [2]
        var request = Inference_ModelInferRequest()
        request.inputs = [input, input]
        request.rawInputContents = [Data(count: 8)]
        #expect(throws: OIPTensorError.rawContentsCount(inputs: 2, raw: 1)) { try OIPTensor.inputs(of: request) }

        request.inputs = [input]
        request.rawInputContents = []
        #expect(throws: OIPTensorError.missingContents(tensor: "x")) { try OIPTensor.inputs(of: request) }

        request.inputs[0].contents.fp32Contents = [1, 2, 3]
        #expect(throws: OIPTensorError.elementCount(tensor: "x", expected: 2, got: 3)) { try OIPTensor.inputs(of: request) }

        request.inputs[0].datatype = "BF16"
        #expect(throws: OIPTensorError.unsupportedDatatype(tensor: "x", datatype: "BF16")) { try OIPTensor.inputs(of: request) }

        request.inputs[0].datatype = "FP32"
        request.inputs[0].shape = [-1, 2]
        #expect(throws: OIPTensorError.invalidShape(tensor: "x", shape: [-1, 2])) { try OIPTensor.inputs(of: request) }

        request.inputs[0].shape = [Int64(Int32.max), Int64(Int32.max)]
        #expect(throws: OIPTensorError.self) { try OIPTensor.inputs(of: request) }
    }

    @Test("every error message names the tensor")
    func messagesNameTheTensor() {
        let errors: [OIPTensorError] = [
            .unsupportedDatatype(tensor: "t9", datatype: "X"), .invalidShape(tensor: "t9", shape: [-1]),
            .byteCount(tensor: "t9", expected: 4, got: 3), .missingContents(tensor: "t9"),
            .elementCount(tensor: "t9", expected: 1, got: 2), .quantisation(tensor: "t9", reason: "no scale"),
        ]
        for error in errors { #expect(error.description.contains("t9")) }
    }
}
