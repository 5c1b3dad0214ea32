import ArgumentParser
import Foundation
import SplitModels

/// `splitscope profile`: writes a zoo model's profile (roofline estimate, or measured) as JSON.
struct ProfileCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "profile",
        abstract: "Write a model's profile (zoo model or ONNX file) from a roofline estimate, or measured with --measure.",
        discussion: """
        Edit device_ms/edge_ms with your own measurements, then use it with --profile. With --measure, \
        both come from running the model here through the engine (the median of warm repeats): \
        device_ms with --threads, times --slowdown to stand for a weaker device; edge_ms with --edge-threads.

        With --versions FILE --out DIR, one profile per version of a splitscope-model-versions manifest \
        (estimated, or measured with --measure) is written to DIR/VERSION.profile.json.
        """
    )

    /// Only a model graph (zoo or ONNX file) and how to build it: a profile file is this command's output, not an input.
    @OptionGroup var model: GraphModelOptions

    @OptionGroup var measurement: ProfileMeasurement

    @Option(name: .long, help: "A model-versions manifest: write a profile per version (needs --out).")
    var versions: String?

    @Option(name: .long, help: "With --versions: the folder to write VERSION.profile.json files into (created if missing).")
    var out: String?

    func run() throws {
        try measurement.checkGivenOnlyWithMeasure()
        if let versions {
            try runVersions(versions)
            return
        }
        if out != nil { throw CommandError("--out applies to --versions (a single profile goes to standard output)") }
        let loaded = try model.load()
        guard measurement.measure, let graph = loaded.graph else {
            Console.line(loaded.profile.json.prettySerialized())
            return
        }
        Console.line(try measurement.measured(loaded.profile, graph: graph, fileWeights: loaded.weights).json.prettySerialized())
    }
}

extension ProfileCommand {
    /// `profile --versions FILE --out DIR`: a profile per version, each estimated or measured as
    /// for a single model, written to `DIR/NAME.profile.json`; prints one line per file.
    func runVersions(_ path: String) throws {
        guard let out else { throw CommandError("--versions needs --out DIR (one profile file per version)") }
        let (set, models) = try model.loadVersions(path)
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: out, isDirectory: &isDirectory), !isDirectory.boolValue {
            throw CommandError("--out \(out): not a folder")
        }
        do {
            try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        } catch {
            throw CommandError("--out \(out): cannot create the folder: \(error.localizedDescription)")
        }
        for (version, loaded) in zip(set.versions, models) {
            var profile = loaded.profile
            if measurement.measure, let graph = loaded.graph {
                profile = try measurement.measured(profile, graph: graph, fileWeights: loaded.weights)
            }
            let file = (out.hasSuffix("/") ? out : out + "/") + "\(version.name).profile.json"
            try OutputFile.write(Array((profile.json.prettySerialized() + "\n").utf8), to: file, flag: "--out")
            Console.line("\(file): \(version.name) (\(profile.name), \(Format.counted(profile.layerCount, "layer")), "
                + "\(Format.fixed(version.accuracyPercent, 2)) % accurate)")
        }
    }
}
