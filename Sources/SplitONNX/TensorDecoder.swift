import Foundation
import SplitModels

/// Reads the elements of ONNX tensors: inline (`raw_data`, `float_data`, `int64_data`) or from
/// external data files.
///
/// External files come through `externalData`, which maps a location (relative to the model's
/// folder, already checked to stay inside it) to the file's bytes, or `nil` when it cannot be read;
/// so decoding itself does no I/O.
struct TensorDecoder {
    /// The model file, for error messages.
    let file: String
    let externalData: (String) -> Data?

    /// A float32 tensor with its dimensions.
    func floats(_ tensor: Onnx_TensorProto) throws(ONNXImportError) -> FloatTensor {
        let dims = try dimensions(tensor)
        guard tensor.dataType == Onnx_TensorProto.DataType.float.code else {
            throw failure(tensor, "element type \(Self.typeName(tensor.dataType)) is not supported here (float32 only)")
        }
        let count = try elementCount(tensor, dims: dims)
        let elements: [Float]
        if let bytes = try storedBytes(tensor, count: count, width: 4) {
            elements = Self.littleEndianFloats(bytes)
        } else {
            guard tensor.floatData.count == count else {
                throw failure(tensor, "holds \(tensor.floatData.count) elements, its dimensions \(dims) need \(count)")
            }
            elements = tensor.floatData
        }
        guard let result = FloatTensor(shape: dims, elements: elements) else {
            throw failure(tensor, "elements do not match dimensions \(dims)")
        }
        return result
    }

    /// The elements of an int64 tensor (Reshape's shape, say), with its dimensions.
    func int64s(_ tensor: Onnx_TensorProto) throws(ONNXImportError) -> (dims: [Int], elements: [Int64]) {
        let dims = try dimensions(tensor)
        guard tensor.dataType == Onnx_TensorProto.DataType.int64.code else {
            throw failure(tensor, "element type \(Self.typeName(tensor.dataType)) is not supported here (int64 only)")
        }
        let count = try elementCount(tensor, dims: dims)
        if let bytes = try storedBytes(tensor, count: count, width: 8) {
            return (dims, Self.littleEndianInt64s(bytes))
        }
        guard tensor.int64Data.count == count else {
            throw failure(tensor, "holds \(tensor.int64Data.count) elements, its dimensions \(dims) need \(count)")
        }
        return (dims, tensor.int64Data)
    }

    /// The elements of an 8-bit integer tensor (int8 or uint8), widened to `Int32`, with its
    /// dimensions and whether they are signed: `raw_data`, external data, or `int32_data` (where
    /// ONNX keeps 8-bit elements that are not raw), each checked against the dimensions and range.
    func eightBit(_ tensor: Onnx_TensorProto) throws(ONNXImportError) -> (dims: [Int], elements: [Int32], signed: Bool) {
        let dims = try dimensions(tensor)
        let signed: Bool
        switch tensor.dataType {
        case Onnx_TensorProto.DataType.int8.code: signed = true
        case Onnx_TensorProto.DataType.uint8.code: signed = false
        default:
            throw failure(tensor, "element type \(Self.typeName(tensor.dataType)) is not supported here (INT8 or UINT8 only)")
        }
        let count = try elementCount(tensor, dims: dims)
        if let bytes = try storedBytes(tensor, count: count, width: 1) {
            return (dims, bytes.map { signed ? Int32(Int8(bitPattern: $0)) : Int32($0) }, signed)
        }
        guard tensor.int32Data.count == count else {
            throw failure(tensor, "holds \(tensor.int32Data.count) elements, its dimensions \(dims) need \(count)")
        }
        let range: ClosedRange<Int32> = signed ? -128...127 : 0...255
        if let outside = tensor.int32Data.first(where: { !range.contains($0) }) {
            throw failure(tensor, "element \(outside) does not fit \(Self.typeName(tensor.dataType))")
        }
        return (dims, tensor.int32Data, signed)
    }

    /// The dimensions, checked to be non-negative and to fit an `Int`.
    func dimensions(_ tensor: Onnx_TensorProto) throws(ONNXImportError) -> [Int] {
        guard !tensor.hasSegment else { throw failure(tensor, "segmented tensors are not supported") }
        var dims: [Int] = []
        for d in tensor.dims {
            guard d >= 0, d <= Int64(Int32.max) else { throw failure(tensor, "dimension \(d) is out of range") }
            dims.append(Int(d))
        }
        return dims
    }

    private func elementCount(_ tensor: Onnx_TensorProto, dims: [Int]) throws(ONNXImportError) -> Int {
        guard let count = FloatTensor.count(of: dims), count <= Int(Int32.max) else {
            throw failure(tensor, "dimensions \(dims) hold too many elements")
        }
        return count
    }

    /// The bytes in `raw_data` or external data, checked to hold `count` elements of `width`
    /// bytes; `nil` when the tensor keeps its elements in a typed field instead.
    private func storedBytes(_ tensor: Onnx_TensorProto, count: Int, width: Int) throws(ONNXImportError) -> Data? {
        let expected = count * width
        if tensor.dataLocation == .external {
            let bytes = try external(tensor, expected: expected)
            return bytes
        }
        guard tensor.hasRawData else { return nil }
        guard tensor.rawData.count == expected else {
            throw failure(tensor, "raw_data holds \(tensor.rawData.count) bytes, its dimensions need \(expected)")
        }
        return tensor.rawData
    }

