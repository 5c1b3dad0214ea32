import Foundation

/// The two ONNX files a split model becomes: the device part and the edge part, serialized.
///
/// The device part reads the model's input and outputs exactly the boundary tensors; the edge
/// part reads the boundary tensors and outputs the model's outputs. Each holds only the nodes
/// and initializers it needs, with the source's IR version, opsets and value names.
public struct ONNXModelParts: Sendable {
    /// One exported file's contents and what it holds.
    public struct Part: Sendable {
        /// The serialized `ModelProto`.
        public var bytes: Data
        /// Its graph's nodes.
        public var nodes: Int
        /// Its graph's initializers.
        public var initializers: Int
        /// Its graph's inputs and outputs, by ONNX value name.
        public var inputs: [String]
        public var outputs: [String]
    }

    public var device: Part
    public var edge: Part
    /// The tensors the device part sends, in the order the device part outputs them.
    public var boundary: [ONNXBoundaryTensor]
    /// The batch dimension both files declare for the boundary tensors: a size, or a symbolic
    /// name such as `batch_size` when the source leaves the batch open.
    public var batchDimension: String
}
