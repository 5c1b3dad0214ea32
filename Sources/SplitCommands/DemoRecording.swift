import Foundation

/// The device rows of `bench live` at the demo's settings: this binary's `demo`, run headless in a
/// child process, read back from its recording.
enum DemoRecording {
    /// Runs `splitscope demo --duration seconds --record TMP` and returns its frames; the
    /// recording's folder is removed afterwards.
    static func measure(seconds: Double) throws -> SessionFramesSource {
        guard let executable = Bundle.main.executablePath ?? CommandLine.arguments.first else {
            throw CommandError("cannot find this binary to run the demo", isUsage: false)
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("splitscope-bench-demo-\(UUID().uuidString)")
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw CommandError("cannot create a folder for the demo's recording: \(error)", isUsage: false)
        }
        defer { try? FileManager.default.removeItem(at: folder) }
        let record = folder.appendingPathComponent("demo.jsonl").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["demo", "--duration", "\(seconds)", "--record", record]
        process.standardOutput = FileHandle.nullDevice
        let errors = Pipe()
        process.standardError = errors
        Console.error("running `splitscope demo --duration \(Format.fixed(seconds, 0))` for the device rows…")
        do {
            try process.run()
        } catch {
            throw CommandError("cannot run the demo: \(error)", isUsage: false)
        }
        let said = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw CommandError("the demo failed (status \(process.terminationStatus)): "
                + String(decoding: said, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines), isUsage: false)
        }
        return try SessionFramesSource(path: record)
    }
}
