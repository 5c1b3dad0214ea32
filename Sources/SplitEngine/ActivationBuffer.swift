import CXNNPACK
#if canImport(Glibc)
import Glibc
#endif

/// Float storage at a fixed, page-aligned address, zeroed, with XNNPACK's extra readable bytes past its end.
///
/// XNNPACK's setup keeps raw pointers to its buffers, so they must never move: Swift arrays may,
/// this never does. The memory is an anonymous mapping: aligned beyond XNNPACK's 64 bytes, zero
/// without touching a page, and allocated fallibly, so a batch too large for the process's
/// address space (`ulimit -v`, a container) is an error naming the bytes, not an abort. Unmapped
/// when the buffer is freed.
final class ActivationBuffer {
    let pointer: UnsafeMutablePointer<Float>
    /// Elements usable (the padding past them is not counted).
    let count: Int
    /// Bytes mapped, padding included.
    private let mappedBytes: Int

    /// A zeroed buffer of `count` floats, or ``EngineError/outOfMemory(bytes:what:)`` naming
    /// `what` ("activations for resnet18 at batch 2000") when the system cannot give it.
    init(count: Int, what: @autoclosure () -> String) throws(EngineError) {
        let (floatBytes, overflow) = max(count, 1).multipliedReportingOverflow(by: MemoryLayout<Float>.stride)
        guard count >= 0, !overflow, floatBytes <= Int.max - XNNPACKRuntime.extraBytes else {
            throw .outOfMemory(bytes: count, what: what())
        }
        let bytes = floatBytes + XNNPACKRuntime.extraBytes
        let raw = mmap(nil, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0)
        guard let raw, raw != MAP_FAILED else { throw .outOfMemory(bytes: bytes, what: what()) }
        self.count = count
        mappedBytes = bytes
        pointer = raw.bindMemory(to: Float.self, capacity: bytes / MemoryLayout<Float>.stride)
    }

    /// Bytes of activations it holds (the padding excluded).
    var byteCount: Int { count * MemoryLayout<Float>.stride }

    deinit {
        munmap(UnsafeMutableRawPointer(pointer), mappedBytes)
    }
}
