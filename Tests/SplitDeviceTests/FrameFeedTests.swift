import Foundation
import SplitEngine
import SplitModels
import SplitTensorIO
import SplitTestSupport
import Testing
@testable import SplitDevice

/// The device's frames: seeded synthetic images, or `.npy` files checked against the model input,
/// with every broken folder or file named in the error.
@Suite("Frame feed")
struct FrameFeedTests {
    let graph: ModelGraph

    init() throws {
        graph = try ModelZoo.model(named: "smallcnn", inputElement: .float32)
    }

    func write(_ tensor: FloatTensor, _ name: String, in folder: URL) throws {
        try Data(NumPyFile.encode(tensor)).write(to: folder.appendingPathComponent(name))
    }

    @Test("synthetic frames are seeded: the same seed gives the same frame, another frame differs")
    func synthetic() throws {
        let a = try FrameFeed(.synthetic(seed: 7), graph: graph)
        let b = try FrameFeed(.synthetic(seed: 7), graph: graph)
        #expect(a.frame(3) == b.frame(3))
        #expect(a.frame(3) != a.frame(4))
        let frame = try #require(a.frame(0))
        #expect(frame.sampleShape == graph.inputShape)
        #expect(frame.elements.allSatisfy { $0 >= -1 && $0 < 1 })
    }

    @Test("a folder's files are used in name order and looped")
    func folder() throws {
        let dir = try ScratchDirectory.make(prefix: "frame-feed")
        let dims = graph.inputShape.dims
        let count = graph.inputShape.elementCount
        try write(try #require(FloatTensor(shape: [1] + dims, elements: [Float](repeating: 1, count: count))), "b.npy", in: dir)
        try write(try #require(FloatTensor(shape: [1] + dims, elements: [Float](repeating: 0.5, count: count))), "a.npy", in: dir)
        try Data("not a tensor".utf8).write(to: dir.appendingPathComponent("notes.txt"))
        let feed = try FrameFeed(.folder(dir.path), graph: graph)
        #expect(feed.frame(0)?.elements.first == 0.5)
        #expect(feed.frame(1)?.elements.first == 1)
        #expect(feed.frame(2)?.elements.first == 0.5)
    }

    @Test("at another batch size, frames hold that many samples: synthetic ones drawn, files' samples taken in order, looped")
    func resized() throws {
        let count = graph.inputShape.elementCount
        let synthetic = try FrameFeed(.synthetic(seed: 7), graph: graph)
        let four = try #require(synthetic.frame(2, batch: 4))
        #expect(four.batch == 4 && four.elements.count == 4 * count)
        #expect(synthetic.frame(2, batch: 1) == synthetic.frame(2), "the feed's own size is the frame it always gave")
        let dir = try ScratchDirectory.make(prefix: "frame-feed")
        let dims = graph.inputShape.dims
        for (value, name) in [(Float(0.25), "a.npy"), (0.5, "b.npy"), (0.75, "c.npy")] {
            try write(try #require(FloatTensor(shape: [1] + dims, elements: [Float](repeating: value, count: count))), name, in: dir)
        }
        let files = try FrameFeed(.folder(dir.path), graph: graph)
        let firstSamples = { (frame: BatchTensor?) in
            (0..<(frame?.batch ?? 0)).map { frame?.elements[$0 * count] ?? -1 }
        }
        #expect(firstSamples(files.frame(0, batch: 2)) == [0.25, 0.5])
        #expect(firstSamples(files.frame(1, batch: 2)) == [0.75, 0.25], "looped")
        #expect(firstSamples(files.frame(0, batch: 4)) == [0.25, 0.5, 0.75, 0.25])
        #expect(files.frame(1, batch: 1) == files.frame(1))
    }

    @Test("a frame without its batch axis is refused, as run --input and ONNX Runtime refuse it, saying how to add it")
    func aFrameWithoutItsBatchAxisIsRefused() throws {
        let dir = try ScratchDirectory.make(prefix: "frame-feed")
        let dims = graph.inputShape.dims
        try write(try #require(FloatTensor(shape: dims, elements: [Float](repeating: 0.5, count: graph.inputShape.elementCount))),
                  "sample.npy", in: dir)
        do {
            _ = try FrameFeed(.folder(dir.path), graph: graph)
            Issue.record("a frame of shape \(dims) was taken as a batch of one")
        } catch {
            #expect(error.description.contains("sample.npy") && error.description.contains("lacks the batch axis"), "\(error)")
        }
    }

    @Test("broken folders and files are errors naming them")
    func broken() throws {
        #expect(throws: FrameSourceError.self) { try FrameFeed(.folder("/no/such/frames"), graph: graph) }
        let empty = try ScratchDirectory.make(prefix: "frame-feed")
        do {
            _ = try FrameFeed(.folder(empty.path), graph: graph)
            Issue.record("an empty folder was accepted")
        } catch {
            #expect(error.description.contains("no .npy files"))
        }
        let cases: [(String, FloatTensor?, Data?)] = [
            ("wrong-shape.npy", FloatTensor(shape: [1, 3, 8, 8], elements: [Float](repeating: 0, count: 192)), nil),
            ("nan.npy", FloatTensor(shape: [1] + graph.inputShape.dims,
                                    elements: [.nan] + [Float](repeating: 0, count: graph.inputShape.elementCount - 1)), nil),
            ("garbage.npy", nil, Data("garbage".utf8)),
        ] + [("inf.npy", Float.infinity), ("huge.npy", 3e38), ("minus-huge.npy", -2e18)].map { name, value in
            // Finite but beyond the engine's input range: fused clamps would hide the overflow.
            (name, FloatTensor(shape: [1] + graph.inputShape.dims,
                               elements: [Float](repeating: 0, count: graph.inputShape.elementCount - 1) + [value]), nil)
        }
        for (name, tensor, raw) in cases {
            let dir = try ScratchDirectory.make(prefix: "frame-feed")
            if let tensor { try write(tensor, name, in: dir) }
            if let raw { try raw.write(to: dir.appendingPathComponent(name)) }
            do {
                _ = try FrameFeed(.folder(dir.path), graph: graph)
                Issue.record("\(name) was accepted")
            } catch {
                #expect(error.description.contains(name), "\(error)")
            }
        }
    }

    @Test("a probe carries the model tensor nearest the probe size")
    func probeTensor() throws {
        let tensor = try LiveDriver.probeTensor(graph: graph, near: 20_000)
        let sizes = [4 * graph.inputShape.elementCount] + graph.layers.map { 4 * $0.outputShape.elementCount }
        let best = sizes.min { abs(log(Double($0) / 20_000)) < abs(log(Double($1) / 20_000)) }
        #expect(tensor.raw.count == best)
        #expect(tensor.shape.first == 1)
    }
}
