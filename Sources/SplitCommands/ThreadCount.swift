import Foundation
import SplitModels

/// An engine thread count from a flag: a whole number from 1 to this machine's online cores.
///
/// More threads than cores never helps and can stall: pthreadpool ends each pooled operator waiting
/// for every worker, so 1024 threads on 2 cores ran `run` for minutes. Every flag that sets a
/// thread count (`--threads` of run, device, edge, eval and profile, `--edge-threads` of profile
/// and bench live) is checked here, while the command line is parsed, before any work starts:
/// `--threads 1024: this machine has 2 cores; give 1 to 2`.
enum ThreadCount {
    /// The cores this process may run on: the engine's upper limit and the edge's default.
    static var onlineCores: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }

    /// The thread count `value` of `flag` asks for, or a usage error naming the flag and the range.
    ///
    /// Any count above the cores gets the cores' message, however far above (10⁵ as much as 3):
    /// the machine, not the engine's own ceiling, is the limit a user meets.
    static func checked(_ value: some FlagValue, flag: String, cores: Int = onlineCores) throws(CommandError) -> Int {
        guard !(value.value > Double(cores)) else {
            let range = cores == 1 ? "give 1" : "give 1 to \(cores)"
            throw CommandError("\(flag) \(value): this machine has \(Format.counted(cores, "core")); \(range)")
        }
        return Int(try Quantity.threads.checked(value, flag: flag))
    }

    /// ``checked(_:flag:cores:)`` for `validate()`, so a bad thread count is refused while the
    /// command line is parsed, in the same words and with the same status (2) as at run time.
    static func validate(_ value: (some FlagValue)?, flag: String) throws {
        guard let value else { return }
        _ = try checked(value, flag: flag)
    }
}
