import Foundation
import SplitJSON
import SplitModels
import SplitTensorIO
import SplitTerminal

/// ONNX Runtime timed on an ONNX file through `scripts/ort-time.py`, for `bench engine`'s comparison.
///
/// Found only when `python3` can import `onnxruntime` and the script exists; the engine never
/// needs Python. A `Session` keeps one ONNX Runtime session open so its runs can alternate with
/// the engine's one by one (its creation is not timed).
struct ONNXRuntimeTimer {
    /// The script's path.
    var script: String
    /// `onnxruntime.__version__`.
    var version: String

    /// The timer when Python, onnxruntime and the script are all there, else nil.
    ///
    /// `script` is the `--ort-script` path; by default `scripts/ort-time.py` where every bundled
    /// file is looked for (``BundledFile``: the current folder, then the checkout or install of the binary).
    static func find(script given: String?) -> ONNXRuntimeTimer? {
        guard let script = given.map({ FileManager.default.isReadableFile(atPath: $0) ? $0 : nil }) ?? BundledFile.locate("scripts/ort-time.py"),
              FileManager.default.isReadableFile(atPath: script) else { return nil }
        guard let (status, out) = try? run(["-c", "import onnxruntime; print(onnxruntime.__version__)"]), status == 0 else {
            return nil
        }
        return ONNXRuntimeTimer(script: script, version: out.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// A running ONNX Runtime session on one file, timing runs on request.
    ///
    /// The script runs with `--serve`: its session is created and warmed once, then each `time(_:)`
    /// asks for a few runs, so the caller can alternate them with its own.
    final class Session {
        private let process = Process()
        private let requests = Pipe()
        private let replies = Pipe()
        private var pending = [UInt8]()
        private let file: String
        private let folder: URL
        /// ONNX Runtime's output on the input, in PyTorch order, when it could be read.
        private(set) var output: FloatTensor?

        /// Starts the session on `file` at `threads` intra-op threads, with `input` (PyTorch order).
        init(timer: ONNXRuntimeTimer, file: String, threads: Int, input: FloatTensor) throws {
            self.file = file
            folder = FileManager.default.temporaryDirectory.appendingPathComponent("splitscope-ort-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let inputPath = folder.appendingPathComponent("input.npy").path
            let outputPath = folder.appendingPathComponent("output.npy").path
            try OutputFile.write(NumPyFile.encode(input), to: inputPath, flag: "ONNX Runtime's input")
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["python3", timer.script, file, "--threads", String(threads), "--input", inputPath,
                                 "--output", outputPath, "--serve"]
            process.standardInput = requests
            process.standardOutput = replies
            process.standardError = FileHandle.nullDevice
            try process.run()
            guard let ready = try readReply(), ready["ready"]?.boolValue == true else {
                throw CommandError("ONNX Runtime could not run \(file) (\(timer.script) --serve gave no ready line)")
            }
            if let data = FileManager.default.contents(atPath: outputPath) {
                output = try? NumPyFile.decode(Array(data))
            }
        }

        deinit {
            try? requests.fileHandleForWriting.close()
            process.waitUntilExit()
            try? FileManager.default.removeItem(at: folder)
        }

        /// The times of `runs` runs, in milliseconds.
        func time(_ runs: Int) throws -> [Double] {
            requests.fileHandleForWriting.write(Data("\(runs)\n".utf8))
            guard let reply = try readReply(), let samples = reply["samples_ms"]?.arrayValue?.compactMap(\.doubleValue),
                  samples.count == runs else {
                throw CommandError("ONNX Runtime on \(file) stopped answering", isUsage: false)
            }
            return samples
        }

        /// The next line of the script's output as a JSON object; nil at end of output.
        private func readReply() throws -> JSONObject? {
            while !pending.contains(UInt8(ascii: "\n")) {
                let chunk = replies.fileHandleForReading.availableData
                guard !chunk.isEmpty else { return nil }
                pending += chunk
            }
            guard let end = pending.firstIndex(of: UInt8(ascii: "\n")) else { return nil }
            let line = String(decoding: pending[..<end], as: UTF8.self)
            pending.removeSubrange(...end)
            return try? JSONValue.parse(line).objectValue
        }
    }

    /// Runs `python3` with `arguments`; its exit status and standard output (standard error joins it on failure).
    private static func run(_ arguments: [String]) throws -> (Int32, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let status = process.terminationStatus
        let text = String(decoding: outData, as: UTF8.self) + (status == 0 ? "" : String(decoding: errData, as: UTF8.self))
        return (status, text)
    }
}
