import CXNNPACK
import Foundation
import SplitModels

/// A set of a model's layers, built once into XNNPACK operators and run per frame.
///
/// Building converts the weights (OHWI, batch norm folded), creates one operator per step (which
/// packs its weights: the part holds the only copy it needs, so the caller may drop the
/// `ModelWeights`), allocates every activation buffer at a fixed address and sets each operator
/// up on its buffers once. A run copies the inputs in, runs the steps in order timing each, and
/// copies the outputs out; values outside ``ValueGuard``'s range are refused going in and
/// reported as an overflow coming out.
///
/// A part is any set of layers whose inputs it is given: the whole model, a device part (closed
/// under predecessors) returning the tensors a split sends, or an edge part reading them.
///
/// ```swift
/// let graph = try ModelZoo.model(named: "resnet18", inputSize: 64)
/// let part = try ModelPart(graph: graph, weights: .seeded(for: graph, seed: 1))
/// let result = try part.run([.input: x])
/// ```
///
/// `@unchecked Sendable`: the operator handles and buffers are created in `init` and never
/// replaced; `run`, the only thing that touches them afterwards, holds `lock` throughout, so one
/// run at a time uses them, from whichever thread calls.
public final class ModelPart: @unchecked Sendable {
    public let graph: ModelGraph
    /// `layers[i]` is true when the part runs layer `i`.
    public let layers: [Bool]
    /// Tensors the part reads, in the order `run` expects them to be given (any order works).
    public let inputs: [TensorSource]
    /// Tensors the part returns.
    public let outputs: [TensorSource]
    /// Bytes of activation buffers the part uses for the whole batch (its peak activation memory),
    /// including any it shares with the part it was built to follow.
    public let activationBytes: Int
    /// Bytes of activation buffers this part allocated itself, not taken over from that part.
    public let ownActivationBytes: Int

    /// Threads the part's operators run on.
    public var threads: Int { pool.threads }

    let plan: PartPlan
    private let buffers: [ActivationBuffer]
    private let scratch: [ActivationBuffer]
    private let kernels: [StepKernel]
    /// Whether each step runs on the pool (set up for it) or on the calling thread.
    private let threaded: [Bool]
    private let operators: OperatorSet
    private let pool: ThreadPool
    /// Held throughout `run`; shared with the part this one shares buffers with, so the two never run at once.
    private let lock: NSLock

    /// Builds the layers where `layers[i]` is true (all when nil), returning `outputs` (the
    /// model's last layer when nil). Throws when weights are missing or misshapen, a layer has no
    /// kernel, or an output is neither computed nor read by the part.
    ///
    /// With `sharing`, a part that only ever runs after that one in the same process (an edge part
    /// after its device part), the part reuses that part's activation buffers where they are large
    /// enough and takes its lock: a part copies its outputs out before its run returns, so the
    /// buffers hold nothing the other needs, and the shared lock keeps the two from running at
    /// once. Both parts then work in one set of buffers, as the unsplit model does, rather than
    /// two that evict each other from the caches.
    public init(graph: ModelGraph, weights: ModelWeights, layers: [Bool]? = nil, outputs: [TensorSource]? = nil,
                pool: ThreadPool = ThreadPool(threads: 1), sharing donor: ModelPart? = nil) throws(EngineError) {
        try XNNPACKRuntime.start()
        let layers = layers ?? [Bool](repeating: true, count: graph.layers.count)
        let outputs = outputs ?? [.layer(graph.layers.count - 1)]
        let plan = try PartPlan(graph: graph, layers: layers, outputs: outputs)
        let batch = graph.batchSize
        let needed = plan.bufferElements.reduce(0) { $0 + $1 * batch * MemoryLayout<Float>.stride }
        guard needed <= Self.physicalMemory else {
            throw .invalidPart("\(graph.messageName) at batch \(batch) needs \(needed) bytes of activations, "
                + "more than this machine's \(Self.physicalMemory) bytes of memory")
        }
        var available = donor?.buffers ?? []
        var taken = Set<ObjectIdentifier>()
        var buffers = [ActivationBuffer]()
        for elements in plan.bufferElements {
            let need = elements * batch
            // Best fit among the other part's buffers not yet taken; else a buffer of its own.
            let fitting = available.indices.filter { available[$0].count >= need }
            if let best = fitting.min(by: { available[$0].count < available[$1].count }) {
                let buffer = available.remove(at: best)
                taken.insert(ObjectIdentifier(buffer))
                buffers.append(buffer)
            } else {
                buffers.append(try ActivationBuffer(count: need, what: "activations for \(graph.messageName) at batch \(batch)"))
            }
        }
        lock = donor?.lock ?? NSLock()
        // The copies a run returns have sizes fixed here: ask for them once, not on every run.
        for (source, _) in plan.outputs {
            let bytes = graph.sampleShape(of: source).elementCount * batch * MemoryLayout<Float>.stride
            guard MemoryProbe.canAllocate(bytes: bytes) else {
                throw .outOfMemory(bytes: bytes, what: "the output \(source.name(in: graph)) at batch \(batch)")
            }
        }
        var builder = KernelBuilder(graph: graph, weights: weights, plan: plan, buffers: buffers, pool: pool)
        var kernels = [StepKernel]()
        for step in plan.steps {
            kernels.append(try builder.kernel(for: step))
        }
        threaded = plan.steps.map(builder.runsOnThreads)
        self.graph = graph
        self.layers = layers
        self.inputs = plan.inputs.map(\.source)
        self.outputs = outputs
        self.plan = plan
        self.buffers = buffers
        self.scratch = builder.scratch
        self.kernels = kernels
        self.operators = builder.operators
        self.pool = pool
        activationBytes = (buffers + builder.scratch).reduce(0) { $0 + $1.byteCount }
        ownActivationBytes = (buffers.filter { !taken.contains(ObjectIdentifier($0)) } + builder.scratch)
            .reduce(0) { $0 + $1.byteCount }
    }

