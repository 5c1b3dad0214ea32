import SplitModels
import SplitTensorIO
import Testing

/// `.npy` files: round trips, files as NumPy writes them, and every kind of broken input.
struct NumPyFileTests {
    /// A file with a hand-written header (version 1 unless told), padded as NumPy pads, then `data`.
    private func file(_ dict: String, version: UInt8 = 1, data: [UInt8]) -> [UInt8] {
        let prefix = version == 1 ? 10 : 12
        let unpadded = prefix + dict.utf8.count + 1
        let header = dict + String(repeating: " ", count: (64 - unpadded % 64) % 64) + "\n"
        let n = header.utf8.count
        let length: [UInt8] = version == 1 ? [UInt8(n & 0xFF), UInt8(n >> 8)] : [UInt8(n & 0xFF), UInt8(n >> 8), 0, 0]
        return [0x93] + Array("NUMPY".utf8) + [version, 0] + length + Array(header.utf8) + data
    }

    private func littleEndian(_ values: [Float]) -> [UInt8] {
        values.flatMap { v -> [UInt8] in
            let b = v.bitPattern
            return [UInt8(b & 0xFF), UInt8(b >> 8 & 0xFF), UInt8(b >> 16 & 0xFF), UInt8(b >> 24)]
        }
    }

    private func message(_ bytes: [UInt8]) -> String {
        do {
            _ = try NumPyFile.decode(bytes)
            return "decoded"
        } catch {
            return error.message
        }
    }

    @Test(arguments: [[Int](), [3], [2, 3, 4], [1, 3, 5, 5], [0, 4]])
    func roundTrip(_ shape: [Int]) throws {
        let count = FloatTensor.count(of: shape) ?? 0
        let tensor = try #require(FloatTensor(shape: shape, elements: (0..<count).map { Float($0) * 0.5 - 3 }))
        let bytes = NumPyFile.encode(tensor)
        #expect(try NumPyFile.decode(bytes) == tensor)
        // The data starts on a 64-byte boundary, as NumPy writes it.
        let headerLength = Int(bytes[8]) | Int(bytes[9]) << 8
        #expect((10 + headerLength) % 64 == 0)
        #expect(bytes.count == 10 + headerLength + count * 4)
    }

    @Test func readsWhatNumPyWrites() throws {
        let values: [Float] = [1, -2.5, 3.25, .greatestFiniteMagnitude, -0.0, 1e-30]
        let v1 = file("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }", data: littleEndian(values))
        #expect(try NumPyFile.decode(v1) == FloatTensor(shape: [2, 3], elements: values))
        let v2 = file("{\"shape\": (6,), \"fortran_order\": False, \"descr\": \"<f4\"}", version: 2, data: littleEndian(values))
        #expect(try NumPyFile.decode(v2) == FloatTensor(shape: [6], elements: values))
        let scalar = file("{'descr': '<f4', 'fortran_order': False, 'shape': (), }", data: littleEndian([7]))
        #expect(try NumPyFile.decode(scalar) == FloatTensor(shape: [], elements: [7]))
    }

