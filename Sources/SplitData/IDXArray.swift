import Foundation
import SplitGzip

/// An unsigned-byte array read from an IDX file (the MNIST format), gzipped or not.
///
/// The format is a 4-byte magic number — two zero bytes, an element type, the number of
/// dimensions — then each dimension as a big-endian 32-bit count, then the elements in row-major
/// order. splitscope reads element type 0x08 (unsigned byte), which the MNIST family uses, and
/// checks that the bytes after the header are exactly what the header promises.
///
/// ```swift
/// let labels = try IDXArray.read(path: "/usr/share/datasets/fashion-mnist/t10k-labels-idx1-ubyte.gz")
/// labels.shape  // [10000]
/// ```
public struct IDXArray: Equatable, Sendable {
    /// The dimensions from the header, outermost first.
    public var shape: [Int]
    /// The elements, row-major; `shape`'s product of them.
    public var elements: [UInt8]

    public init(shape: [Int], elements: [UInt8]) {
        self.shape = shape
        self.elements = elements
    }

    /// The element type code of unsigned bytes, the only one read.
    static let unsignedByte: UInt8 = 0x08

    /// Parses IDX bytes (already decompressed).
    public static func parse(_ data: [UInt8]) throws(DataError.Reason) -> IDXArray {
        guard data.count >= 4 else {
            throw .idx("\(data.count) bytes is too short for an IDX header (4-byte magic number)")
        }
        guard data[0] == 0, data[1] == 0 else {
            throw .idx("wrong magic number \(hex(data[0..<4])): an IDX file starts with two zero bytes")
        }
        guard data[2] == unsignedByte else {
            throw .idx("element type 0x\(String(data[2], radix: 16, uppercase: true)) is not supported (only 0x08, unsigned byte)")
        }
        let rank = Int(data[3])
        guard (1...4).contains(rank) else { throw .idx("magic number says \(rank) dimensions; expected 1 to 4") }
        let headerBytes = 4 + 4 * rank
        guard data.count >= headerBytes else {
            throw .idx("the header needs \(headerBytes) bytes for \(rank) dimensions but the file has \(data.count)")
        }
        var shape = [Int]()
        var count = 1
        for d in 0..<rank {
            let at = 4 + 4 * d
            let dim = Int(data[at]) << 24 | Int(data[at + 1]) << 16 | Int(data[at + 2]) << 8 | Int(data[at + 3])
            shape.append(dim)
            let (product, overflow) = count.multipliedReportingOverflow(by: dim)
            guard !overflow, product <= 1 << 40 else { throw .idx("the header's dimensions \(shapeText(shape)) are implausibly large") }
            count = product
        }
        let body = data.count - headerBytes
        guard body == count else {
            let what = body < count ? "the file is truncated" : "the file has extra bytes"
            throw .idx("the header says \(shapeText(shape)) (\(count) bytes of elements) but \(body) follow: \(what)")
        }
        return IDXArray(shape: shape, elements: Array(data[headerBytes...]))
    }

    /// Reads an IDX file, gunzipping it when it starts with gzip's magic number.
    public static func read(path: String) throws(DataError) -> IDXArray {
        guard let contents = FileManager.default.contents(atPath: path) else {
            throw DataError(path: path, reason: DataError.unreadable(path))
        }
        do {
            var bytes = [UInt8](contents)
            if GzipInflater.isGzip(bytes) || path.hasSuffix(".gz") { bytes = try GzipData.decompress(bytes) }
            return try parse(bytes)
        } catch {
            throw DataError(path: path, reason: error)
        }
    }

    static func shapeText(_ shape: [Int]) -> String {
        shape.map(String.init).joined(separator: "×")
    }

    private static func hex(_ bytes: ArraySlice<UInt8>) -> String {
        "0x" + bytes.map { ($0 < 16 ? "0" : "") + String($0, radix: 16, uppercase: true) }.joined()
    }
}
