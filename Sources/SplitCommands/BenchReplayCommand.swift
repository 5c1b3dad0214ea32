import ArgumentParser
import SplitModels
import SplitSession
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `splitscope bench replay`: checks that replay opens and seeks a long session fast enough.
///
/// Writes a synthetic session of `--events` events, times opening its index and 1,000 random
/// seeks, and prints measured against target (open ≤ 2 s, seek ≤ 10 ms, index ≤ 200 B/event).
/// The session file is deleted afterwards.
///
/// ```
/// $ splitscope bench replay --events 1000000
/// metric                   | measured | target | ratio | pass
/// open 1,000,000 events    | 0.263 s  | ≤ 2 s  | 0.132 | yes
/// ...
/// ```
public struct BenchReplayCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Time opening and seeking a large session recording."
    )

    @OptionGroup var build: BenchBuild

    @Option(name: .customLong("events"), parsing: .unconditional, help: "Events in the synthetic session, the header included (2 or more).")
    var eventCount: FlagInteger = 1_000_000

    /// `--events`, once checked.
    private var events: Int { Int(Quantity.repetitions.clamp(eventCount)) }

    @Option(name: .customLong("dir"), help: "Directory for the session file (default: a new temporary directory).")
    var directory: String?

    public init() {}

    public func run() throws {
        var range = Quantity.repetitions
        range.lowest = 2
        _ = try range.checked(eventCount, flag: "--events")
        try build.check()
        var madeDirectory: String?
        let directory: String
        if let given = self.directory {
            directory = given
        } else {
            guard let made = Self.makeTemporaryDirectory() else {
                throw ValidationError("cannot create a temporary directory; pass --dir")
            }
            madeDirectory = made
            directory = made
        }
        defer {
            if let madeDirectory { rmdir(madeDirectory) }
        }
        let result: ReplayBenchmarkResult
        do {
            result = try ReplayBenchmark.run(eventCount: events, directory: directory)
        } catch {
            throw CommandError(self.directory == nil ? "\(error)" : "--dir: \(error)", isUsage: self.directory != nil)
        }
        print(result.table)
    }

    /// A new directory under `$TMPDIR` (or `/tmp`), or `nil` if it cannot be made.
    private static func makeTemporaryDirectory() -> String? {
        let base = getenv("TMPDIR").map { String(cString: $0) }.flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        var template = Array("\(base)/splitscope-bench-XXXXXX".utf8CString)
        return template.withUnsafeMutableBufferPointer { buffer in
            buffer.baseAddress.flatMap { mkdtemp($0) }.map { String(cString: $0) }
        }
    }
}