    /// Runs the part on its input tensors (each `graph.batchSize` samples, in the engine's layout).
    public func run(_ given: [TensorSource: BatchTensor]) throws(EngineError) -> PartResult {
        lock.lock()
        defer { lock.unlock() }
        let batch = graph.batchSize
        for (source, value) in plan.inputs {
            guard let tensor = given[source] else { throw .missingInput(tensor: source.name(in: graph)) }
            let expected = plan.values[value].sampleShape
            guard tensor.sampleShape == expected, tensor.batch == batch else {
                throw .inputShape(tensor: source.name(in: graph), expected: [batch] + expected.dims,
                                  got: [tensor.batch] + tensor.sampleShape.dims)
            }
            let destination = buffers[plan.values[value].buffer].pointer
            let refused = tensor.elements.withUnsafeBufferPointer { ValueGuard.copy($0, to: destination, limit: ValueGuard.inputLimit) }
            if let bad = refused {
                throw .inputValue(tensor: source.name(in: graph), element: bad, value: destination[bad])
            }
        }
        var stepMilliseconds = [Double](repeating: 0, count: kernels.count)
        for (index, kernel) in kernels.enumerated() {
            let start = Self.nanoseconds()
            switch kernel {
            case .operators(let ops):
                for op in ops {
                    let status = xnn_run_operator(op, threaded[index] ? pool.handle : nil)
                    try XNNPACKRuntime.check(status, "xnn_run_operator", layer: graph.layers[plan.steps[index].primary].name)
                }
            case .native(let native):
                native.run()
            }
            stepMilliseconds[index] = Double(Self.nanoseconds() - start) / 1e6
        }
        var outputs = [TensorSource: BatchTensor]()
        for (source, value) in plan.outputs {
            // An alias's value keeps its source's shape (`C×1×1` under a flatten): name it as the graph does.
            let shape = graph.sampleShape(of: source)
            let count = shape.elementCount * batch
            let pointer = buffers[plan.values[value].buffer].pointer
            let computed = UnsafeBufferPointer(start: pointer, count: count)
            var nonFinite: Int?
            let elements = [Float](unsafeUninitializedCapacity: count) { copy, initialized in
                if let destination = copy.baseAddress {
                    nonFinite = ValueGuard.copy(computed, to: destination, limit: .greatestFiniteMagnitude)
                }
                initialized = count
            }
            if let bad = nonFinite {
                throw .overflow(tensor: source.name(in: graph), element: bad, value: computed[bad])
            }
            outputs[source] = BatchTensor(sampleShape: shape, batch: batch, elements: elements)
        }
        return PartResult(outputs: outputs, layerTimes: layerTimes(stepMilliseconds))
    }

    /// Each of the part's layers with its time: a step's time goes to its primary layer.
    private func layerTimes(_ stepMilliseconds: [Double]) -> [LayerTime] {
        var byLayer = [Int: Double]()
        for (index, step) in plan.steps.enumerated() {
            for layer in step.layers { byLayer[layer] = 0 }
            byLayer[step.primary] = stepMilliseconds[index]
        }
        for layer in plan.aliasLayers { byLayer[layer] = 0 }
        return graph.layers.indices.filter { layers[$0] }.map {
            LayerTime(layer: $0, name: graph.layers[$0].name, milliseconds: byLayer[$0] ?? 0)
        }
    }

    /// Bytes of physical memory, the ceiling for a part's activation buffers.
    public static var physicalMemory: Int {
        max(sysconf(Int32(_SC_PHYS_PAGES)), 0) * max(sysconf(Int32(_SC_PAGESIZE)), 0)
    }

    /// A monotonic clock reading.
    static func nanoseconds() -> UInt64 {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
    }
}

/// What one step runs: XNNPACK operators in order, or a Swift kernel.
enum StepKernel {
    case operators([OpaquePointer])
    case native(NativeKernel)
}

/// Owns XNNPACK operator handles and deletes them with itself (also when a build fails half-way).
final class OperatorSet {
    private(set) var handles: [OpaquePointer] = []

    func adopt(_ handle: OpaquePointer) {
        handles.append(handle)
    }

    deinit {
        for handle in handles { xnn_delete_operator(handle) }
    }
}
