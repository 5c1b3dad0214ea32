import ArgumentParser
import SplitModels

/// `splitscope profile`: writes a zoo model's profile (roofline estimate) as JSON.
struct ProfileCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "profile",
        abstract: "Write a profile file for a zoo model from a roofline estimate.",
        discussion: "Edit device_ms/edge_ms with your own measurements, then give the file to other commands with --profile FILE."
    )

    /// Only a model graph (zoo or ONNX file) and how to build it: a profile file is this command's output, not an input.
    @OptionGroup var model: GraphModelOptions

    func run() throws {
        Console.line(try model.load().profile.json.prettySerialized())
    }
}
