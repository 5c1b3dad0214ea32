/// One version of a model family (the full model, a pruned or quantised one), with its measured accuracy.
///
/// A version names where its graph comes from: an ONNX file (relative to the manifest's folder,
/// or absolute) or a model of the zoo. The accuracy is what `eval` measured on the family's data.
public struct ModelVersion: Hashable, Sendable {
    /// Where a version's graph comes from.
    public enum Source: Hashable, Sendable {
        /// An ONNX file, as written in the manifest (relative paths are relative to the manifest's folder).
        case file(String)
        /// A zoo model by name (`"model": "mobilenetv2"`), for tests and examples without trained files.
        case zooModel(String)
    }

    /// The version's name, unique in its set ("full", "p50", "int8").
    public var name: String
    /// Where its graph comes from.
    public var source: Source
    /// Measured test accuracy, in percent.
    public var accuracyPercent: Double
    /// How it was compressed, in words ("none", "channel pruning, 50 % kept").
    public var compression: String

    public init(name: String, source: Source, accuracyPercent: Double, compression: String = "none") {
        self.name = name
        self.source = source
        self.accuracyPercent = accuracyPercent
        self.compression = compression
    }

    /// The longest version name, in characters (a name is printed in tables and logs, and a
    /// device states its versions to the edge).
    public static let maxNameLength = 128

    /// Whether `name` can name a version: 1 to ``maxNameLength`` letters, digits, `-`, `_` and
    /// `.`, not starting with `.` (so it is also a safe file name).
    public static func isValidName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first != ".", name.unicodeScalars.count <= maxNameLength else { return false }
        return name.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "-_.".unicodeScalars.contains($0)) }
    }

    /// The file's path with a relative one resolved against `folder` (the manifest's folder; empty
    /// for the current directory); nil for a zoo model. Pure: the file is not looked at.
    public func filePath(relativeTo folder: String) -> String? {
        guard case .file(let file) = source else { return nil }
        if file.hasPrefix("/") || folder.isEmpty { return file }
        return folder.hasSuffix("/") ? folder + file : folder + "/" + file
    }
}
