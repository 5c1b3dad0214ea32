import SplitModels

/// NumPy's `.npy` format (versions 1, 2 and 3) for little-endian float32 arrays in C order.
///
/// A file is the magic `\x93NUMPY`, a major and minor version byte, the header's length (2 bytes
/// little-endian in version 1, 4 in versions 2 and 3), a Python dict literal such as
/// `{'descr': '<f4', 'fortran_order': False, 'shape': (1, 3, 224, 224), }` padded with spaces to a
/// multiple of 64 bytes and ending in a newline, then the raw elements. Anything else — another
/// dtype, big-endian data, Fortran order, a truncated body, a malformed header — is an error
/// saying what was found, never a guess.
///
/// ```swift
/// let tensor = try NumPyFile.decode(bytes)      // FloatTensor, shape as written
/// let bytes = NumPyFile.encode(tensor)          // version 1, '<f4', C order
/// ```
public enum NumPyFile {
    static let magic: [UInt8] = [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59]  // \x93NUMPY

    /// Reads a `.npy` file's bytes.
    public static func decode(_ bytes: [UInt8]) throws(NumPyError) -> FloatTensor {
        guard bytes.count >= 10, Array(bytes[0..<6]) == magic else {
            throw NumPyError("not a NumPy .npy file (no \\x93NUMPY magic at the start)")
        }
        let major = bytes[6]
        let headerLength: Int
        let headerStart: Int
        switch major {
        case 1:
            headerLength = Int(bytes[8]) | Int(bytes[9]) << 8
            headerStart = 10
        case 2, 3:
            guard bytes.count >= 12 else { throw NumPyError("truncated: the header length is cut off") }
            headerLength = Int(bytes[8]) | Int(bytes[9]) << 8 | Int(bytes[10]) << 16 | Int(bytes[11]) << 24
            headerStart = 12
        default:
            throw NumPyError("unsupported .npy format version \(major).\(bytes[7]) (versions 1, 2 and 3 are read)")
        }
        let dataStart = headerStart + headerLength
        guard dataStart <= bytes.count else {
            throw NumPyError("truncated: the header says \(headerLength) bytes but the file ends first")
        }
        let headerBytes = bytes[headerStart..<dataStart]
        guard major == 3 || headerBytes.allSatisfy({ $0 < 0x80 }),
              let text = String(validating: headerBytes, as: UTF8.self) else {
            throw NumPyError("the header is not \(major == 3 ? "UTF-8" : "ASCII") text")
        }
        let header = try NumPyHeader(parsing: text)
        switch header.descr {
        case "<f4":
            break
        case ">f4":
            throw NumPyError("the array is big-endian float32 ('>f4'); only little-endian float32 ('<f4') is read")
        default:
            throw NumPyError("the array's dtype is \(DisplayText.quoted(header.descr)); only little-endian float32 ('<f4') is read")
        }
        guard !header.fortranOrder else {
            throw NumPyError("the array is in Fortran (column-major) order; only C order is read")
        }
        guard let count = FloatTensor.count(of: header.shape), count <= (Int.max - dataStart) / 4 else {
            throw NumPyError("shape \(header.shape) is too large")
        }
        let available = bytes.count - dataStart
        guard available >= count * 4 else {
            throw NumPyError("truncated: shape \(shapeText(header.shape)) needs \(count * 4) bytes of data, the file has \(available)")
        }
        guard available == count * 4 else {
            throw NumPyError("\(available - count * 4) bytes follow the \(count * 4) bytes of data shape \(shapeText(header.shape)) needs")
        }
        guard MemoryProbe.canAllocate(bytes: count * 4) else {
            throw NumPyError("cannot allocate \(GroupedDigits.of(count * 4)) bytes for shape \(shapeText(header.shape)): \(MemoryProbe.failureReason)")
        }
        var elements = [Float](repeating: 0, count: count)
        bytes.withUnsafeBytes { raw in
            for i in 0..<count {
                let bits = raw.loadUnaligned(fromByteOffset: dataStart + 4 * i, as: UInt32.self)
                elements[i] = Float(bitPattern: UInt32(littleEndian: bits))
            }
        }
        guard let tensor = FloatTensor(shape: header.shape, elements: elements) else {
            throw NumPyError("shape \(shapeText(header.shape)) does not match its data")
        }
        return tensor
    }

    /// Writes a tensor as a version 1 `.npy` (version 2 when the header would not fit), `'<f4'`, C order.
    public static func encode(_ tensor: FloatTensor) -> [UInt8] {
        let dict = "{'descr': '<f4', 'fortran_order': False, 'shape': \(shapeText(tensor.shape)), }"
        var version: UInt8 = 1
        var prefix = 10
        var padded = paddedHeader(dict, prefix: prefix)
        if padded.utf8.count > Int(UInt16.max) {
            version = 2
            prefix = 12
            padded = paddedHeader(dict, prefix: prefix)
        }
        var bytes = magic + [version, 0]
        let length = padded.utf8.count
        bytes += version == 1 ? [UInt8(length & 0xFF), UInt8(length >> 8)]
                              : [UInt8(length & 0xFF), UInt8(length >> 8 & 0xFF), UInt8(length >> 16 & 0xFF), UInt8(length >> 24 & 0xFF)]
        bytes += Array(padded.utf8)
        bytes.reserveCapacity(bytes.count + tensor.elements.count * 4)
        for element in tensor.elements {
            let bits = element.bitPattern.littleEndian
            bytes += [UInt8(bits & 0xFF), UInt8(bits >> 8 & 0xFF), UInt8(bits >> 16 & 0xFF), UInt8(bits >> 24)]
        }
        return bytes
    }

    /// The header dict padded with spaces and a newline so the data starts on a 64-byte boundary.
    private static func paddedHeader(_ dict: String, prefix: Int) -> String {
        let unpadded = prefix + dict.utf8.count + 1
        let spaces = (64 - unpadded % 64) % 64
        return dict + String(repeating: " ", count: spaces) + "\n"
    }

    /// A shape as a Python tuple: `()`, `(3,)`, `(1, 3, 224, 224)`.
    public static func shapeText(_ shape: [Int]) -> String {
        shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ", ") + ")"
    }

    /// When `shape` is `expected` without its leading batch axis, the words that say how to add
    /// it (`"; it lacks the batch axis: save x[None] (shape (1, 3, 32, 32))"`); otherwise empty.
    ///
    /// Inputs are `[N, C, H, W]`; a sample without its batch axis is refused, as ONNX Runtime
    /// refuses a tensor of the wrong rank, rather than taken as a batch of one.
    public static func missingBatchHint(_ shape: [Int], expected: [Int]) -> String {
        guard shape.count + 1 == expected.count, Array(expected.dropFirst()) == shape else { return "" }
        return "; it lacks the batch axis: save x[None] (shape \(shapeText([1] + shape)))"
            + (expected.first == 1 ? "" : " or \(expected.first ?? 1) samples stacked")
    }
}
