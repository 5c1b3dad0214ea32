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
    /// (a file's path against the manifest's folder), in the manifest's order, then checked to be
    /// one family (``checkFamily(manifest:names:graphs:)``, on the graph `graph` gives of each). An
    /// error names the manifest, the version's index and name, then what `load` said.
    static func loadEach<Loaded>(path: String, graph: (Loaded) -> ModelGraph?,
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
        try checkFamily(manifest: path, names: set.versions.map(\.name), graphs: loaded.map(graph))
        return (set, loaded)
    }

    /// A usage error unless every version takes the same input and gives the same outputs (the
    /// same classes) as the first: versions of one family answer one question, so a planner may
    /// swap one for another. Versions without a graph (a profile) are not compared.
    static func checkFamily(manifest: String, names: [String], graphs: [ModelGraph?]) throws(CommandError) {
        guard let firstIndex = graphs.firstIndex(where: { $0 != nil }), let first = graphs[firstIndex] else { return }
        let reference = "versions[\(firstIndex)] (\(DisplayText.quoted(names[firstIndex])))"
        for (i, candidate) in graphs.enumerated() where i > firstIndex {
            guard let graph = candidate else { continue }
            let entry = "\(manifest): versions[\(i)] (\(DisplayText.quoted(names[i])))"
            if graph.inputShape.dims != first.inputShape.dims {
                throw CommandError("\(entry): input \(shapeText(graph.inputShape.dims)) differs from \(reference)'s "
                    + "\(shapeText(first.inputShape.dims)): the versions of a family take the same input")
            }
            let output = graph.layers.last?.outputShape.dims ?? []
            let firstOutput = first.layers.last?.outputShape.dims ?? []
            if output != firstOutput {
                throw CommandError("\(entry): output \(shapeText(output)) differs from \(reference)'s "
                    + "\(shapeText(firstOutput)): the versions of a family give the same classes")
            }
        }
    }

    private static func shapeText(_ dims: [Int]) -> String {
        dims.isEmpty ? "none" : TensorShape(dims).description
    }
}
