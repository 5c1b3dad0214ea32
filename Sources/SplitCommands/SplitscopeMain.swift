import ArgumentParser
import SplitEngine
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs the command line and maps every error to a message and an exit status.
///
/// Status 0 on success and for help, 2 for usage errors and bad input (argument-parser's own
/// validation errors included, which it would otherwise report as 64, and a model the engine
/// cannot run: ``CommandError/engine(_:model:)``), 1 for runtime failures.
public enum SplitscopeMain {
    public static func run(_ arguments: [String] = Array(CommandLine.arguments.dropFirst())) -> Int32 {
        do {
            var command = try SplitscopeCommand.parseAsRoot(arguments)
            try command.run()
            return 0
        } catch let error as CommandError {
            Console.error("splitscope: \(error.message)")
            return error.isUsage ? 2 : 1
        } catch let error as EngineError {
            // A command that let an engine error through still says it the one way.
            let mapped = CommandError.engine(error, model: "the model")
            Console.error("splitscope: \(mapped.message)")
            return mapped.isUsage ? 2 : 1
        } catch {
            let code = SplitscopeCommand.exitCode(for: error)
            let message = SplitscopeCommand.fullMessage(for: error)
            if code == .success {
                Console.write(message + "\n")
                return 0
            }
            if !message.isEmpty { Console.error(message) }
            if let exit = error as? ExitCode { return exit.rawValue }
            return 2
        }
    }
}
