import Foundation
import Glibc
import Testing
@testable import SplitONNX

/// External data is read only from regular files inside the model's folder, with symbolic links
/// resolved first: a link out of the folder (to /etc/passwd, say) or to a device or pipe is refused.
@Suite struct ExternalDataLinkTests {
    /// A scratch folder holding a copy of external_data.onnx and, at its data file's name, `makeData`'s doing.
    private func modelFolder(_ makeData: (String) throws -> Void) throws -> (folder: URL, model: String) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("splitscope-ext-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let model = folder.appendingPathComponent("external_data.onnx").path
        try FileManager.default.copyItem(atPath: FixtureFiles.path("external_data.onnx"), toPath: model)
        try makeData(folder.appendingPathComponent("external_data.onnx.data").path)
        return (folder, model)
    }

    private func importError(_ path: String) -> ONNXImportError? {
        FixtureFiles.importError { () throws(ONNXImportError) in _ = try ONNXImporter.importModel(atPath: path) }
    }

    @Test func aLinkOutOfTheFolderIsRefused() throws {
        // The right bytes, but outside the folder: still refused.
        for target in ["/etc/passwd", FixtureFiles.path("external_data.onnx.data"), "/dev/zero"] {
            let (folder, model) = try modelFolder { try FileManager.default.createSymbolicLink(atPath: $0, withDestinationPath: target) }
            defer { try? FileManager.default.removeItem(at: folder) }
            let error = importError(model)
            #expect(error?.kind == .externalData, "\(target)")
            #expect(error?.description.contains("inside the model's folder once symbolic links are resolved") == true,
                    "\(error?.description ?? "")")
        }
    }

    @Test func aPipeIsRefused() throws {
        let (folder, model) = try modelFolder { #expect(mkfifo($0, 0o600) == 0) }
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(importError(model)?.kind == .externalData)
    }

    /// Links that stay inside (to a file beside the model), and a model reached through a linked
    /// folder, are read as usual.
    @Test func linksInsideTheFolderAreFollowed() throws {
        let (folder, model) = try modelFolder { path in
            let real = (path as NSString).deletingLastPathComponent + "/weights.bin"
            try FileManager.default.copyItem(atPath: FixtureFiles.path("external_data.onnx.data"), toPath: real)
            try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: "weights.bin")
        }
        defer { try? FileManager.default.removeItem(at: folder) }
        let inline = try FixtureFiles.model("chain_cnn")
        #expect(try ONNXImporter.importModel(atPath: model).weights == inline.weights)
        let linkedFolder = folder.path + "-link"
        try FileManager.default.createSymbolicLink(atPath: linkedFolder, withDestinationPath: folder.path)
        defer { try? FileManager.default.removeItem(atPath: linkedFolder) }
        #expect(try ONNXImporter.importModel(atPath: linkedFolder + "/external_data.onnx").weights == inline.weights)
    }

    /// The model file itself must be a regular file: a pipe with no writer is refused without opening it.
    @Test func aModelFileThatIsAPipeIsRefused() throws {
        let (folder, _) = try modelFolder { _ in }
        defer { try? FileManager.default.removeItem(at: folder) }
        let fifo = folder.appendingPathComponent("pipe.onnx").path
        #expect(mkfifo(fifo, 0o600) == 0)
        let error = importError(fifo)
        #expect(error?.kind == .unreadableFile)
        #expect(error?.description.contains("not a regular file") == true)
    }
}
