import Foundation
import Testing
@testable import SplitData

/// The IDX reader on small committed files, good and broken (Fixtures/make-fixtures.py writes them).
struct IDXArrayTests {
    static func fixture(_ name: String) -> String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/\(name)").path
    }

    @Test func readsAGzippedIDXFile() throws {
        let images = try IDXArray.read(path: Self.fixture("tiny-images-idx3-ubyte.gz"))
        #expect(images.shape == [3, 2, 2])
        #expect(images.elements == [0, 255, 128, 64, 1, 2, 3, 4, 250, 251, 252, 253])
    }

    @Test func parsesUncompressedBytes() throws {
        let labels = try IDXArray.parse([0, 0, 8, 1, 0, 0, 0, 2, 7, 3])
        #expect(labels == IDXArray(shape: [2], elements: [7, 3]))
    }

    /// Each broken file is refused with its own path and what is wrong with it.
    @Test(arguments: [
        ("wrong-magic-idx1-ubyte.gz", "wrong magic number 0x00010801"),
        ("size-disagrees-idx3-ubyte.gz", "the header says 3×2×2 (12 bytes of elements) but 11 follow: the file is truncated"),
        ("extra-bytes-idx1-ubyte.gz", "the header says 3 (3 bytes of elements) but 4 follow: the file has extra bytes"),
        ("truncated-idx3-ubyte.gz", "the gzip stream ends early (the file is truncated)"),
        ("float-idx1.gz", "element type 0xD is not supported"),
        ("not-there-idx1-ubyte.gz", "no such file"),
        ("", "it is a folder, not a data file"),
    ])
    func refusesABrokenFile(_ name: String, _ message: String) {
        let path = Self.fixture(name)
        #expect {
            _ = try IDXArray.read(path: path)
        } throws: { error in
            let text = "\(error)"
            return text.hasPrefix(path + ": ") && text.contains(message)
        }
    }

    @Test(arguments: [
        ([UInt8](), "0 bytes is too short"),
        ([0, 0, 8, 0], "magic number says 0 dimensions"),
        ([0, 0, 8, 2, 0, 0, 0, 1], "the header needs 12 bytes for 2 dimensions but the file has 8"),
        ([0, 0, 8, 3, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF], "implausibly large"),
    ])
    func refusesABrokenHeader(_ bytes: [UInt8], _ message: String) {
        #expect {
            _ = try IDXArray.parse(bytes)
        } throws: { error in
            "\(error)".contains(message)
        }
    }

    /// gzip magic followed by compression method 0 (only 8, deflate, exists).
    @Test func corruptGzipIsRefused() {
        #expect(throws: DataError.Reason.gzip("the gzip stream is corrupt (unknown compression method)")) {
            _ = try GzipData.decompress([0x1F, 0x8B, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3])
        }
    }
}
