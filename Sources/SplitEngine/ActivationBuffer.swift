import CXNNPACK
#if canImport(Glibc)
import Glibc
#endif

/// Float storage at a fixed, 64-byte-aligned address, with XNNPACK's extra readable bytes past its end.
///
/// XNNPACK's setup keeps raw pointers to its buffers, so they must never move: Swift arrays may,
/// this never does. Freed when the buffer is.
final class ActivationBuffer {
    let pointer: UnsafeMutablePointer<Float>
    /// Elements usable (the padding past them is not counted).
    let count: Int

    init(count: Int) {
        self.count = count
        let bytes = max(count, 1) * MemoryLayout<Float>.stride + XNNPACKRuntime.extraBytes
        let raw = UnsafeMutableRawPointer.allocate(byteCount: bytes, alignment: 64)
        raw.initializeMemory(as: UInt8.self, repeating: 0, count: bytes)
        pointer = raw.bindMemory(to: Float.self, capacity: bytes / MemoryLayout<Float>.stride)
    }

    /// Bytes of activations it holds (the padding excluded).
    var byteCount: Int { count * MemoryLayout<Float>.stride }

    deinit {
        UnsafeMutableRawPointer(pointer).deallocate()
    }
}
