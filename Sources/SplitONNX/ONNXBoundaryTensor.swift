/// A tensor that crosses from the device part to the edge part of a split ONNX model.
///
/// `name` is the ONNX value name the model gives it (`/layer1/layer1.0/relu_1/Relu_output_0`);
/// `sampleDims` its shape per sample, without the batch dimension, which the exported files
/// declare as the source model declares its input's.
public struct ONNXBoundaryTensor: Hashable, Sendable {
    public var name: String
    public var sampleDims: [Int]

    public init(name: String, sampleDims: [Int]) {
        self.name = name
        self.sampleDims = sampleDims
    }
}
