import GRPCCore
import SplitModels

/// Why the edge refuses a request; each case maps to one gRPC status and names what is wrong.
///
/// A name the request sent (a model, a tensor) is shown through ``DisplayText/quoted(_:limit:)``:
/// the client prints the message, and the name is the network's.
public enum EdgeRequestError: Error, Hashable, Sendable, CustomStringConvertible {
    /// No model of this name is served.
    case unknownModel(String, served: [String])
    /// A tensor name the model does not have.
    case unknownTensor(model: String, name: String, role: String)
    /// The same tensor sent twice, or asked for twice.
    case duplicateTensor(name: String, role: String)
    /// A tensor of the wrong shape or datatype.
    case tensorMismatch(String)
    /// The sent tensors cannot produce an output: a layer needs something that was not sent.
    case notACut(String)
    /// The request has no inputs.
    case noInputs(model: String)
    /// The bounded queue is full.
    case queueFull(capacity: Int)
    /// A malformed request (raw contents, datatypes, shapes).
    case malformed(String)
    /// The computation itself failed.
    case computeFailed(String)

    public var description: String {
        switch self {
        case .unknownModel(let name, let served):
            "no model named \(DisplayText.quoted(name)) (this edge serves \(served.joined(separator: ", ")))"
        case .unknownTensor(let model, let name, let role):
            "\(role) \(DisplayText.quoted(name)): model \(model) has no tensor of that name (ModelMetadata lists its inputs and "
                + "outputs; any intermediate tensor is named as the model names it)"
        case .duplicateTensor(let name, let role):
            "\(role) \(DisplayText.quoted(name)) appears twice in the request"
        case .tensorMismatch(let message), .notACut(let message), .malformed(let message), .computeFailed(let message):
            message
        case .noInputs(let model):
            "the request to \(model) has no inputs: send the model input or the tensors of a cut"
        case .queueFull(let capacity):
            "the edge's queue is full (\(CountPhrase.of(capacity, "request")) waiting); retry later or compute locally"
        }
    }

    /// The gRPC status code a client sees.
    public var code: RPCError.Code {
        switch self {
        case .unknownModel: .notFound
        case .queueFull: .resourceExhausted
        case .computeFailed: .internalError
        default: .invalidArgument
        }
    }

    /// The error as gRPC sends it.
    public var rpcError: RPCError {
        RPCError(code: code, message: description)
    }
}
