#if canImport(Glibc)
import Glibc
#endif

/// Whether this process can allocate a block of a given size now, asked of the allocator itself.
///
/// Swift arrays abort the process when an allocation fails ("failed to allocate N bytes"), and
/// the machine's physical memory says nothing about an address-space limit (`ulimit -v`) or a
/// container's. Before making an array whose size comes from input (a flag, a file's header), a
/// reader asks here and throws its own error instead: `malloc` of a large block only reserves
/// address space (no page is touched), so asking is cheap, and the block is freed at once.
///
/// ```swift
/// guard MemoryProbe.canAllocate(bytes: count * 4) else { throw NumPyError("cannot allocate …") }
/// let elements = [Float](repeating: 0, count: count)
/// ```
public enum MemoryProbe {
    /// True when `malloc(bytes)` succeeds (the block is freed before returning); false when it
    /// fails or `bytes` is negative.
    public static func canAllocate(bytes: Int) -> Bool {
        guard bytes >= 0 else { return false }
        guard let block = malloc(max(bytes, 1)) else { return false }
        free(block)
        return true
    }

    /// The words every "cannot allocate" message ends with: why an allocation this size can fail
    /// on a machine with the memory for it.
    public static let failureReason = "out of memory (address-space limit?)"
}
