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
}
