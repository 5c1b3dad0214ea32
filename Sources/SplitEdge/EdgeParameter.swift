/// The names of the request and response parameters the edge reads and writes (see
/// docs/edge-protocol.md), stated once.
public enum EdgeParameter {
    /// Request and response: the sender's frame number, echoed back.
    public static let frameID = "frame_id"
    /// Request and response: the sender's partition (free text, e.g. `split:7`), echoed back.
    public static let partition = "partition"
    /// Response: milliseconds the engine spent computing the request.
    public static let computeMilliseconds = "edge_compute_ms"
    /// Response: milliseconds the request waited in the edge's queue.
    public static let queueMilliseconds = "edge_queue_ms"
    /// Response: requests waiting in the queue when this one finished.
    public static let queueLength = "edge_queue_length"
    /// Response: share of the recent window the edge's workers were computing, 0…1.
    public static let busyFraction = "edge_busy_fraction"
    /// Response: layers the edge ran for this request.
    public static let layersRun = "edge_layers"

    // Many devices, one edge: what a device says about itself, and the share the edge gives it.

    /// Request: the device's stable id; a request without it is served as a plain OIP client's.
    public static let deviceID = "device_id"
    /// Request: the device's task weight, 0 (only latency counts) to 1 (only accuracy).
    public static let taskWeight = "task_weight"
    /// Request: the device's latency SLO in ms.
    public static let sloMilliseconds = "slo_ms"
    /// Request: the device's round-trip time to the edge in ms.
    public static let rttMilliseconds = "rtt_ms"
    /// Request: the rate the device's channel gives it now, in Mbit/s (its estimate).
    public static let bandwidthMbps = "bandwidth_mbps"
    /// Request: the generation of the device's options table (sent with every request).
    public static let optionsGeneration = "options_generation"
    /// Request: the device's options table, a compact JSON string (sent when its generation changes).
    public static let options = "options"
    /// Response: the device's fraction of the edge's compute, 0…1.
    public static let computeShare = "compute_share"
    /// Response: the device's fraction of the shared uplink, 0…1.
    public static let bandwidthShare = "bandwidth_share"
    /// Response: the model version the allocation assigns the device.
    public static let assignedVersion = "assigned_version"
    /// Response: the split (layers on the device) the allocation assigns the device.
    public static let assignedSplit = "assigned_split"
    /// Request: the generation of the allocation the device last recorded. Response: the
    /// generation of the allocation these shares come from.
    public static let allocationGeneration = "allocation_generation"
    /// Response: the whole allocation as a JSON string, when its generation is new to the device.
    public static let allocation = "allocation"
    /// Response: the uplink the devices share, in Mbit/s (absent when the edge does not constrain it).
    public static let uplinkMbps = "edge_uplink_mbps"
    /// Response: the edge holds no options table of the device's current generation: send it again.
    public static let optionsWanted = "options_wanted"
    /// Response: why the edge could not use what the device said (a malformed table, a bad field).
    public static let allocationError = "allocation_error"
}
