import Foundation
import Glibc
import Testing

/// Every flag that reads a file refuses a pipe, naming it, with status 2: a named pipe with no
/// writer would block the open forever, and `/dev/stdin` from a pipe used to give "cannot read
/// the input tensor" although the check let pipes through.
@Suite struct NonRegularFileTests {
    /// Runs splitscope, killing it after `seconds` so a regression shows as a failure, not a hung suite.
    private func run(_ arguments: [String], stdin: Pipe? = nil, seconds: Double = 60) throws -> SplitscopeBinary.Result {
        try SplitscopeBinary.run(arguments, stdin: stdin, seconds: seconds)
    }

    @Test func aNamedPipeIsRefusedByEveryFileFlag() throws {
        let directory = try SplitscopeBinary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let fifo = directory.appendingPathComponent("pipe").path
        #expect(mkfifo(fifo, 0o600) == 0)
        // A weights folder holding a pipe among its files.
        let weights = directory.appendingPathComponent("weights")
        try FileManager.default.createDirectory(at: weights, withIntermediateDirectories: true)
        #expect(mkfifo(weights.appendingPathComponent("conv1.weight.npy").path, 0o600) == 0)
        let chain = ModelFileCommandTests.fixture("chain_cnn.onnx")
        let cases: [[String]] = [
            ["run", "--model-file", fifo],
            ["profile", "--model-file", fifo],
            ["inspect", "--model-file", fifo],
            ["edge", "--model-file", fifo, "--listen", "127.0.0.1:0"],
            ["bench", "engine", "--model-file", fifo, "--repeat", "1", "--rounds", "1", "--allow-debug"],
            ["run", "--model-file", chain, "--input", fifo],
            ["run", "--model", "smallcnn", "--weights", weights.path],
            ["simulate", "--model", "smallcnn", "--duration", "1", "--bandwidth-trace", fifo],
            ["inspect", "--profile", fifo],
            ["summarize", fifo],
            ["replay", fifo],
            ["profile", "--versions", fifo, "--out", directory.path],
        ]
        for args in cases {
            let result = try run(args)
            #expect(result.status == 2, "\(args): \(result.status) \(result.stderr)")
            #expect(result.stderr.contains("pipe"), "\(args): \(result.stderr)")
        }
    }

    /// `--input /dev/stdin` fed by a pipe: refused in the same words as any pipe, at once.
    @Test func standardInputFromAPipeIsRefusedClearly() throws {
        let feed = Pipe()
        let result = try run(["run", "--model-file", ModelFileCommandTests.fixture("chain_cnn.onnx"), "--input", "/dev/stdin"],
                             stdin: feed)
        try? feed.fileHandleForWriting.close()
        #expect(result.status == 2)
        #expect(result.stderr.contains("/dev/stdin: cannot read the input tensor: it is a pipe"), "\(result.stderr)")
    }
}
