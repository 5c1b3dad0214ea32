import Foundation
import SplitEngine
import SplitModels
import SplitRandom
import SplitTensorIO

/// Where the device's camera frames come from: synthetic seeded images, or `.npy` files from a
/// folder, taken in name order and looped.
public enum FrameSource: Hashable, Sendable {
    /// Images of uniform noise in [-1, 1), a different one per frame, the same for the same seed.
    case synthetic(seed: UInt64)
    /// Every `.npy` file of a folder, each a float32 tensor of the model's input shape (NCHW,
    /// with or without the batch), in name order, looped.
    case folder(String)
}

/// Frames made ready for the engine: what ``FrameSource`` names, checked against the model input.
struct FrameFeed: Sendable {
    let sampleShape: TensorShape
    let batch: Int
    private let seed: UInt64?
    private let files: [BatchTensor]

    /// Loads and checks the frames; a file of the wrong shape is an error naming it.
    init(_ source: FrameSource, graph: ModelGraph) throws(FrameSourceError) {
        sampleShape = graph.inputShape
        batch = graph.batchSize
        switch source {
        case .synthetic(let seed):
            self.seed = seed
            files = []
        case .folder(let path):
            seed = nil
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
                throw FrameSourceError("\(path): no such folder")
            }
            guard isFolder.boolValue else { throw FrameSourceError("\(path): it is a file, not a folder of .npy frames") }
            let names: [String]
            do {
                names = try FileManager.default.contentsOfDirectory(atPath: path).filter { $0.hasSuffix(".npy") }.sorted()
            } catch {
                throw FrameSourceError("\(path): cannot list the folder: \(error.localizedDescription)")
            }
            guard !names.isEmpty else { throw FrameSourceError("\(path): no .npy files in the folder") }
            var loaded = [BatchTensor]()
            let wanted = [graph.batchSize] + graph.inputShape.dims
            for name in names {
                let file = (path as NSString).appendingPathComponent(name)
                guard let data = FileManager.default.contents(atPath: file) else {
                    throw FrameSourceError("\(file): cannot read it")
                }
                let tensor: FloatTensor
                do {
                    tensor = try NumPyFile.decode([UInt8](data))
                } catch {
                    throw FrameSourceError("\(file): \(error)")
                }
                // Like ONNX Runtime (and `run --input`), a frame without the batch axis is refused rather than guessed at.
                guard tensor.shape == wanted, let batchTensor = BatchTensor(channelsFirst: tensor) else {
                    throw FrameSourceError("\(file): shape \(NumPyFile.shapeText(tensor.shape)), the model \(graph.name) "
                        + "takes \(NumPyFile.shapeText(wanted))" + NumPyFile.missingBatchHint(tensor.shape, expected: wanted))
                }
                if let index = ValueGuard.firstRefusedInput(tensor.elements) {
                    throw FrameSourceError("\(file): \(ValueGuard.refusal(element: index, value: tensor.elements[index]))")
                }
                loaded.append(batchTensor)
            }
            files = loaded
        }
    }

    /// Frame number `index`.
    func frame(_ index: Int) -> BatchTensor? {
        frame(index, batch: batch)
    }

    /// Frame number `index` with `size` samples (an operator's batch change): synthetic frames
    /// are drawn at that size; files give their samples in order, looped, `size` at a time (at
    /// the files' own batch size, one file a frame).
    func frame(_ index: Int, batch size: Int) -> BatchTensor? {
        let size = max(1, size)
        if let seed {
            var random = SplitMix64(seed: seed &+ UInt64(truncatingIfNeeded: index) &* 0x9E37_79B9_7F4A_7C15)
            let count = size * sampleShape.elementCount
            let elements = (0..<count).map { _ in Float(random.unit() * 2 - 1) }
            return BatchTensor(sampleShape: sampleShape, batch: size, elements: elements)
        }
        guard !files.isEmpty else { return nil }
        if size == batch { return files[index % files.count] }
        let perSample = sampleShape.elementCount
        let total = files.count * batch
        var elements = [Float]()
        elements.reserveCapacity(size * perSample)
        for j in 0..<size {
            let sample = (index &* size &+ j) % total
            let file = files[sample / batch]
            let start = (sample % batch) * perSample
            elements.append(contentsOf: file.elements[start..<(start + perSample)])
        }
        return BatchTensor(sampleShape: sampleShape, batch: size, elements: elements)
    }
}

/// The frames cannot be had: the message names the folder or file.
public struct FrameSourceError: Error, Hashable, Sendable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}

extension FrameSource {
    /// Reads and checks the frames as the device will (every file of a folder against `graph`'s
    /// input), so a command can refuse a broken folder as a usage error before it connects.
    public func check(graph: ModelGraph) throws(FrameSourceError) {
        _ = try FrameFeed(self, graph: graph)
    }
}
