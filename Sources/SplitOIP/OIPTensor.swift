import Foundation

/// One named tensor as it travels over the Open Inference Protocol: datatype, shape and the
/// row-major little-endian bytes of its elements.
///
/// Conversion to and from `[Float]` copies the bytes as they are on a little-endian host (every
/// platform Swift runs splitscope on), with no per-element decoding. An INT8 tensor carries its
/// per-tensor affine ``OIPQuantisation`` (the tensor parameters `scale` and `zero_point`), and
/// ``floats`` gives the real values it stands for.
public struct OIPTensor: Hashable, Sendable {
    public var name: String
    public var datatype: OIPDatatype
    public var shape: [Int]
    public var raw: Data
    /// How an INT8 tensor's bytes map to real values; nil for FP32.
    public var quantisation: OIPQuantisation?

    /// A tensor whose byte count matches its shape and datatype.
    public init(name: String, datatype: OIPDatatype, shape: [Int], raw: Data) throws(OIPTensorError) {
        let count = try Self.elementCount(name: name, shape: shape.map(Int64.init))
        guard raw.count == count * datatype.byteWidth else {
            throw .byteCount(tensor: name, expected: count * datatype.byteWidth, got: raw.count)
        }
        self.name = name
        self.datatype = datatype
        self.shape = shape
        self.raw = raw
    }

    /// An FP32 tensor from its elements in row-major order.
    public init(name: String, shape: [Int], floats: [Float]) throws(OIPTensorError) {
        let raw = floats.withUnsafeBufferPointer { Data(buffer: $0) }
        try self.init(name: name, datatype: .fp32, shape: shape, raw: raw)
    }

    /// An INT8 tensor quantising `floats` per tensor, its scale and zero point spanning their range.
    public init(name: String, shape: [Int], quantising floats: [Float]) throws(OIPTensorError) {
        let quantisation = OIPQuantisation.covering(floats)
        try self.init(name: name, datatype: .int8, shape: shape, raw: quantisation.quantise(floats))
        self.quantisation = quantisation
    }

    /// The elements, row-major: an FP32 tensor's as they are, an INT8 tensor's dequantised
    /// (empty for INT8 without a quantisation, whose values mean nothing as reals).
    public var floats: [Float] {
        if datatype == .int8 { return quantisation?.dequantise(raw) ?? [] }
        guard datatype == .fp32 else { return [] }
        let count = raw.count / 4
        return [Float](unsafeUninitializedCapacity: count) { buffer, initialized in
            _ = raw.copyBytes(to: buffer)
            initialized = count
        }
    }

    /// Number of elements the shape holds.
    public var elementCount: Int {
        shape.reduce(1, *)
    }

    /// Every input of a request, taking each one's data from raw_input_contents (by position)
    /// or, failing that, from its typed contents.
    public static func inputs(of request: Inference_ModelInferRequest) throws(OIPTensorError) -> [OIPTensor] {
        let raw = request.rawInputContents
        guard raw.isEmpty || raw.count == request.inputs.count else {
            throw .rawContentsCount(inputs: request.inputs.count, raw: raw.count)
        }
        var tensors = [OIPTensor]()
        for (index, input) in request.inputs.enumerated() {
            guard let datatype = OIPDatatype(wire: input.datatype) else {
                throw .unsupportedDatatype(tensor: input.name, datatype: input.datatype)
            }
            let count = try elementCount(name: input.name, shape: input.shape)
            let shape = input.shape.map { Int($0) }
            let quantisation = try OIPQuantisation.read(input.parameters, tensor: input.name, datatype: datatype)
            if !raw.isEmpty {
                var tensor = try OIPTensor(name: input.name, datatype: datatype, shape: shape, raw: raw[index])
                tensor.quantisation = quantisation
                tensors.append(tensor)
                continue
            }
            guard input.hasContents else { throw .missingContents(tensor: input.name) }
            switch datatype {
            case .fp32:
                let values = input.contents.fp32Contents
                guard values.count == count else {
                    throw .elementCount(tensor: input.name, expected: count, got: values.count)
                }
                tensors.append(try OIPTensor(name: input.name, shape: shape, floats: values))
            case .int8:
                let values = input.contents.intContents
                guard values.count == count else {
                    throw .elementCount(tensor: input.name, expected: count, got: values.count)
                }
                if let outside = values.first(where: { !(-128...127).contains($0) }) {
                    throw .quantisation(tensor: input.name, reason: "int_contents holds \(outside), which is not an INT8 value")
                }
                let bytes = Data(values.map { UInt8(bitPattern: Int8(truncatingIfNeeded: $0)) })
                var tensor = try OIPTensor(name: input.name, datatype: .int8, shape: shape, raw: bytes)
                tensor.quantisation = quantisation
                tensors.append(tensor)
            }
        }
        return tensors
    }

    /// The tensor's description in a response (its bytes go to raw_output_contents).
    public var outputTensor: Inference_ModelInferResponse.InferOutputTensor {
        var tensor = Inference_ModelInferResponse.InferOutputTensor()
        tensor.name = name
        tensor.datatype = datatype.rawValue
        tensor.shape = shape.map(Int64.init)
        if let quantisation { tensor.parameters = quantisation.parameters }
        return tensor
    }

    /// The tensor's description in a request (its bytes go to raw_input_contents).
    public var inputTensor: Inference_ModelInferRequest.InferInputTensor {
        var tensor = Inference_ModelInferRequest.InferInputTensor()
        tensor.name = name
        tensor.datatype = datatype.rawValue
        tensor.shape = shape.map(Int64.init)
        if let quantisation { tensor.parameters = quantisation.parameters }
        return tensor
    }

    /// Every output of a response, its data from raw_output_contents by position.
    public static func outputs(of response: Inference_ModelInferResponse) throws(OIPTensorError) -> [OIPTensor] {
        guard response.rawOutputContents.count == response.outputs.count else {
            throw .rawContentsCount(inputs: response.outputs.count, raw: response.rawOutputContents.count)
        }
        var tensors = [OIPTensor]()
        for (output, raw) in zip(response.outputs, response.rawOutputContents) {
            guard let datatype = OIPDatatype(wire: output.datatype) else {
                throw .unsupportedDatatype(tensor: output.name, datatype: output.datatype)
            }
            _ = try elementCount(name: output.name, shape: output.shape)
            var tensor = try OIPTensor(name: output.name, datatype: datatype, shape: output.shape.map { Int($0) }, raw: raw)
            tensor.quantisation = try OIPQuantisation.read(output.parameters, tensor: output.name, datatype: datatype)
            tensors.append(tensor)
        }
        return tensors
    }

    /// The element count of a wire shape, refusing negative dimensions and overflow.
    static func elementCount(name: String, shape: [Int64]) throws(OIPTensorError) -> Int {
        var count = 1
        for dim in shape {
            guard dim >= 0, dim <= Int64(Int32.max) else { throw .invalidShape(tensor: name, shape: shape) }
            let (product, overflow) = count.multipliedReportingOverflow(by: Int(dim))
            guard !overflow, product <= Int(Int32.max) else { throw .invalidShape(tensor: name, shape: shape) }
            count = product
        }
        return count
    }
}
