@testable import SplitEngine
import SplitModels
import Testing

/// Activation buffers are allocated fallibly: a size the system cannot give is an
/// ``EngineError/outOfMemory(bytes:what:)`` naming what it was for, never an abort.
@Suite struct ActivationBufferTests {
    @Test func aBufferIsZeroedAndAligned() throws {
        let buffer = try ActivationBuffer(count: 1000, what: "a test")
        #expect(Int(bitPattern: buffer.pointer) % 64 == 0)
        #expect((0..<1000).allSatisfy { buffer.pointer[$0] == 0 })
        #expect(buffer.byteCount == 4000)
    }

    @Test(arguments: [1 << 46, 1 << 61, Int.max / 2])
    func aBufferBeyondTheAddressSpaceIsAnError(count: Int) {
        #expect {
            _ = try ActivationBuffer(count: count, what: "activations for huge at batch 9")
        } throws: { error in
            guard case .outOfMemory(_, let what) = error as? EngineError else { return false }
            return what == "activations for huge at batch 9"
                && "\(error)".hasSuffix("bytes of activations for huge at batch 9: out of memory (address-space limit?)")
        }
    }
}
