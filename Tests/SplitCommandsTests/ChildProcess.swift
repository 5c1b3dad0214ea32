import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A `splitscope` child process whose output is collected as it comes, for end-to-end tests
/// that wait for a line, signal the process, and always clean it up.
final class ChildProcess: @unchecked Sendable {
    let process = Process()
    private let lock = NSLock()
    private var out = ""
    private var err = ""

    /// Starts the real binary with these arguments.
    init(_ arguments: [String]) throws {
        process.executableURL = URL(fileURLWithPath: SplitscopeBinary.path)
        process.arguments = arguments
        let outPipe = Pipe()
        let errPipe = Pipe()
        process.standardOutput = outPipe
        process.standardError = errPipe
        outPipe.fileHandleForReading.readabilityHandler = { [weak self] handle in
            let data = handle.availableData
            guard let self, !data.isEmpty else { return }
            self.lock.withLock { self.out += String(decoding: data, as: UTF8.self) }
        }
        errPipe.fileHandleForReading.readabilityHandler = { [weak self] handle in
            let data = handle.availableData
            guard let self, !data.isEmpty else { return }
            self.lock.withLock { self.err += String(decoding: data, as: UTF8.self) }
        }
        try process.run()
    }

    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }

    var stdout: String { lock.withLock { out } }
    var stderr: String { lock.withLock { err } }

    /// Polls until `condition` holds on (stdout, stderr) or `seconds` pass; the last output on timeout.
    @discardableResult
    func waitFor(_ what: String, seconds: Double, _ condition: (String, String) -> Bool) throws -> (String, String) {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            let (o, e) = (stdout, stderr)
            if condition(o, e) { return (o, e) }
            if !process.isRunning {
                let (o2, e2) = (stdout, stderr)
                if condition(o2, e2) { return (o2, e2) }
                throw ChildProcessError("\(what): the process exited with \(process.terminationStatus); stderr: \(e2)")
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
        throw ChildProcessError("\(what): not within \(seconds) s; stdout: \(stdout); stderr: \(stderr)")
    }

    /// Waits for the process to exit within `seconds`, killing it if it does not; its status.
    func waitForExit(seconds: Double) throws -> Int32 {
        let deadline = Date().addingTimeInterval(seconds)
        while process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            throw ChildProcessError("did not exit within \(seconds) s; stderr: \(stderr)")
        }
        return process.terminationStatus
    }

    /// Kills the process with SIGKILL and reaps it.
    func killNow() {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }
}

struct ChildProcessError: Error, CustomStringConvertible {
    var description: String

    init(_ description: String) {
        self.description = description
    }
}
