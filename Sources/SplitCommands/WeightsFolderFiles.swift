import Foundation
import SplitModels
import SplitTensorIO

/// Reading and writing a weights folder (`--weights DIR`, `run --save-weights DIR`) on disk; the
/// format itself is ``WeightsFolder``'s.
enum WeightsFolderFiles {
    /// The weights in the folder at `path` for `graph`, or a usage error naming the flag, the file and the layer.
    static func read(_ path: String, for graph: ModelGraph, flag: String) throws(CommandError) -> ModelWeights {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw CommandError("\(flag) \(path): no such folder (give seed:N or a weights folder; docs/weights-folder.md)")
        }
        guard isDirectory.boolValue else {
            throw CommandError("\(flag) \(path): it is a file, not a weights folder of LAYER.ROLE.npy files (docs/weights-folder.md)")
        }
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: path).filter { $0.hasSuffix(".npy") }
        } catch {
            throw CommandError("\(flag) \(path): cannot list the folder: permission denied or not readable")
        }
        var files = [String: [UInt8]]()
        for name in names {
            let file = (path as NSString).appendingPathComponent(name)
            do {
                files[name] = try InputFile.readData(path: file, what: "weights file")
            } catch {
                throw CommandError("\(flag): \(error.message)")
            }
        }
        do {
            return try WeightsFolder.decode(files, for: graph)
        } catch {
            // A file's problem names the file inside the folder; a missing file names the folder.
            throw CommandError("\(flag) " + (error.file.map { "\(path)/\($0): \(error.message)" } ?? "\(path): \(error.message)"))
        }
    }

    /// Writes `weights` for `graph` as a weights folder at `path` (made if missing; files in it are replaced).
    static func write(_ weights: ModelWeights, for graph: ModelGraph, to path: String, flag: String) throws(CommandError) {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue {
            throw CommandError("\(flag) \(path): it is a file; give a folder to write the weights into")
        }
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw CommandError("\(flag) \(path): cannot create the folder")
        }
        for (name, bytes) in WeightsFolder.encode(weights, for: graph).sorted(by: { $0.key < $1.key }) {
            try OutputFile.write(bytes, to: (path as NSString).appendingPathComponent(name), flag: flag)
        }
    }
}
