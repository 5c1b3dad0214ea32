import Foundation
import SplitTestSupport

/// Runs the real `splitscope` binary that `swift build` put beside the test bundle.
enum SplitscopeBinary {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The built executable: `$SPLITSCOPE_BINARY` when set (`.ci/run` points it at the release
    /// build for the end-to-end tests, since some faults show only there), else the one next to
    /// this test bundle in the build folder.
    static var path: String {
        if let chosen = ProcessInfo.processInfo.environment["SPLITSCOPE_BINARY"], !chosen.isEmpty {
            return URL(fileURLWithPath: chosen).standardizedFileURL.path
        }
        let exe = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        return exe.deletingLastPathComponent().appendingPathComponent("splitscope").path
    }

    /// Runs splitscope with the arguments and collects its output.
    static func run(_ arguments: [String]) throws -> Result {
        try run(arguments, stdin: nil, seconds: nil)
    }

    /// Runs splitscope with the arguments (and `stdin` as its standard input when given), killing
    /// it after `seconds` when given, so a regression that would hang shows as a failure, not a
    /// hung suite.
    static func run(_ arguments: [String], stdin: Pipe? = nil, seconds: Double?, in directory: URL? = nil) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        if let stdin { process.standardInput = stdin }
        try process.run()
        let watchdog = DispatchWorkItem { if process.isRunning { process.terminate() } }
        if let seconds { DispatchQueue.global().asyncAfter(deadline: .now() + seconds, execute: watchdog) }
        // Read before waiting so a large output cannot fill the pipe and stall the child.
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        watchdog.cancel()
        return Result(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errData, as: UTF8.self))
    }

    /// A fresh temporary directory for files a test writes.
    /// (Removed when the test process exits.)
    static func temporaryDirectory() throws -> URL {
        try ScratchDirectory.make(prefix: "splitscope-tests")
    }
}
