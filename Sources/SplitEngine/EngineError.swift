import SplitModels

/// Why the engine cannot build or run a model part; every case names the layer or tensor at fault.
public enum EngineError: Error, Hashable, Sendable, CustomStringConvertible {
    /// XNNPACK could not start on this machine.
    case initialization(status: Int)
    /// A layer needs a weight tensor the weights do not hold.
    case missingWeights(layer: String, role: String)
    /// A weight tensor has the wrong shape for its layer.
    case weightShape(layer: String, role: String, expected: [Int], got: [Int])
    /// The engine has no kernel for this layer as configured.
    case unsupported(layer: String, reason: String)
    /// An XNNPACK call failed.
    case xnnpack(layer: String, call: String, status: Int)
    /// A part was asked for something it cannot do (a tensor it neither reads nor computes, say).
    case invalidPart(String)
    /// A tensor the part reads was not given.
    case missingInput(tensor: String)
    /// A tensor given to the part has the wrong shape.
    case inputShape(tensor: String, expected: [Int], got: [Int])
    /// A tensor given to the part holds NaN, an infinity, or a value beyond ``ValueGuard/inputLimit``.
    case inputValue(tensor: String, element: Int, value: Float)
    /// A weight is NaN, infinite, or beyond ``ValueGuard/weightLimit``.
    case weightValue(layer: String, role: String, element: Int, value: Float)
    /// A tensor the part computed holds NaN or an infinity: float32 overflowed on the way.
    case overflow(tensor: String, element: Int, value: Float)
    /// The system refused `bytes` bytes for `what` ("activations for resnet18 at batch 2000"):
    /// physical memory, an address-space limit (`ulimit -v`) or a container's limit.
    case outOfMemory(bytes: Int, what: String)

    public var description: String {
        switch self {
        case .initialization(let status):
            "XNNPACK failed to initialise (status \(status)); is this CPU supported?"
        case .missingWeights(let layer, let role):
            "layer \(layer): no \(DisplayText.quoted(role)) tensor in the weights"
        case .weightShape(let layer, let role, let expected, let got):
            "layer \(layer): \(DisplayText.quoted(role)) has shape \(Self.format(got)), expected \(Self.format(expected))"
        case .unsupported(let layer, let reason):
            "layer \(layer): \(reason)"
        case .xnnpack(let layer, let call, let status):
            // The last resort, for sizes no test has met: what the layer is refused for comes first.
            "layer \(layer): the engine cannot run this layer as configured (its kernel library refused it: "
                + "\(Self.statusName(status)), \(call) status \(status))"
        case .invalidPart(let reason):
            reason
        case .missingInput(let tensor):
            "the input tensor \(tensor) was not given"
        case .inputShape(let tensor, let expected, let got):
            "tensor \(tensor) has shape \(Self.format(got)), the model needs \(Self.format(expected))"
        case .inputValue(let tensor, let element, let value):
            "tensor \(tensor) holds \(value) at element \(element) (in the engine's channels-last order): "
                + "values must be finite and within ±\(ValueGuard.inputLimit), beyond which float32 may overflow unseen"
        case .weightValue(let layer, let role, let element, let value):
            "layer \(layer): \(DisplayText.quoted(role)) holds \(value) at element \(element): weights must be finite numbers within "
                + "±\(ValueGuard.weightLimit), beyond which float32 may overflow unseen"
        case .overflow(let tensor, let element, let value):
            "tensor \(tensor) came out with \(value) at element \(element): float32 overflowed inside the model "
                + "(its input or its weights are too large for it); no result is given"
        case .outOfMemory(let bytes, let what):
            "cannot allocate \(GroupedDigits.of(bytes)) bytes of \(what): \(MemoryProbe.failureReason)"
        }
    }

    /// The one way a message says the engine failed on the model `model` names (a graph's
    /// ``ModelGraph/messageName``): `MODEL: REASON` when the tensors given to it are at fault,
    /// else `MODEL: the engine cannot run it: REASON` (any other error reads as that refusal too).
    public static func message(_ error: any Error, model: String) -> String {
        if let engine = error as? EngineError, engine.isCausedByInput { return "\(model): \(engine)" }
        return "\(model): the engine cannot run it: \(error)"
    }

    /// Whether the tensors given to the part, not the model or the machine, are at fault.
    public var isCausedByInput: Bool {
        switch self {
        case .missingInput, .inputShape, .inputValue, .overflow, .weightValue: true
        default: false
        }
    }

    static func format(_ shape: [Int]) -> String {
        "[" + shape.map(String.init).joined(separator: ", ") + "]"
    }

    static func statusName(_ status: Int) -> String {
        switch status {
        case 1: "uninitialized"
        case 2: "invalid parameter"
        case 3: "invalid state"
        case 4: "unsupported parameter"
        case 5: "unsupported hardware"
        case 6: "out of memory"
        default: "unknown"
        }
    }
}

extension TensorSource {
    /// How errors and outputs name this tensor: `input` or the producing layer's name.
    public func name(in graph: ModelGraph) -> String {
        switch self {
        case .input: "input"
        case .layer(let i): graph.layers.indices.contains(i) ? graph.layers[i].name : "layer #\(i)"
        }
    }
}

extension ModelGraph {
    /// The per-sample shape of the raw input or of a layer's output.
    func sampleShape(of source: TensorSource) -> TensorShape {
        switch source {
        case .input: inputShape
        case .layer(let i): layers[i].outputShape
        }
    }
}
