import Foundation
import SplitJSON
import SplitModels
import SplitTensorIO

/// ONNX Runtime timed on an ONNX file through `scripts/ort-time.py`, for `bench engine`'s comparison.
///
/// Found only when `python3` can import `onnxruntime` and the script exists; the engine never
/// needs Python. Each call runs the script once (a fresh session: its creation is not timed).
struct ONNXRuntimeTimer {
    /// The script's path.
    var script: String
    /// `onnxruntime.__version__`.
    var version: String

    /// One call's timings, and ONNX Runtime's output when asked for.
    struct Run {
        var samples: [Double]
        var output: FloatTensor?
    }

    /// The timer when Python, onnxruntime and the script are all there, else nil.
    ///
    /// `script` is the `--ort-script` path; by default `scripts/ort-time.py` in the current folder,
    /// then in the checkout the binary was built in (`.build/<config>/splitscope` → `../../scripts`).
    static func find(script given: String?) -> ONNXRuntimeTimer? {
        let binary = URL(fileURLWithPath: CommandLine.arguments.first ?? "").resolvingSymlinksInPath()
        let candidates = given.map { [$0] } ?? [
            "scripts/ort-time.py",
            binary.deletingLastPathComponent().appendingPathComponent("../../../scripts/ort-time.py").standardized.path,
            binary.deletingLastPathComponent().appendingPathComponent("../../scripts/ort-time.py").standardized.path,
        ]
        guard let script = candidates.first(where: { FileManager.default.isReadableFile(atPath: $0) }) else { return nil }
        guard let (status, out) = try? run(["-c", "import onnxruntime; print(onnxruntime.__version__)"]), status == 0 else {
            return nil
        }
        return ONNXRuntimeTimer(script: script, version: out.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// Times `repeats` runs of `file` at `threads` intra-op threads on `input` (PyTorch order).
    func time(file: String, threads: Int, repeats: Int, input: FloatTensor, compareOutput: Bool) throws -> Run {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("splitscope-ort-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let inputPath = folder.appendingPathComponent("input.npy").path
        let outputPath = folder.appendingPathComponent("output.npy").path
        guard FileManager.default.createFile(atPath: inputPath, contents: Data(NumPyFile.encode(input))) else {
            throw CommandError("\(inputPath): cannot write the file", isUsage: false)
        }
        var arguments = [script, file, "--threads", String(threads), "--repeat", String(repeats), "--input", inputPath]
        if compareOutput { arguments += ["--output", outputPath] }
        let (status, out) = try Self.run(arguments)
        guard status == 0, let line = out.split(separator: "\n").last,
              let report = try? JSONValue.parse(String(line)).objectValue,
              let samples = report["samples_ms"]?.arrayValue?.compactMap(\.doubleValue), !samples.isEmpty else {
            throw CommandError("ONNX Runtime on \(file) failed (\(script) exited with \(status)): \(out.suffix(400))",
                               isUsage: false)
        }
        var output: FloatTensor?
        if compareOutput, let data = FileManager.default.contents(atPath: outputPath) {
            output = try? NumPyFile.decode(Array(data))
        }
        return Run(samples: samples, output: output)
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
