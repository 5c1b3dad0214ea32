import ArgumentParser

/// The `splitscope` command line: plan, inspect, simulate, record, replay, run and watch split inference.
public struct SplitscopeCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "splitscope",
        abstract: "Plan, run and watch collaborative (split) DNN inference.",
        subcommands: [ModelsCommand.self, InspectCommand.self, PlanCommand.self, ProfileCommand.self, SimulateCommand.self,
                      SummarizeCommand.self, ReplayCommand.self, RunCommand.self, EvalCommand.self, ExportCommand.self,
                      EdgeCommand.self, DeviceCommand.self, AttachCommand.self, DemoCommand.self,
                      BenchCommand.self]
    )

    /// argument-parser's own errors (`The value '0x10' is invalid for '--split <split>'`) start
    /// like splitscope's: `splitscope: `, not `Error: `.
    public static var _errorPrefix: String { "splitscope: " }

    public init() {}
}
