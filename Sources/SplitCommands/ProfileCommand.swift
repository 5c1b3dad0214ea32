import ArgumentParser
import SplitModels

/// `splitscope profile`: writes a zoo model's profile (roofline estimate) as JSON.
struct ProfileCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "profile",
        abstract: "Write a profile file for a zoo model from a roofline estimate.",
        discussion: "Edit device_ms/edge_ms with your own measurements, then use it with --profile."
    )

    @OptionGroup var model: ModelOptions

    func run() throws {
        guard model.profile == nil else { throw CommandError("profile writes a zoo model's profile: use --model NAME") }
        Console.line(try model.load().profile.json.prettySerialized())
    }
}
