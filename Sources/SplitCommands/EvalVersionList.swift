import SplitModels

/// The versions `eval --versions FILE` measures: each version's name, ONNX file (resolved against
/// the manifest's folder), recorded accuracy and compression, from a `splitscope-model-versions`
/// manifest (version 1, see docs/datasets.md).
///
/// A thin view of ``ModelVersionSet`` for `eval`: errors are usage errors naming the manifest and
/// the field (`versions[2].accuracy_pct`).
struct EvalVersionList {
    struct Entry {
        var name: String
        /// The ONNX file's path, relative ones resolved against the manifest's folder.
        var path: String
        var recordedAccuracyPercent: Double
        var compression: String
    }

    var family: String
    var data: String?
    var entries: [Entry]
    /// The manifest's path, for messages.
    var manifest: String

    /// The manifest at `path` (read by ``VersionsFile``, the reader `plan` and `simulate` use),
    /// with every version's file resolved; a version that names a zoo model is refused, as `eval`
    /// measures files.
    static func load(path: String) throws(CommandError) -> EvalVersionList {
        let set = try VersionsFile.load(path: path)
        let folder = VersionsFile.folder(of: path)
        var entries: [Entry] = []
        for (i, version) in set.versions.enumerated() {
            guard let file = version.filePath(relativeTo: folder) else {
                throw CommandError("\(path): versions[\(i)].file: version \"\(version.name)\" names no ONNX file "
                    + "(eval measures files, not zoo models)")
            }
            entries.append(Entry(name: version.name, path: file, recordedAccuracyPercent: version.accuracyPercent,
                                 compression: version.compression))
        }
        return EvalVersionList(family: set.family, data: set.data, entries: entries, manifest: path)
    }
}
