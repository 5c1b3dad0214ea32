import SplitModels

extension GraphModelOptions {
    /// Loads every version of a `--versions` manifest as `--model` or `--model-file` would load it
    /// (the same roofline, element-type and batch flags apply to each), in the manifest's order.
    ///
    /// `--model` and `--model-file` themselves are refused: the manifest names the models.
    /// Errors name the manifest, the version's index and name, and the file.
    func loadVersions(_ path: String) throws -> (set: ModelVersionSet, models: [LoadedModel]) {
        guard model == nil, modelFile == nil else {
            throw CommandError("give --versions or --model/--model-file, not both (the manifest names the models)")
        }
        let (set, models) = try VersionsFile.loadEach(path: path, graph: \.graph) { _, source -> LoadedModel in
            var options = self
            switch source {
            case .file(let file): options.modelFile = file
            case .zooModel(let name): options.model = name
            }
            return try options.load(fileFlag: nil)
        }
        return (set, models)
    }
}
