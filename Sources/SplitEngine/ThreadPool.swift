import CXNNPACK

/// The worker threads XNNPACK splits each operator across; one thread means the calling thread.
///
/// pthreadpool workers spin only briefly after a parallel operator finishes, then sleep on a futex,
/// so a pool does not burn a core while its process waits on the network.
///
/// `@unchecked Sendable`: the pool handle is created in `init`, never reassigned, and destroyed in
/// `deinit`; pthreadpool serialises the operators submitted to it.
public final class ThreadPool: @unchecked Sendable {
    /// The threads operators run on (1 when the pool is the calling thread).
    public let threads: Int
    /// The pthreadpool handle, nil when running on the calling thread.
    let handle: pthreadpool_t?

    /// A pool of `threads` workers; 1 (or fewer) runs everything on the calling thread.
    public init(threads: Int) {
        if threads > 1 {
            handle = pthreadpool_create(threads)
            self.threads = handle.map { Int(pthreadpool_get_threads_count($0)) } ?? 1
        } else {
            handle = nil
            self.threads = 1
        }
    }

    deinit {
        if let handle { pthreadpool_destroy(handle) }
    }
}
