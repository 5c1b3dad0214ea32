import ArgumentParser

/// Whether a `bench` subcommand may time this build: every benchmark refuses a debug build unless
/// `--allow-debug` is given, and then warns before it prints anything, so no table of debug-build
/// timings is ever taken for the real figures.
struct BenchBuild: ParsableArguments {
    @Flag(name: .long, help: "Run even in a debug build (timings several times slower than a release build; not the real figures).")
    var allowDebug = false

    /// Nothing in a release build; in a debug build a usage error, or with `--allow-debug` a warning on standard error.
    ///
    /// Call it after the options are checked and before anything is timed or printed.
    func check() throws(CommandError) {
        #if DEBUG
        guard allowDebug else {
            throw CommandError("this is a debug build: its timings mean nothing. Build with `swift build -c release` and run "
                + ".build/release/splitscope, or pass --allow-debug to run anyway")
        }
        Console.error("warning: this is a debug build; timings are several times slower than release (swift build -c release)")
        #endif
    }
}