    /// Bytes `numpy.save` (NumPy 2.4) wrote for `np.arange(6, dtype=np.float32).reshape(2, 3) - 1.5`.
    @Test func readsAFileNumPySaved() throws {
        let hex = "934e554d5059010076007b276465736372273a20273c6634272c2027666f727472616e5f6f72646572273a2046616c73652c2027"
            + "7368617065273a2028322c2033292c207d" + String(repeating: "20", count: 58) + "0a"
            + "0000c0bf000000bf0000003f0000c03f0000204000006040"
        var bytes = [UInt8]()
        var index = hex.startIndex
        while index < hex.endIndex {
            let next = hex.index(index, offsetBy: 2)
            bytes.append(try #require(UInt8(hex[index..<next], radix: 16)))
            index = next
        }
        #expect(try NumPyFile.decode(bytes) == FloatTensor(shape: [2, 3], elements: [-1.5, -0.5, 0.5, 1.5, 2.5, 3.5]))
        // And writes the same bytes for the same array.
        #expect(NumPyFile.encode(try NumPyFile.decode(bytes)) == bytes)
    }

    @Test func brokenInputSaysWhatIsWrong() {
        let four = littleEndian([1, 2, 3, 4])
        let cases: [(bytes: [UInt8], expected: String)] = [
            ([], "not a NumPy .npy file"),
            (Array("PK\u{3}\u{4} a zip file".utf8), "not a NumPy .npy file"),
            (Array(file("{'descr': '<f4', 'fortran_order': False, 'shape': (4,), }", data: four).prefix(9)), "not a NumPy .npy file"),
            ([0x93] + Array("NUMPY".utf8) + [4, 0, 10, 0], "unsupported .npy format version 4.0"),
            ([0x93] + Array("NUMPY".utf8) + [1, 0, 200, 0] + Array("{'descr'".utf8), "truncated: the header says 200 bytes"),
            (file("{'descr': '<f4', 'fortran_order': False, 'shape': (4,), }", data: Array(four.prefix(15))),
             "truncated: shape (4,) needs 16 bytes of data, the file has 15"),
            (file("{'descr': '<f4', 'fortran_order': False, 'shape': (4,), }", data: four + [0]), "1 bytes follow"),
            (file("{'descr': '>f4', 'fortran_order': False, 'shape': (4,), }", data: four), "big-endian"),
            (file("{'descr': '<f8', 'fortran_order': False, 'shape': (2,), }", data: four), "dtype is \"<f8\""),
            (file("{'descr': '<i4', 'fortran_order': False, 'shape': (4,), }", data: four), "dtype is \"<i4\""),
            (file("{'descr': '|u1', 'fortran_order': False, 'shape': (16,), }", data: four), "dtype is \"|u1\""),
            (file("{'descr': '<f4', 'fortran_order': True, 'shape': (2, 2), }", data: four), "Fortran"),
            (file("{'descr': '<f4', 'fortran_order': False, }", data: four), "no 'shape'"),
            (file("{'descr': '<f4', 'shape': (4,), }", data: four), "no 'fortran_order'"),
            (file("{'descr': '<f4', 'fortran_order': False, 'shape': (4, -1), }", data: four), "tuple of non-negative integers"),
            (file("{'descr': '<f4', 'fortran_order': False, 'shape': (4,), 'shape': (4,)}", data: four), "appears twice"),
            (file("{'descr': '<f4', 'fortran_order': False, 'shape': (4,), 'extra': 1}", data: four), "unexpected key \"extra\""),
            (file("{'descr': '<f4', 'fortran_order': False, 'shape': (4,) ", data: four), "expected ','"),
            (file("{'descr': '<f4', 'fortran_order': Maybe, 'shape': (4,)}", data: four), "True or False"),
            (file("{'descr': '<f4', 'fortran_order': False, 'shape': (99999999999, 99999999999)}", data: four), "too large"),
            (file("{'descr: '<f4'}", data: four), "bad header"),
        ]
        for (bytes, expected) in cases {
            let text = message(bytes)
            #expect(text.contains(expected), "expected \"\(expected)\", got \"\(text)\"")
        }
    }

    /// Every truncation and thousands of random byte changes of a valid file decode or throw; none traps.
    @Test func mutatedFilesNeverTrap() throws {
        let valid = NumPyFile.encode(try #require(FloatTensor(shape: [2, 3], elements: [1, 2, 3, 4, 5, 6])))
        var decoded = 0, refused = 0
        func attempt(_ bytes: [UInt8]) {
            if (try? NumPyFile.decode(bytes)) != nil { decoded += 1 } else { refused += 1 }
        }
        for length in 0..<valid.count { attempt(Array(valid.prefix(length))) }
        var state: UInt64 = 12345
        for _ in 0..<3000 {
            var bytes = valid
            for _ in 0..<3 {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                let position = Int(state >> 33) % bytes.count
                bytes[position] = UInt8(truncatingIfNeeded: state >> 17)
            }
            attempt(bytes)
        }
        #expect(refused >= valid.count)  // every truncation is refused
        #expect(decoded > 0)  // changes inside the data only change values
    }
}
