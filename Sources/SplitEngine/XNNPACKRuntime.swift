import CXNNPACK

/// XNNPACK's process-wide start-up, done once.
enum XNNPACKRuntime {
    /// The status of the one `xnn_initialize` call (Swift runs a static's initialiser exactly once, thread-safely).
    private static let status: Int = Int(xnn_initialize(nil).rawValue)

    /// Initialises XNNPACK on first use; throws when the library refuses this machine.
    static func start() throws(EngineError) {
        guard status == 0 else { throw .initialization(status: status) }
    }

    /// Bytes XNNPACK may read past the end of an input buffer.
    static let extraBytes: Int = splitscope_xnn_extra_bytes()

    /// Throws the failing call's status, naming the layer.
    static func check(_ status: xnn_status, _ call: String, layer: String) throws(EngineError) {
        guard status == xnn_status_success else {
            throw .xnnpack(layer: layer, call: call, status: Int(status.rawValue))
        }
    }
}
