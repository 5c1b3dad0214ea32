import SplitJSON
import SplitModels
import SplitTerminal

/// The versions the devices of `simulate --devices` may run, with their measured accuracies.
enum FleetVersions {
    /// `--versions FILE` read as a model-versions manifest, or by default the training
    /// manifest Models/fashion-expected.json: each model it trained is a version, with its
    /// measured test accuracy.
    static func load(manifest: String?) throws(CommandError) -> (set: ModelVersionSet, folder: String) {
        if let manifest { return (try VersionsFile.load(path: manifest), VersionsFile.folder(of: manifest)) }
        // The shipped manifest, wherever splitscope runs from; its model files are beside it.
        let path = BundledFile.path(FleetOptions.defaultManifest)
        let text = try InputFile.readText(path: path, what: "training manifest (give --versions FILE to use another)")
        do {
            return (try trainingManifest(text), VersionsFile.folder(of: path))
        } catch {
            throw CommandError("\(path): \(error)")
        }
    }

    /// The models of a training manifest (`{"data", "models": {name: {"file", "test_accuracy_pct"}}}`) as versions.
    static func trainingManifest(_ text: String) throws -> ModelVersionSet {
        let root = try JSONValue.parse(text)
        guard let models = root.objectValue?["models"]?.objectValue else {
            throw ModelVersionSetError(field: "models", reason: "expected an object of trained models")
        }
        var versions: [ModelVersion] = []
        for (name, entry) in models.members {
            guard let file = entry.objectValue?["file"]?.stringValue else {
                throw ModelVersionSetError(field: "models.\(name).file", reason: "expected the model's file name")
            }
            guard let accuracy = entry.objectValue?["test_accuracy_pct"]?.doubleValue else {
                throw ModelVersionSetError(field: "models.\(name).test_accuracy_pct", reason: "expected the measured test accuracy in percent")
            }
            versions.append(ModelVersion(name: name, source: .file(file), accuracyPercent: accuracy))
        }
        return try ModelVersionSet(family: familyName(of: versions.map(\.name), data: root.objectValue?["data"]?.stringValue),
                                   versions: versions)
    }

    /// The name of a training manifest's family, which names no family: what its models' names
    /// share, in whole words (`fashion` for `fashion-device` and `fashion-edge`), else `models of`
    /// its data set.
    /// Not the data set's name alone, which names the data the models learnt, not a model.
    static func familyName(of names: [String], data: String?) -> String {
        var shared: Substring = names.first.map { $0[...] } ?? ""
        for name in names.dropFirst() {
            shared = shared.prefix(zip(shared, name).prefix { $0 == $1 }.count)
        }
        // Whole words only: `fashion` of `fashion-device`, never `f` of `fast` and `full`.
        if !names.allSatisfy({ $0.count == shared.count }) {
            shared = shared[..<(shared.lastIndex { "-_. ".contains($0) } ?? shared.startIndex)]
        }
        while let last = shared.last, "-_. ".contains(last) { shared = shared.dropLast() }
        if !shared.isEmpty { return String(shared) }
        return data.map { "models of \($0)" } ?? "models"
    }
}
