import Foundation
import SplitModels

/// DequantizeLinear on constant weights: an int8 (or uint8) initializer with its scale and zero
/// point, folded at import into the float32 weights it stands for.
///
/// splitscope computes in float32, so an int8-weight file loads as the float model its weights
/// dequantise to: `(q − zero_point) × scale`, per tensor (a scalar scale) or per channel along
/// `axis` (a scale of that dimension's length). The file is about four times smaller; the engine's
/// arithmetic is not. Any other quantisation form is refused with the node named: DequantizeLinear
/// of a computed tensor (quantised activations), `block_size` (blocked quantisation), other
/// element types, and the quantised operators themselves (QLinearConv, QuantizeLinear, …, which
/// are not in `supportedOperators`).
extension GraphConverter {
    mutating func dequantizeConstant(_ context: NodeContext) throws(ONNXImportError) {
        try context.allowOnly(["axis", "block_size"])
        if try context.int("block_size", default: 0) != 0 {
            throw context.error(.unsupportedAttribute, attribute: "block_size",
                                "blocked quantisation is not supported (only per-tensor or per-axis)")
        }
        guard context.node.output.count == 1, let output = context.node.output.first else {
            throw context.error(.badGraph, "needs exactly one output")
        }
        if let name = context.inputName(0), !isConstant(name) {
            throw context.error(.unsupportedInput, tensor: name,
                                "dequantising a computed tensor is not supported: splitscope folds DequantizeLinear "
                                    + "of constant weights only and computes in float32")
        }
        let quantised = try requiredConstant(context, 0, role: "quantised values")
        let scaleTensor = try requiredConstant(context, 1, role: "scale")
        let values = try eightBit(quantised, context)
        let scale = try floats(scaleTensor, context)
        let rank = values.dims.count
        var axis = try context.int("axis", default: 1)
        if axis < 0 { axis += rank }
        let perTensor = scale.elements.count == 1 && scale.shape.count <= 1
        if !perTensor {
            guard scale.shape.count == 1, (0..<rank).contains(axis), scale.shape[0] == values.dims[axis] else {
                throw context.error(.badTensor, tensor: scaleTensor.name,
                                    "scale has shape \(scale.shape); it must be a scalar (per tensor) or hold one "
                                        + "value per channel of axis \(axis) of \(values.dims)")
            }
        }
        if let bad = scale.elements.first(where: { !$0.isFinite }) {
            throw context.error(.badTensor, tensor: scaleTensor.name, "scale \(bad) is not finite")
        }
        var zeroPoints = [Int32](repeating: 0, count: scale.elements.count)
        if let zeroTensor = try constantInput(context, 2) {
            let zero = try eightBit(zeroTensor, context)
            guard zero.signed == values.signed else {
                throw context.error(.badTensor, tensor: zeroTensor.name,
                                    "zero point is \(zero.signed ? "INT8" : "UINT8") but the values are \(values.signed ? "INT8" : "UINT8")")
            }
            guard zero.elements.count == scale.elements.count, zero.dims.count == scale.shape.count else {
                throw context.error(.badTensor, tensor: zeroTensor.name,
                                    "zero point has shape \(zero.dims); it must have the scale's shape \(scale.shape)")
            }
            zeroPoints = zero.elements
        }
        let inner = perTensor ? values.elements.count : values.dims[(axis + 1)...].reduce(1, *)
        let channels = perTensor ? 1 : values.dims[axis]
        let elements = values.elements.enumerated().map { i, q -> Float in
            let c = perTensor ? 0 : (i / max(inner, 1)) % channels
            return Float(q - zeroPoints[c]) * scale.elements[c]
        }
        var tensor = Onnx_TensorProto()
        tensor.name = output
        tensor.dataType = Onnx_TensorProto.DataType.float.code
        tensor.dims = values.dims.map { Int64($0) }
        tensor.floatData = elements
        try defineConstant(output, tensor, context)
    }
}
