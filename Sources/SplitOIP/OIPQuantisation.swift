import Foundation
import SplitModels

/// Per-tensor affine quantisation of an INT8 tensor on the wire: real = (q − zeroPoint) × scale.
///
/// It travels as two tensor parameters of the INT8 tensor, `scale` (a double) and `zero_point`
/// (an int64 from −128 to 127), so any OIP client can send a quantised boundary tensor (tritonclient:
/// `InferInput.set_parameter` is not there, but the request's `inputs[i].parameters` is). The edge
/// dequantises before it computes; the engine works in float32 either way.
///
/// ```swift
/// let q = OIPQuantisation.covering([0, 0.5, 2.0])   // scale 2/255, zero point −128
/// let bytes = q.quantise([0, 0.5, 2.0])             // 3 bytes
/// q.dequantise(bytes)                               // ≈ [0, 0.502, 2.0]
/// ```
public struct OIPQuantisation: Hashable, Sendable {
    /// The tensor parameter that carries the scale.
    public static let scaleKey = "scale"
    /// The tensor parameter that carries the zero point.
    public static let zeroPointKey = "zero_point"

    public var scale: Float
    public var zeroPoint: Int

    public init(scale: Float, zeroPoint: Int) {
        self.scale = scale
        self.zeroPoint = zeroPoint
    }

    /// The quantisation whose 256 steps span the values' range, widened to include 0 so that 0
    /// (a ReLU's most common output) is exact; non-finite values are left out of the range.
    public static func covering(_ values: [Float]) -> OIPQuantisation {
        var low: Float = 0
        var high: Float = 0
        for v in values where v.isFinite {
            low = min(low, v)
            high = max(high, v)
        }
        let span = Double(high) - Double(low)
        guard span > 0 else { return OIPQuantisation(scale: 1, zeroPoint: 0) }
        let scale = Float(Quantity.quantisationScale.clamp(span / 255))
        let zero = (-128 - Double(low) / Double(scale)).rounded()
        return OIPQuantisation(scale: scale, zeroPoint: Int(Quantity.int8ZeroPoint.clamp(zero)))
    }

    /// The values as INT8 bytes, rounded to the nearest step and saturated (NaN becomes the zero point).
    public func quantise(_ values: [Float]) -> Data {
        let inverse = 1 / scale
        return Data(values.map { v -> UInt8 in
            let q = v.isNaN ? Float(zeroPoint) : (v * inverse).rounded() + Float(zeroPoint)
            return UInt8(bitPattern: Int8(min(max(q, -128), 127)))
        })
    }

    /// The real values INT8 bytes stand for.
    public func dequantise(_ raw: Data) -> [Float] {
        raw.map { (Float(Int8(bitPattern: $0)) - Float(zeroPoint)) * scale }
    }

    /// The tensor parameters that carry it.
    public var parameters: [String: Inference_InferParameter] {
        [Self.scaleKey: .double(Double(scale)), Self.zeroPointKey: .int64(Int64(zeroPoint))]
    }

    /// Reads the parameters of a tensor of `datatype`, a request's input or a response's output:
    /// nil for FP32 without them; an error naming the tensor when an INT8 tensor lacks either, an
    /// FP32 tensor has them, or either is out of range.
    static func read(_ parameters: [String: Inference_InferParameter], tensor: String, datatype: OIPDatatype)
        throws(OIPTensorError) -> OIPQuantisation? {
        let scale = parameters[scaleKey]
        let zero = parameters[zeroPointKey]
        if scale == nil, zero == nil {
            guard datatype == .int8 else { return nil }
            throw .quantisation(tensor: tensor, reason: "an INT8 tensor needs the tensor parameters scale and zero_point "
                + "(per-tensor affine: real = (q - zero_point) × scale)")
        }
        guard datatype == .int8 else {
            throw .quantisation(tensor: tensor, reason: "scale and zero_point apply to INT8 tensors only, this one is \(datatype.rawValue)")
        }
        guard let scale, let zero else {
            throw .quantisation(tensor: tensor, reason: "give both tensor parameters \(scaleKey) and \(zeroPointKey), not one")
        }
        guard let scaleValue = scale.number else {
            throw .quantisation(tensor: tensor, reason: "\(scaleKey) must be a number, got \(DisplayText.quoted(scale.text))")
        }
        guard let zeroValue = zero.number else {
            throw .quantisation(tensor: tensor, reason: "\(zeroPointKey) must be a number, got \(DisplayText.quoted(zero.text))")
        }
        do {
            let checkedScale = try Quantity.quantisationScale.check(scaleValue)
            let checkedZero = try Quantity.int8ZeroPoint.check(zeroValue)
            return OIPQuantisation(scale: Float(checkedScale), zeroPoint: Int(checkedZero))
        } catch {
            throw .quantisation(tensor: tensor, reason: error.description)
        }
    }
}
