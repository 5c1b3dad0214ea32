import Foundation
import Testing
@testable import SplitOIP

/// INT8 tensors on the wire: per-tensor affine quantisation in the tensor parameters `scale` and
/// `zero_point`, quantised by the device and dequantised by the edge.
@Suite("OIPQuantisation")
struct OIPQuantisationTests {
    /// A request holding one tensor, raw.
    private func request(_ tensor: Inference_ModelInferRequest.InferInputTensor, raw: Data) -> Inference_ModelInferRequest {
        var request = Inference_ModelInferRequest()
        request.inputs = [tensor]
        request.rawInputContents = [raw]
        return request
    }

    @Test("a ReLU's output quantises to 1 byte an element, 0 exactly, every value within half a step")
    func reluRoundTrip() throws {
        let values: [Float] = (0..<600).map { i in i % 3 == 0 ? 0 : Float(i % 97) * 0.0731 }
        let tensor = try OIPTensor(name: "x", shape: [1, 6, 10, 10], quantising: values)
        let quantisation = try #require(tensor.quantisation)
        #expect(tensor.datatype == .int8)
        #expect(tensor.raw.count == values.count)
        #expect(quantisation.zeroPoint == -128)
        let high = try #require(values.max())
        #expect(abs(quantisation.scale - high / 255) < 1e-7)
        let back = tensor.floats
        #expect(back.count == values.count)
        for (v, b) in zip(values, back) {
            #expect(abs(v - b) <= quantisation.scale / 2 + 1e-6)
            if v == 0 { #expect(b == 0) }
        }
    }

    @Test("negative and positive values: the range spans both and includes 0")
    func signedRange() throws {
        let values: [Float] = [-3, -1.5, 0, 0.7, 5]
        let quantisation = OIPQuantisation.covering(values)
        #expect(abs(quantisation.scale - 8 / 255) < 1e-7)
        let back = quantisation.dequantise(quantisation.quantise(values))
        for (v, b) in zip(values, back) { #expect(abs(v - b) <= quantisation.scale / 2 + 1e-6) }
        #expect(back[2] == 0)
    }

    @Test("all zeros (or a constant 0) gives scale 1 and zero point 0, not a division by zero")
    func constantZero() {
        let quantisation = OIPQuantisation.covering([0, 0, 0])
        #expect(quantisation == OIPQuantisation(scale: 1, zeroPoint: 0))
        #expect(quantisation.dequantise(quantisation.quantise([0, 0, 0])) == [0, 0, 0])
        #expect(OIPQuantisation.covering([.nan, .infinity]) == OIPQuantisation(scale: 1, zeroPoint: 0))
    }

    @Test("scale and zero point travel as tensor parameters, both ways, and the edge reads them back")
    func parametersTravel() throws {
        let sent = try OIPTensor(name: "b", shape: [2, 3], quantising: [0, 1, 2, 3, 4, 5])
        let wire = sent.inputTensor
        #expect(wire.datatype == "INT8")
        #expect(wire.parameters["scale"]?.number == Double(try #require(sent.quantisation).scale))
        #expect(wire.parameters["zero_point"]?.number == -128)
        let received = try #require(try OIPTensor.inputs(of: request(wire, raw: sent.raw)).first)
        #expect(received == sent)
        #expect(received.floats == sent.floats)
        var response = Inference_ModelInferResponse()
        response.outputs = [sent.outputTensor]
        response.rawOutputContents = [sent.raw]
        #expect(try OIPTensor.outputs(of: response) == [sent])
    }

    @Test("typed int_contents work like raw bytes, and values outside INT8 are refused")
    func typedContents() throws {
        var input = Inference_ModelInferRequest.InferInputTensor()
        input.name = "q"
        input.datatype = "INT8"
        input.shape = [3]
        input.parameters = OIPQuantisation(scale: 0.5, zeroPoint: 10).parameters
        input.contents.intContents = [10, 12, -128]
        var request = Inference_ModelInferRequest()
        request.inputs = [input]
        #expect(try OIPTensor.inputs(of: request).first?.floats == [0, 1, -69])
        request.inputs[0].contents.intContents = [10, 200, 0]
        #expect(throws: OIPTensorError.quantisation(tensor: "q", reason: "int_contents holds 200, which is not an INT8 value")) {
            try OIPTensor.inputs(of: request)
        }
    }

    @Test("INT8 without scale and zero_point, only one of them, out of range, or on FP32: refused naming the tensor, in inputs and outputs alike",
          arguments: [
              ("INT8", [String: Inference_InferParameter](), "needs the tensor parameters scale and zero_point"),
              ("INT8", ["scale": .double(0.1)], "give both tensor parameters scale and zero_point"),
              ("INT8", ["scale": .double(0), "zero_point": .int64(0)], "quantisation scale must be"),
              ("INT8", ["scale": .double(.nan), "zero_point": .int64(0)], "quantisation scale must be"),
              ("INT8", ["scale": .double(0.1), "zero_point": .int64(128)], "zero point must be"),
              ("INT8", ["scale": .string("big"), "zero_point": .int64(0)], "scale must be a number, got \"big\""),
              ("FP32", ["scale": .double(0.1), "zero_point": .int64(0)], "apply to INT8 tensors only"),
          ])
    func refused(datatype: String, parameters: [String: Inference_InferParameter], message: String) throws {
        var input = Inference_ModelInferRequest.InferInputTensor()
        input.name = "boundary"
        input.datatype = datatype
        input.shape = [4]
        input.parameters = parameters
        let raw = Data(count: datatype == "INT8" ? 4 : 16)
        do {
            _ = try OIPTensor.inputs(of: request(input, raw: raw))
            Issue.record("accepted \(parameters)")
        } catch {
            #expect(error.description.hasPrefix("tensor \"boundary\": "), "\(error)")
            #expect(error.description.contains(message), "\(error)")
        }
        // A response is read by the same rule: an INT8 output without its scale would read as no values.
        var output = Inference_ModelInferResponse.InferOutputTensor()
        output.name = input.name
        output.datatype = datatype
        output.shape = input.shape
        output.parameters = parameters
        var response = Inference_ModelInferResponse()
        response.outputs = [output]
        response.rawOutputContents = [raw]
        do {
            _ = try OIPTensor.outputs(of: response)
            Issue.record("accepted an output with \(parameters)")
        } catch {
            #expect(error.description.hasPrefix("tensor \"boundary\": "), "\(error)")
            #expect(error.description.contains(message), "\(error)")
        }
    }
}
