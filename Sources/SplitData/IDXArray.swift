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

    /// Parses IDX bytes (already decompressed), checking the header's shape before its size.
    ///
    /// The checks go in this order, so that each message names the first thing wrong: the magic
    /// number's zero bytes, the element type, the dimension count (1 to 4, and `expecting`'s when
    /// given), a dimension after the first that is 0 (every sample would be empty), implausibly
    /// large dimensions, and only then whether the bytes after the header are what it promises.
    public static func parse(_ data: [UInt8], expecting content: IDXContent? = nil) throws(DataError.Reason) -> IDXArray {
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
            let expected = content.map { rank == $0.rank ? "" : " (\($0.expectation))" } ?? ""
            throw .idx("the header needs \(headerBytes) bytes for \(rank) dimensions but the file has \(data.count)\(expected)")
        }
        let shape = (0..<rank).map { d in
            let at = 4 + 4 * d
            return Int(data[at]) << 24 | Int(data[at + 1]) << 16 | Int(data[at + 2]) << 8 | Int(data[at + 3])
        }
        if let content, rank != content.rank {
            throw .idx("\(content.expectation), this one \(rank) (\(shapeText(shape)))")
        }
        if let empty = shape.indices.dropFirst().first(where: { shape[$0] == 0 }) {
            throw .idx("dimension \(empty + 1) of the header's \(shapeText(shape)) is 0: every sample would be empty")
        }
        var count = 1
        for dim in shape {
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
    ///
    /// The name does not decide: a plain IDX file named `.gz` is read as it is. A `.gz` file that
    /// is neither gzip nor IDX says both.
    public static func read(path: String, expecting content: IDXContent? = nil) throws(DataError) -> IDXArray {
        guard let contents = FileManager.default.contents(atPath: path) else {
            throw DataError(path: path, reason: DataError.unreadable(path))
        }
        do throws(DataError.Reason) {
            var bytes = [UInt8](contents)
            if GzipInflater.isGzip(bytes) {
                bytes = try GzipData.decompress(bytes)
            } else if path.hasSuffix(".gz"), !bytes.isEmpty, !bytes.starts(with: [0, 0]) {
                throw DataError.Reason.gzip("not gzip-compressed (it starts with \(hex(bytes.prefix(4))), not gzip's 0x1F8B) "
                    + "and not a plain IDX file either (that starts with two zero bytes)")
            }
            return try parse(bytes, expecting: content)
        } catch {
            throw DataError(path: path, reason: error)
        }
    }

    static func shapeText(_ shape: [Int]) -> String {
        shape.map(String.init).joined(separator: "×")
    }

    private static func hex(_ bytes: ArraySlice<UInt8>) -> String {
        guard !bytes.isEmpty else { return "nothing" }
        return "0x" + bytes.map { ($0 < 16 ? "0" : "") + String($0, radix: 16, uppercase: true) }.joined()
    }
}
