import Foundation
import Glibc
import Testing

/// Every flag that writes a file refuses a named pipe no one reads and a directory, naming the
/// flag and the path, with status 2, at once: `run --output` onto a FIFO used to block in `open`
/// forever.
@Suite struct OutputPathTests {
    /// What sits where splitscope is asked to write.
    enum Obstacle: String, CaseIterable, Sendable {
        case fifo, directory

        /// Makes it at `path`.
        func make(at path: String) throws {
            switch self {
            case .fifo: #expect(mkfifo(path, 0o600) == 0)
            case .directory: try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
            }
        }

        /// The words the refusal gives.
        var words: String {
            switch self {
            case .fifo: "it is a pipe with no reader"
            case .directory: "it is a directory"
            }
        }
    }

    /// One writing flag: its arguments given a scratch folder, and the path it writes there.
    struct Writer: Sendable, CustomStringConvertible {
        var flag: String
        var arguments: @Sendable (_ folder: String) throws -> [String]
        var target: @Sendable (_ folder: String) -> String
        var description: String { flag }
    }

    static let chain = ModelFileCommandTests.fixture("chain_cnn.onnx")

    static let writers: [Writer] = [
        Writer(flag: "--output", arguments: { ["run", "--model-file", chain, "--output", "\($0)/out.npy"] },
               target: { "\($0)/out.npy" }),
        Writer(flag: "--save-weights", arguments: { ["run", "--model", "smallcnn", "--save-weights", "\($0)/weights"] },
               target: { "\($0)/weights/classifier.0.bias.npy" }),
        Writer(flag: "--out", arguments: { ["export", "--model-file", chain, "--split", "1", "--out", "\($0)/parts"] },
               target: { "\($0)/parts/chain_cnn-device.onnx" }),
        Writer(flag: "--out", arguments: { ["profile", "--versions", try VersionsCommandTests.manifest(), "--out", "\($0)/profiles"] },
               target: { "\($0)/profiles/edge.profile.json" }),
        Writer(flag: "--out", arguments: { ["simulate", "--model", "smallcnn", "--duration", "1", "--bandwidth-trace",
                                            "\(FleetCommandTests.traces)/pensieve-norway_bus_1", "--out", "\($0)/s.jsonl"] },
               target: { "\($0)/s.jsonl" }),
        Writer(flag: "--out", arguments: { ["simulate", "--devices", "2", "--duration", "1", "--traces", FleetCommandTests.traces,
                                            "--versions", FleetCommandTests.manifest, "--out", "\($0)/f.jsonl"] },
               target: { "\($0)/f.jsonl" }),
        Writer(flag: "--predictions", arguments: { ["eval", "--model-file", "\(VersionsCommandTests.models)/fashion-device.onnx",
                                                    "--predictions", "\($0)/p.csv"] },
               target: { "\($0)/p.csv" }),
        Writer(flag: "--record", arguments: { ["device", "--model", "smallcnn", "--edge", "127.0.0.1:1", "--record", "\($0)/r.jsonl"] },
               target: { "\($0)/r.jsonl" }),
        Writer(flag: "--record", arguments: { ["demo", "--record", "\($0)/d.jsonl"] }, target: { "\($0)/d.jsonl" }),
    ]

    /// Runs splitscope, killing it after `seconds` so a regression shows as a failure, not a hung suite.
    static func run(_ arguments: [String], seconds: Double = 60) throws -> SplitscopeBinary.Result {
        try SplitscopeBinary.run(arguments, seconds: seconds)
    }

    @Test(arguments: writers, Obstacle.allCases)
    func aWritingFlagRefusesAPipeOrAFolderAtOnce(writer: Writer, obstacle: Obstacle) throws {
        let folder = try SplitscopeBinary.temporaryDirectory().path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let target = writer.target(folder)
        try FileManager.default.createDirectory(atPath: (target as NSString).deletingLastPathComponent,
                                                withIntermediateDirectories: true)
        try obstacle.make(at: target)
        let arguments = try writer.arguments(folder)
        let result = try Self.run(arguments)
        #expect(result.status == 2, "\(arguments): \(result.status) \(result.stderr)")
        #expect(result.stderr.contains(writer.flag) && result.stderr.contains(target) && result.stderr.contains(obstacle.words),
                "\(arguments): \(result.stderr)")
    }

    @Test func aPipeWithAReaderIsWrittenTo() throws {
        let folder = try SplitscopeBinary.temporaryDirectory().path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let fifo = "\(folder)/out.npy"
        #expect(mkfifo(fifo, 0o600) == 0)
        // A reader that holds the pipe open (non-blocking, so the test never waits on it).
        let reader = open(fifo, O_RDONLY | O_NONBLOCK)
        #expect(reader >= 0)
        defer { close(reader) }
        let result = try Self.run(["run", "--model-file", Self.chain, "--output", fifo])
        #expect(result.status == 0, "\(result.stderr)")
        var header = [UInt8](repeating: 0, count: 6)
        #expect(read(reader, &header, 6) == 6)
        #expect(header == [0x93] + Array("NUMPY".utf8))
    }
}
