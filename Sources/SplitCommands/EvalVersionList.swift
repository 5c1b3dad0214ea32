import SplitJSON
import SplitModels

/// The versions `eval --versions FILE` measures: each version's name, ONNX file (resolved against
/// the manifest's folder), recorded accuracy and compression, from a `splitscope-model-versions`
/// manifest (version 1, see docs/datasets.md).
///
/// Only what `eval` needs, read strictly; errors are usage errors naming the manifest and the
/// field (`versions[2].accuracy_pct`). The planning side's reader (`ModelVersionSet`, branch
/// vplan) reads the same format for `plan`; once both are merged this should become a thin use
/// of it.
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

    static func load(path: String) throws(CommandError) -> EvalVersionList {
        let bytes = try InputFile.readData(path: path, what: "model-versions manifest")
        let json: JSONValue
        do {
            json = try JSONValue.parse(bytes: bytes)
        } catch {
            throw CommandError("\(path): not valid JSON: \(error)")
        }
        func fail(_ field: String, _ reason: String) -> CommandError {
            CommandError("\(path): \(field.isEmpty ? "" : field + ": ")\(reason)")
        }
        guard let root = json.objectValue else { throw fail("", "expected a JSON object") }
        guard root["format"]?.stringValue == "splitscope-model-versions" else {
            throw fail("format", "expected \"splitscope-model-versions\"")
        }
        guard root["version"]?.intValue == 1 else { throw fail("version", "expected 1 (the version this build reads)") }
        guard let family = root["family"]?.stringValue, !family.isEmpty else { throw fail("family", "expected a non-empty string") }
        guard let versions = root["versions"]?.arrayValue, !versions.isEmpty else {
            throw fail("versions", "expected a non-empty array of versions")
        }
        let folder = path.lastIndex(of: "/").map { String(path[...$0]) } ?? ""
        var entries: [Entry] = []
        for (i, raw) in versions.enumerated() {
            let at = "versions[\(i)]"
            guard let object = raw.objectValue else { throw fail(at, "expected an object") }
            guard let name = object["name"]?.stringValue, !name.isEmpty else { throw fail("\(at).name", "expected a non-empty string") }
            guard !entries.contains(where: { $0.name == name }) else { throw fail("\(at).name", "duplicate version name \"\(name)\"") }
            guard let file = object["file"]?.stringValue, !file.isEmpty else {
                throw fail("\(at).file", "expected the version's ONNX file (eval measures files, not zoo models)")
            }
            guard let number = object["accuracy_pct"]?.doubleValue else {
                throw fail("\(at).accuracy_pct", "missing (the version's measured accuracy, in %)")
            }
            let accuracy: Double
            do {
                accuracy = try Quantity.accuracyPercent.check(number)
            } catch {
                throw fail("\(at).accuracy_pct", error.description)
            }
            let resolved = file.hasPrefix("/") ? file : folder + file
            if let problem = InputFile.problem(at: resolved) {
                throw fail("\(at).file", "version \"\(name)\": cannot read \(resolved): \(problem)")
            }
            entries.append(Entry(name: name, path: resolved, recordedAccuracyPercent: accuracy,
                                 compression: object["compression"]?.stringValue ?? "none"))
        }
        return EvalVersionList(family: family, data: root["data"]?.stringValue, entries: entries)
    }
}
