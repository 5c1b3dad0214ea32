import Foundation
@testable import SplitTraces

/// Where the trace files live, found from this source file's path so tests run from any directory.
enum TraceFiles {
    /// The package root: three levels above this file (`Tests/SplitTracesTests/TestSupport.swift`).
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()
        .deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The ten public traces and their README: `$SPLITSCOPE_SHARED_TRACES` if set, else
    /// `shared/traces` beside the repository (where CI and the developers' machines have it).
    ///
    /// To run these tests elsewhere, fetch that folder and point the variable at it:
    /// `SPLITSCOPE_SHARED_TRACES=/path/to/traces swift test --filter SharedTraceTests`.
    static let shared: URL = {
        if let path = ProcessInfo.processInfo.environment["SPLITSCOPE_SHARED_TRACES"], !path.isEmpty {
            return URL(fileURLWithPath: path).standardizedFileURL
        }
        return packageRoot.appendingPathComponent("../shared/traces").standardizedFileURL
    }()

    /// The traces shipped in the repository.
    static let samples = packageRoot.appendingPathComponent("SampleTraces/traces")

    /// Whether the shared traces' tests run: when the folder is there, or when
    /// `SPLITSCOPE_SHARED_TRACES` names one (then a missing folder fails the tests instead of
    /// skipping them; CI sets it so they can never be skipped there silently).
    static var sharedAvailable: Bool {
        ProcessInfo.processInfo.environment["SPLITSCOPE_SHARED_TRACES"].map { !$0.isEmpty } ?? false
            || FileManager.default.fileExists(atPath: shared.appendingPathComponent("README.md").path)
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
