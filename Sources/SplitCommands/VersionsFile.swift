import Foundation
import SplitModels

/// Reading a model-versions manifest named on the command line (`--versions FILE`): the file's
/// bytes through the pure parser, then every version's file checked where it will be opened.
enum VersionsFile {
    /// The manifest, with every `file` checked to exist (relative to the manifest's folder).
    ///
    /// Errors are usage errors naming the manifest, the field and, for a missing file, the
    /// version's index and name and the path looked at.
    static func load(path: String) throws(CommandError) -> ModelVersionSet {
        let bytes = try InputFile.readData(path: path, what: "model-versions manifest")
        let set: ModelVersionSet
        do {
            set = try ModelVersionSet(bytes: bytes)
        } catch {
            throw CommandError("\(path): \(error)")
        }
        let folder = self.folder(of: path)
        for (i, version) in set.versions.enumerated() {
            guard let file = version.filePath(relativeTo: folder) else { continue }
            if let problem = InputFile.problem(at: file) {
                throw CommandError("\(path): versions[\(i)].file: version \"\(version.name)\": cannot read \(file): \(problem)")
            }
        }
        return set
    }

    /// The folder a manifest's relative file names are relative to ("" for the current directory).
    static func folder(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        return path[..<slash].isEmpty ? "/" : String(path[..<slash])
    }

    /// Every version of the manifest at `path`, each loaded by `load` with its source resolved
    /// (a file's path against the manifest's folder), in the manifest's order. An error names the
    /// manifest, the version's index and name, then what `load` said.
    static func loadEach<Loaded>(path: String,
                                 _ load: (ModelVersion, ModelVersion.Source) throws -> Loaded) throws -> (ModelVersionSet, [Loaded]) {
        let set = try self.load(path: path)
        let folder = self.folder(of: path)
        var loaded: [Loaded] = []
        for (i, version) in set.versions.enumerated() {
            let source = version.filePath(relativeTo: folder).map(ModelVersion.Source.file) ?? version.source
            do {
                loaded.append(try load(version, source))
            } catch {
                throw CommandError("\(path): versions[\(i)] (\"\(version.name)\"): \(error)",
                                   isUsage: (error as? CommandError)?.isUsage ?? true)
            }
        }
        return (set, loaded)
    }
}
