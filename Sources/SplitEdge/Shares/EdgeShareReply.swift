import SplitModels
import SplitOIP

/// What an edge's response tells the device that sent the request about its share (the response
/// parameters of docs/edge-protocol.md, "Many devices, one edge"), read leniently: a device uses
/// what it can and never fails a frame over a share; a number outside its ``Quantity``'s range is left out.
public struct EdgeShareReply: Hashable, Sendable {
    /// The device's fraction of the edge's compute and of the shared uplink (nil: no share yet).
    public var computeShare: Double?
    public var bandwidthShare: Double?
    /// The version and split the allocation assigns the device.
    public var version: String?
    public var split: Int?
    /// The allocation's generation.
    public var generation: Int?
    /// The whole allocation, JSON (when its generation is new to the device).
    public var allocation: String?
    /// The uplink the devices share, in Mbit/s (nil: the edge does not constrain it).
    public var uplinkMbps: Double?
    /// The edge lacks the device's options table: send it again.
    public var optionsWanted: Bool
    /// What the edge could not use of what the device sent.
    public var error: String?

    /// The reply in a response's parameters; nil when the response carries none of it (a plain
    /// response: the edge is not splitscope's, or the request named no device).
    public init?(_ parameters: [String: Inference_InferParameter]) {
        // Each number within its quantity's range (the catalogue's), else left out.
        func number(_ key: String, _ quantity: Quantity) -> Double? {
            guard let value = parameters[key]?.number, quantity.accepts(value) else { return nil }
            return value
        }
        computeShare = number(EdgeParameter.computeShare, .share)
        bandwidthShare = number(EdgeParameter.bandwidthShare, .share)
        version = parameters[EdgeParameter.assignedVersion]?.text
        split = number(EdgeParameter.assignedSplit, .layerCount).map { Int($0) }
        generation = number(EdgeParameter.allocationGeneration, .generation).map { Int($0) }
        allocation = parameters[EdgeParameter.allocation]?.text
        uplinkMbps = number(EdgeParameter.uplinkMbps, .bandwidthMbps)
        if case .boolParam(true) = parameters[EdgeParameter.optionsWanted]?.parameterChoice {
            optionsWanted = true
        } else {
            optionsWanted = false
        }
        error = parameters[EdgeParameter.allocationError]?.text
        if computeShare == nil, generation == nil, !optionsWanted, error == nil { return nil }
    }
}
