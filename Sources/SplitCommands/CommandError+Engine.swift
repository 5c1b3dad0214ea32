import SplitEngine
import SplitModels

extension CommandError {
    /// The one message and exit status every command gives when the engine cannot build or run a model.
    ///
    /// `MODEL: the engine cannot run it: REASON` (MODEL is ``ModelGraph/messageName``: the file a
    /// model was read from, else its zoo name; or `MODEL: REASON` when the tensors given to it
    /// are at fault), with status 2 like any other bad input: the model file, its weights or its
    /// input are what the user can change. Only XNNPACK failing to start on this machine is a
    /// runtime failure (status 1). A `CommandError` passes through unchanged.
    ///
    ///     do { part = try ModelPart(graph: graph, weights: weights) }
    ///     catch { throw CommandError.engine(error, graph: graph) }
    static func engine(_ error: any Error, graph: ModelGraph) -> CommandError {
        engine(error, model: graph.messageName)
    }

    /// ``engine(_:graph:)`` for a model known only by `model`, the words that name it.
    static func engine(_ error: any Error, model: String) -> CommandError {
        if let command = error as? CommandError { return command }
        if case .initialization? = error as? EngineError { return CommandError("\(error)", isUsage: false) }
        return CommandError(EngineError.message(error, model: model))
    }
}
