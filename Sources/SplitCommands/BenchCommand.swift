import ArgumentParser

/// `splitscope bench`: speed and memory targets, measured in a release build.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure speed targets (run a release build: swift build -c release).",
        subcommands: [BenchPlannerCommand.self, BenchReplayCommand.self, BenchRenderCommand.self, BenchEngineCommand.self,
                      BenchLiveCommand.self, BenchAllocationCommand.self]
    )
}
