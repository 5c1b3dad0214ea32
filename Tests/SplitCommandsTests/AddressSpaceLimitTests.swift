import Foundation
import Testing

/// A model too large for the process's address space (`ulimit -v`, a container's limit) is a
/// message naming the bytes and the likely cause, with status 2, never an abort: `run --batch 2000`
/// under `ulimit -v 6000000` used to end with "failed to allocate 6422528016 bytes", signal 6.
@Suite struct AddressSpaceLimitTests {
    /// Runs splitscope under `ulimit -v kilobytes` (set by the shell that then becomes splitscope).
    static func run(_ arguments: [String], addressSpaceKB: Int) throws -> (status: Int32, signalled: Bool, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "ulimit -v \(addressSpaceKB) && exec \"$0\" \"$@\"", SplitscopeBinary.path] + arguments
        let err = Pipe()
        process.standardOutput = FileHandle.nullDevice
        process.standardError = err
        try process.run()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, process.terminationReason == .uncaughtSignal, String(decoding: errData, as: UTF8.self))
    }

    @Test("a batch whose activations exceed the address space is refused before the model is built")
    func theActivationsAreRefusedUpFront() throws {
        // 7.6 GB of input and largest activation against a 3 GB address space.
        let result = try Self.run(["run", "--model", "resnet18", "--batch", "2000"], addressSpaceKB: 3_000_000)
        #expect(!result.signalled && result.status == 2, "\(result.status): \(result.stderr)")
        #expect(result.stderr.contains("--batch 2000: cannot allocate 7,626,752,000 bytes of activations for resnet18 at batch 2000: "
            + "out of memory (address-space limit?)"), "\(result.stderr)")
    }

    @Test("an activation buffer the system refuses is an error, not an abort")
    func aRefusedBufferIsAnError() throws {
        // smallcnn at batch 8192: the input and largest activation (1.2 GB) fit under 1.9 GB, the
        // engine's buffers together (2.3 GB) do not, so the engine's own allocation fails.
        let result = try Self.run(["run", "--model", "smallcnn", "--batch", "8192"], addressSpaceKB: 1_900_000)
        #expect(!result.signalled && result.status == 2, "\(result.status): \(result.stderr)")
        #expect(result.stderr.contains("smallcnn: the engine cannot run it: cannot allocate "), "\(result.stderr)")
        #expect(result.stderr.contains(" bytes of activations for smallcnn at batch 8192: out of memory (address-space limit?)"),
                "\(result.stderr)")
        #expect(!result.stderr.contains("Fatal error"), "\(result.stderr)")
    }
}
