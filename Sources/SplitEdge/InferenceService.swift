import Foundation
import GRPCCore
import SplitModels
import SplitOIP

/// The edge's `inference.GRPCInferenceService`: health, metadata and inference over the models
/// it serves, through a bounded queue.
public struct InferenceService: Inference_GRPCInferenceService.SimpleServiceProtocol {
    public let models: [String: EdgeModel]
    public let scheduler: EdgeScheduler
    public let metrics: EdgeMetrics
    /// The devices sharing the edge and their allocation (requests that name a device).
    public let shares: EdgeShares
    /// The version ServerMetadata reports.
    public let version: String

    public init(models: [EdgeModel], scheduler: EdgeScheduler, metrics: EdgeMetrics = EdgeMetrics(),
                shares: EdgeShares = EdgeShares(), version: String = "1") {
        self.models = Dictionary(models.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        self.scheduler = scheduler
        self.metrics = metrics
        self.shares = shares
        self.version = version
    }

    public func serverLive(request: Inference_ServerLiveRequest, context: ServerContext) async throws
        -> Inference_ServerLiveResponse {
        var response = Inference_ServerLiveResponse()
        response.live = true
        return response
    }

    public func serverReady(request: Inference_ServerReadyRequest, context: ServerContext) async throws
        -> Inference_ServerReadyResponse {
        var response = Inference_ServerReadyResponse()
        response.ready = !models.isEmpty
        return response
    }

    public func modelReady(request: Inference_ModelReadyRequest, context: ServerContext) async throws
        -> Inference_ModelReadyResponse {
        var response = Inference_ModelReadyResponse()
        response.ready = models[request.name] != nil
        return response
    }

    public func serverMetadata(request: Inference_ServerMetadataRequest, context: ServerContext) async throws
        -> Inference_ServerMetadataResponse {
        var response = Inference_ServerMetadataResponse()
        response.name = "splitscope"
        response.version = version
        response.extensions = []
        return response
    }

    public func modelMetadata(request: Inference_ModelMetadataRequest, context: ServerContext) async throws
        -> Inference_ModelMetadataResponse {
        do {
            return try model(named: request.name).metadata
        } catch {
            throw error.rpcError
        }
    }

    public func modelInfer(request: Inference_ModelInferRequest, context: ServerContext) async throws
        -> Inference_ModelInferResponse {
        // The label is a served model's name, or one word for every other: a name the client
        // made up is neither printed on /metrics nor allowed to grow a series per request.
        let label = models[request.modelName] != nil ? request.modelName : Self.unknownModelLabel
        metrics.recordRequest(model: label)
        do {
            return try await infer(request)
        } catch let error as EdgeRequestError {
            metrics.recordFailure(model: label, code: "\(error.code)")
            throw error.rpcError
        } catch {
            metrics.recordFailure(model: label, code: "\(RPCError.Code.internalError)")
            throw RPCError(code: .internalError, message: "\(error)")
        }
    }

    /// The metrics label of requests for a model the edge does not serve.
    static let unknownModelLabel = "(unknown)"

    /// The inference itself, throwing `EdgeRequestError` for everything a client can get wrong.
    func infer(_ request: Inference_ModelInferRequest) async throws -> Inference_ModelInferResponse {
        let model = try model(named: request.modelName)
        let inputs: [OIPTensor]
        do {
            inputs = try OIPTensor.inputs(of: request)
        } catch {
            throw EdgeRequestError.malformed("\(error)")
        }
        let work = try model.plan(inputs: inputs, outputs: request.outputs.map(\.name))
        // Sent tensors asked for back return as their bytes came; only those layers read become floats.
        let sent = Dictionary(zip(work.given, inputs), uniquingKeysWith: { first, _ in first })
        var given = [TensorSource: FloatTensor]()
        if !work.computedOutputs.isEmpty {
            for (source, tensor) in sent {
                guard let floats = FloatTensor(shape: tensor.shape, elements: tensor.floats) else {
                    throw EdgeRequestError.malformed("tensor \(DisplayText.quoted(tensor.name)): elements do not fill shape \(tensor.shape)")
                }
                given[source] = floats
            }
        }
        let computer = model.computer
        let frozenGiven = given
        // A device's request is queued at its compute share; its response says what it was given.
        let admission = await shares.admit(request.parameters)
        let macs = Double(model.graph.layers.indices.reduce(0) { work.layers[$1] ? $0 + model.graph.layers[$1].macs : $0 })
            * Double(max(1, work.batch))
        let scheduled: Result<([TensorSource: FloatTensor], EdgeScheduler.Timing), any Error>
        do {
            scheduled = .success(try await scheduler.run(flow: admission.flow, share: admission.share, cost: macs) {
                () throws -> [TensorSource: FloatTensor] in
                do {
                    return try computer.compute(work, given: frozenGiven)
                } catch let error as EdgeRequestError {
                    throw error
                } catch {
                    throw EdgeRequestError.computeFailed("\(model.name): \(error)")
                }
            })
        } catch {
            scheduled = .failure(error)
        }
        // However long the request waited, its device was alive all along.
        await shares.answered(admission.flow)
        let (computed, timing) = try scheduled.get()
        metrics.recordCompute(model: model.name, milliseconds: timing.computeMilliseconds)
        await shares.recordCompute(macs: macs, milliseconds: timing.computeMilliseconds)
        let load = await scheduler.load()
        metrics.recordLoad(load)

        var response = Inference_ModelInferResponse()
        response.modelName = model.name
        response.modelVersion = "1"
        response.id = request.id
        for source in work.outputs {
            if let echoed = sent[source] {
                response.outputs.append(echoed.outputTensor)
                response.rawOutputContents.append(echoed.raw)
                continue
            }
            guard let tensor = computed[source] else {
                throw EdgeRequestError.computeFailed("\(model.name): the engine did not return \(model.name(of: source))")
            }
            let expected = model.shape(of: source, batch: work.batch)
            guard tensor.shape == expected else {
                throw EdgeRequestError.computeFailed("\(model.name): the engine returned \(model.name(of: source)) "
                    + "with shape \(tensor.shape), expected \(expected)")
            }
            let out: OIPTensor
            do {
                out = try OIPTensor(name: model.name(of: source), shape: tensor.shape, floats: tensor.elements)
            } catch {
                throw EdgeRequestError.computeFailed("\(error)")
            }
            response.outputs.append(out.outputTensor)
            response.rawOutputContents.append(out.raw)
        }
        for key in [EdgeParameter.frameID, EdgeParameter.partition] {
            if let value = request.parameters[key] { response.parameters[key] = value }
        }
        response.parameters[EdgeParameter.computeMilliseconds] = .double(timing.computeMilliseconds)
        response.parameters[EdgeParameter.queueMilliseconds] = .double(timing.queueMilliseconds)
        response.parameters[EdgeParameter.queueLength] = .int64(Int64(load.queueLength))
        response.parameters[EdgeParameter.busyFraction] = .double(load.busyFraction)
        response.parameters[EdgeParameter.layersRun] = .int64(Int64(work.layerCount))
        for (key, value) in admission.response { response.parameters[key] = value }
        return response
    }

    private func model(named name: String) throws(EdgeRequestError) -> EdgeModel {
        guard let model = models[name] else {
            throw .unknownModel(name, served: models.keys.sorted())
        }
        return model
    }
}