    /// The tensor with its external data read into `raw_data`, so it can be written inline;
    /// tensors already inline come back as they are.
    func inlined(_ tensor: Onnx_TensorProto) throws(ONNXImportError) -> Onnx_TensorProto {
        guard tensor.dataLocation == .external else { return tensor }
        let dims = try dimensions(tensor)
        guard let width = Self.byteWidth(of: tensor.dataType) else {
            throw failure(tensor, "external data of element type \(Self.typeName(tensor.dataType)) cannot be read", kind: .externalData)
        }
        let count = try elementCount(tensor, dims: dims)
        var copy = tensor
        copy.rawData = try external(tensor, expected: count * width)
        copy.externalData = []
        copy.clearDataLocation()
        return copy
    }

    /// Bytes per element of a fixed-width ONNX data type; `nil` for strings and unknown codes.
    static func byteWidth(of code: Int32) -> Int? {
        switch Onnx_TensorProto.DataType(rawValue: Int(code)) {
        case .uint8?, .int8?, .bool?: 1
        case .uint16?, .int16?, .float16?, .bfloat16?: 2
        case .float?, .int32?, .uint32?: 4
        case .int64?, .uint64?, .double?, .complex64?: 8
        case .complex128?: 16
        default: nil
        }
    }

    /// The tensor's bytes from its external-data file (`location`, `offset`, `length`).
    private func external(_ tensor: Onnx_TensorProto, expected: Int) throws(ONNXImportError) -> Data {
        var location: String?
        var offset = 0
        var length: Int?
        for entry in tensor.externalData {
            switch entry.key {
            case "location": location = entry.value
            case "offset":
                guard let value = Int(entry.value), value >= 0 else {
                    throw failure(tensor, "external data offset \(DisplayText.quoted(entry.value)) is not a byte count", kind: .externalData)
                }
                offset = value
            case "length":
                guard let value = Int(entry.value), value >= 0 else {
                    throw failure(tensor, "external data length \(DisplayText.quoted(entry.value)) is not a byte count", kind: .externalData)
                }
                length = value
            default: continue  // "checksum" and future keys do not change the bytes
            }
        }
        guard let location, !location.isEmpty else {
            throw failure(tensor, "external data names no location", kind: .externalData)
        }
        guard Self.staysInsideModelFolder(location) else {
            throw failure(tensor, "external data location \(DisplayText.quoted(location)) must be a relative path inside the model's folder",
                          kind: .externalData)
        }
        guard let data = externalData(location) else {
            throw failure(tensor, "external data file \(DisplayText.quoted(location)) cannot be read: it must be a regular file "
                + "inside the model's folder once symbolic links are resolved (is it beside the model?)",
                          kind: .externalData)
        }
        let size = length ?? expected
        guard size == expected else {
            throw failure(tensor, "external data length \(size) does not match the \(expected) bytes its dimensions need",
                          kind: .externalData)
        }
        guard offset <= data.count, size <= data.count - offset else {
            throw failure(tensor, "external data file \(DisplayText.quoted(location)) has \(data.count) bytes, too few for \(size) at offset \(offset)",
                          kind: .externalData)
        }
        let start = data.startIndex + offset
        return data[start..<(start + size)]
    }

    /// Whether a location is relative and never climbs out of the model's folder.
    static func staysInsideModelFolder(_ location: String) -> Bool {
        guard !location.hasPrefix("/"), !location.hasPrefix("\\"), !location.contains(":") else { return false }
        let parts = location.split(whereSeparator: { $0 == "/" || $0 == "\\" })
        return !parts.contains("..")
    }

    private func failure(_ tensor: Onnx_TensorProto, _ reason: String, kind: ONNXImportError.Kind = .badTensor) -> ONNXImportError {
        ONNXImportError(kind, file: file, tensor: tensor.name.isEmpty ? nil : tensor.name, reason: reason)
    }

    /// The format's name for an element type code (`FLOAT16`), or the code itself.
    static func typeName(_ code: Int32) -> String {
        Onnx_TensorProto.DataType(rawValue: Int(code)).map { "\($0)".uppercased() } ?? "code \(code)"
    }

    static func littleEndianFloats(_ bytes: Data) -> [Float] {
        let count = bytes.count / 4
        return [Float](unsafeUninitializedCapacity: count) { buffer, initialized in
            bytes.withUnsafeBytes { raw in
                for i in 0..<count {
                    buffer[i] = Float(bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: 4 * i, as: UInt32.self)))
                }
            }
            initialized = count
        }
    }

    static func littleEndianInt64s(_ bytes: Data) -> [Int64] {
        let count = bytes.count / 8
        return (0..<count).map { i in
            bytes.withUnsafeBytes { Int64(littleEndian: $0.loadUnaligned(fromByteOffset: 8 * i, as: Int64.self)) }
        }
    }
}

extension Onnx_TensorProto.DataType {
    /// The code as `TensorProto.data_type` and `TypeProto.Tensor.elem_type` store it.
    var code: Int32 { Int32(rawValue) }
}
