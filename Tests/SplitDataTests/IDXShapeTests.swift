import Foundation
import Testing
@testable import SplitData

/// An IDX header of the wrong shape is named for its shape, whatever the file's size says: the
/// dimension count, a zero dimension and the element type are checked before the size.
struct IDXShapeTests {
    /// An unsigned-byte IDX file with this header and `body` bytes of elements.
    static func idx(_ shape: [Int], body: Int, type: UInt8 = 0x08) -> [UInt8] {
        var bytes: [UInt8] = [0, 0, type, UInt8(shape.count)]
        for dim in shape { bytes += [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: dim >> $0) } }
        return bytes + [UInt8](repeating: 7, count: body)
    }

    /// A new folder under the temporary directory; the caller removes it.
    static func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("idx-shape-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test(arguments: [
        // Sizes that disagree with the header and sizes that agree give the same message.
        (idx([10000, 28], body: 100), IDXContent.images, "an image file has 3 dimensions (count, rows, columns), this one 2 (10000×28)"),
        (idx([3, 4], body: 12), .images, "an image file has 3 dimensions (count, rows, columns), this one 2 (3×4)"),
        (idx([10000, 28, 28, 0], body: 50), .images, "an image file has 3 dimensions (count, rows, columns), this one 4 (10000×28×28×0)"),
        (idx([2, 2, 2, 2], body: 16), .images, "an image file has 3 dimensions (count, rows, columns), this one 4 (2×2×2×2)"),
        (idx([3, 2, 2], body: 12), .labels, "a label file has 1 dimension (count), this one 3 (3×2×2)"),
        (Array(idx([10000, 28], body: 0).prefix(8)), .images, "the header needs 12 bytes for 2 dimensions but the file has 8 (an image file has 3 dimensions"),
        (idx([5, 0, 28], body: 40), .images, "dimension 2 of the header's 5×0×28 is 0: every sample would be empty"),
        (idx([5, 28, 0], body: 0), .images, "dimension 3 of the header's 5×28×0 is 0: every sample would be empty"),
        (idx([10000, 28], body: 100, type: 0x0D), .images, "element type 0xD is not supported"),
        (idx([65536, 65536, 65536], body: 3), .images, "the header's dimensions 65536×65536×65536 are implausibly large"),
        (idx([3, 2, 2], body: 11), .images, "the header says 3×2×2 (12 bytes of elements) but 11 follow: the file is truncated"),
    ])
    func shapeIsCheckedBeforeSize(_ bytes: [UInt8], _ content: IDXContent, _ message: String) {
        #expect(throws: DataError.Reason.self) { _ = try IDXArray.parse(bytes, expecting: content) }
        do {
            _ = try IDXArray.parse(bytes, expecting: content)
        } catch {
            #expect("\(error)".contains(message), "\(error)")
            #expect(!"\(error)".contains("extra bytes"))
        }
    }

    /// A count of 0 is a valid, empty array (the data set refuses it later, by name).
    @Test func aZeroCountIsAnEmptyArray() throws {
        #expect(try IDXArray.parse(Self.idx([0, 28, 28], body: 0), expecting: .images).shape == [0, 28, 28])
    }

    /// A plain IDX file named `.gz` is read as it is; junk named `.gz` says it is neither.
    @Test func theNameDoesNotDecideCompression() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let plain = dir.appendingPathComponent("t10k-labels-idx1-ubyte.gz")
        try Data(Self.idx([3], body: 3)).write(to: plain)
        #expect(try IDXArray.read(path: plain.path, expecting: .labels) == IDXArray(shape: [3], elements: [7, 7, 7]))

        let junk = dir.appendingPathComponent("junk-idx1-ubyte.gz")
        try Data("hello world".utf8).write(to: junk)
        #expect(throws: DataError(path: junk.path, reason: .gzip(
            "not gzip-compressed (it starts with 0x68656C6C, not gzip's 0x1F8B) and not a plain IDX file either (that starts with two zero bytes)"))) {
            _ = try IDXArray.read(path: junk.path)
        }
    }

    /// Fashion-MNIST's loader names the image file's shape, through the same check.
    @Test func fashionMNISTNamesTheShape() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let files = FashionMNIST.files(for: .test, in: dir.path)
        try Data(Self.idx([10000, 28], body: 5)).write(to: URL(fileURLWithPath: files.images))
        try Data(Self.idx([10000], body: 10000)).write(to: URL(fileURLWithPath: files.labels))
        #expect(throws: DataError(path: files.images, reason: .idx(
            "an image file has 3 dimensions (count, rows, columns), this one 2 (10000×28)"))) {
            _ = try FashionMNIST.load(.test, from: dir.path)
        }
    }
}
