import Foundation
@testable import SplitTraces

/// Where the trace files live, found from this source file's path so tests run from any directory.
enum TraceFiles {
    /// The package root: three levels above this file (`Tests/SplitTracesTests/TestSupport.swift`).
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()
        .deletingLastPathComponent()
        .deletingLastPathComponent()

    /// `shared/traces` beside the repository (the ten public traces and their README).
    static let shared = packageRoot.appendingPathComponent("../shared/traces").standardizedFileURL

    /// The traces shipped in the repository.
    static let samples = packageRoot.appendingPathComponent("SampleTraces/traces")

    /// Whether `shared/traces` is present next to the repository.
    static var sharedAvailable: Bool {
        FileManager.default.fileExists(atPath: shared.appendingPathComponent("README.md").path)
    }

    /// The path of `name` in `shared/traces`.
    static func sharedPath(_ name: String) -> String {
        shared.appendingPathComponent(name).path
    }

    /// A fresh temporary directory for one test.
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("splittraces-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

/// The error `reader` throws for `text`, or nil if it reads the text.
func readError(_ text: String, with reader: some BandwidthTraceReader, name: String = "t") -> TraceError? {
    do {
        _ = try reader.read(text: text, name: name)
        return nil
    } catch {
        return error
    }
}

/// Whether `value` is within `tolerance` of `expected` (nil is never close).
func isClose(_ value: Double?, _ expected: Double, tolerance: Double = 1e-9) -> Bool {
    guard let value else { return false }
    return abs(value - expected) <= tolerance
}

/// A trace from `(seconds, Mbit/s)` steps, for tests whose steps are valid.
func makeTrace(_ steps: [(seconds: Double, mbps: Double)], name: String = "toy") throws -> BandwidthTrace {
    try BandwidthTrace(name: name, steps: steps)
}
