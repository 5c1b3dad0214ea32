/// A tensor element type as the Open Inference Protocol names it on the wire.
///
/// The edge computes in FP32; an INT8 tensor is a quantised boundary tensor (per-tensor affine,
/// its scale and zero point in the tensor parameters, see ``OIPQuantisation``) that the edge
/// dequantises before computing.
public enum OIPDatatype: String, CaseIterable, Hashable, Sendable {
    case fp32 = "FP32"
    case int8 = "INT8"

    /// Bytes one element takes in raw contents.
    public var byteWidth: Int {
        switch self {
        case .fp32: 4
        case .int8: 1
        }
    }

    /// The datatype a wire string names, or nil for one splitscope does not carry.
    public init?(wire: String) {
        self.init(rawValue: wire)
    }
}
