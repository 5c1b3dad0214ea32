import SplitModels

/// Computes part of a model from given tensors: the seam between the edge's protocol and the engine.
///
/// Tensors are PyTorch-ordered (`[N, C, H, W]` or `[N, features]`) float tensors keyed by where
/// they come from in the model's graph. An implementation may block: the edge calls it off the
/// cooperative thread pool, one request at a time per worker.
public protocol PartComputing: Sendable {
    /// Returns every tensor of `work.computedOutputs`, computed from `given` (which holds every
    /// tensor of `work.given`).
    func compute(_ work: EdgeWork, given: [TensorSource: FloatTensor]) throws -> [TensorSource: FloatTensor]
}
