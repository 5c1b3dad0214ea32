import Foundation
import SplitModels
import SplitONNX

/// The committed fixtures made by `scripts/make-onnx-fixtures.py` (see its docstring for what each holds).
enum FixtureFiles {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    static func path(_ name: String) -> String {
        directory.appendingPathComponent(name).path
    }

    /// Imports a fixture model.
    static func model(_ name: String, options: ONNXImportOptions = ONNXImportOptions()) throws -> ImportedModel {
        try ONNXImporter.importModel(atPath: path("\(name).onnx"), options: options)
    }

    /// The error importing a fixture throws, or `nil` when it imports.
    static func importError(_ name: String) -> ONNXImportError? {
        importError { () throws(ONNXImportError) in _ = try ONNXImporter.importModel(atPath: path(name)) }
    }

    /// The error `body` throws, or `nil`.
    static func importError(_ body: () throws(ONNXImportError) -> Void) -> ONNXImportError? {
        do {
            try body()
            return nil
        } catch {
            return error
        }
    }
}

/// A little-endian float32 `.npy` array, read for tests only (the engine owns the product's reader).
struct TestArray {
    var shape: [Int]
    var elements: [Float]

    enum Failure: Error { case notNpy(String) }

    init(contentsOf path: String) throws {
        guard let data = FileManager.default.contents(atPath: path), data.count >= 10,
              data.prefix(6) == Data([0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59]) else { throw Failure.notNpy(path) }
        let bytes = [UInt8](data)
        let major = bytes[6]
        let headerLength = major == 1 ? Int(bytes[8]) | Int(bytes[9]) << 8
            : Int(bytes[8]) | Int(bytes[9]) << 8 | Int(bytes[10]) << 16 | Int(bytes[11]) << 24
        let headerStart = major == 1 ? 10 : 12
        guard let header = String(bytes: bytes[headerStart..<(headerStart + headerLength)], encoding: .ascii),
              header.contains("'descr': '<f4'"), header.contains("'fortran_order': False"),
              let open = header.firstIndex(of: "("), let close = header.firstIndex(of: ")") else { throw Failure.notNpy(path) }
        shape = header[header.index(after: open)..<close].split(separator: ",").compactMap {
            Int($0.trimmingCharacters(in: .whitespaces))
        }
        let body = Data(bytes[(headerStart + headerLength)...])
        elements = (0..<(body.count / 4)).map { i in
            body.withUnsafeBytes { Float(bitPattern: UInt32(littleEndian: $0.loadUnaligned(fromByteOffset: 4 * i, as: UInt32.self))) }
        }
        guard elements.count == shape.reduce(1, *) else { throw Failure.notNpy(path) }
    }
}
