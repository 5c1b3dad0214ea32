import Foundation
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

    @Test("a folder's files are used in name order and looped, with or without the batch dimension")
    func folder() throws {
        let dir = try ScratchDirectory.make(prefix: "frame-feed")
        let dims = graph.inputShape.dims
        let count = graph.inputShape.elementCount
        try write(try #require(FloatTensor(shape: [1] + dims, elements: [Float](repeating: 1, count: count))), "b.npy", in: dir)
        try write(try #require(FloatTensor(shape: dims, elements: [Float](repeating: 0.5, count: count))), "a.npy", in: dir)
        try Data("not a tensor".utf8).write(to: dir.appendingPathComponent("notes.txt"))
        let feed = try FrameFeed(.folder(dir.path), graph: graph)
        #expect(feed.frame(0)?.elements.first == 0.5)
        #expect(feed.frame(1)?.elements.first == 1)
        #expect(feed.frame(2)?.elements.first == 0.5)
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
