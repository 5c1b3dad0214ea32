import ArgumentParser
import SplitModels
import Foundation
import SplitDashboard
import SplitSession
import SplitTerminal

/// `splitscope replay`: the dashboard over a recorded session.
struct ReplayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Watch a recorded session in the dashboard; override constraints to see what would have happened.",
        discussion: """
        Keys: Space pause, +/- speed, [ ] seek, ←/→ layer cursor, Enter pin, s m b f n constraints, \
        p policy, r back to the recording, t theme, ? help, q quit.

        Example: splitscope replay SampleTraces/sessions/resnet50-lte-walk.jsonl --speed 4
        """
    )

    @Argument(help: "A session file (.jsonl or .jsonl.gz).")
    var file: String

    @Option(name: .long, parsing: .unconditional,
            help: "Replay speed: \(PlaybackMode.speeds.map(Format.plain).joined(separator: ", ")) (the steps + and - take).")
    var speed: FlagNumber = 1

    @Option(name: .long, help: "Theme name (dark, light, high-contrast, mono, or a file in Themes/) or path to a theme file.")
    var theme: String?

    @Option(name: .long, parsing: .unconditional, help: "Start this many seconds into the session.")
    var start: FlagNumber = 0

    func run() throws {
        let speed = try Quantity.replaySpeed.checked(speed, flag: "--speed")
        guard PlaybackMode.speeds.contains(speed) else {
            // The dashboard steps through fixed speeds; say so rather than round silently.
            throw CommandError("--speed: replay speed must be one of \(PlaybackMode.speeds.map(Format.plain).joined(separator: ", ")), got \(Format.plain(speed))")
        }
        let index = try Self.openSession(file)
        let start = try Quantity.seconds.capped(at: index.duration).checked(start, flag: "--start")
        let (themes, themeMessage, themeStatus) = Self.themes(requested: theme)
        let context = SessionContext(header: index.header)
        var finalStatus: String?
        var quitSignal: Int32?
        let feed = ReplayFeed(index: index)
        let skipped = feed.skippedLines
        do {
            try NcursesBackend.run(options: NcursesBackend.Options(quitSignalsArePolled: true)) { backend in
                var chosen = themes
                if theme == nil, backend.colorMode == .monochrome, let mono = themes.firstIndex(where: { $0.name == "mono" }) {
                    chosen.insert(chosen.remove(at: mono), at: 0)
                }
                var state = DashboardState(context: context, duration: SessionLength.of(index), mode: .replay(speed: speed, paused: false),
                                           themes: chosen, glyphs: backend.glyphs, size: backend.size)
                state.cursor = context.layerCount
                state.status = themeStatus
                state.skippedLines = skipped
                // A live device's recording names the device on its header line.
                state.adoptSessionDevice(index.event(at: 0)?.device)
                var loop = DashboardLoop(state: state, feed: feed)
                if skipped > 0 {
                    let first = index.diagnostics.first { $0.kind == .skippedLine }.map { " (first: \($0))" } ?? ""
                    loop.inbox.send(.notice("skipped \(Format.counted(skipped, "damaged line")) of the recording\(first)"))
                }
                if ProcessInfo.processInfo.environment["SPLITSCOPE_DEBUG_CRASH_AFTER_DRAW"] == "1" {
                    // Hidden, for the end-to-end test of the fatal-signal handler: crash with the screen up.
                    loop.afterFirstFrame = { Self.crashForTesting() }
                }
                let final = loop.run(on: backend, initial: [.reload(at: start)])
                quitSignal = loop.quitSignal
                finalStatus = final.whatIf != nil ? "left what-if mode; the recording is unchanged" : nil
            }
        } catch let error as TerminalError {
            switch error {
            case .notATerminal: throw CommandError("\(error)", isUsage: false)
            case .unknownTerminal, .noCursorAddressing: throw CommandError("\(error)")
            }
        }
        if let themeMessage { Console.error(themeMessage) }
        if skipped > 0 { Console.error("\(file): skipped \(Format.counted(skipped, "damaged line"))") }
        if let finalStatus { Console.line(finalStatus) }
        if let quitSignal { throw ExitCode(128 + quitSignal) }
    }

    /// Dies of a runtime trap, as a bug would (only with `SPLITSCOPE_DEBUG_CRASH_AFTER_DRAW=1`).
    static func crashForTesting() {
        let values = [Int](ProcessInfo.processInfo.environment.keys.map(\.count))
        _ = values[values.count + 1]
    }

    /// Opens a session's index, or says in splitscope's words why it cannot be read.
    static func openSession(_ path: String) throws(CommandError) -> SessionIndex {
        if let problem = InputFile.problem(at: path) {
            throw CommandError("\(path): cannot read the session: \(problem)")
        }
        do {
            return try SessionIndex.open(path: path)
        } catch {
            throw CommandError("\(error)")
        }
    }

    /// The themes to cycle through, the requested one first, and a message if it could not be
    /// loaded: in full (with the file's path) for the terminal after the dashboard, and for the
    /// dashboard's status line with the file's name only, so a long path does not push the line
    /// number and the reason off an 80-column screen.
    static func themes(requested: String?) -> (themes: [Theme], message: String?, status: String?) {
        var themes = Theme.builtins
        guard let requested else { return (themes, nil, nil) }
        let outcome = ThemeLoader.loadOrDefault(nameOrPath: requested, themesDirectories: ThemeLoader.defaultDirectories())
        if let error = outcome.error {
            // The folder part of the path as given (through its last "/"); the error begins with the path.
            let folder = requested.lastIndex(of: "/").map { String(requested[...$0]) } ?? ""
            let named = !folder.isEmpty && error.hasPrefix(folder) ? String(error.dropFirst(folder.count)) : error
            return (themes, "\(error); using the default theme", "\(named); using the default theme")
        }
        themes.removeAll { $0.name == outcome.theme.name }
        themes.insert(outcome.theme, at: 0)
        let warnings = outcome.warnings.isEmpty ? nil : outcome.warnings.joined(separator: "; ")
        return (themes, warnings, warnings)
    }
}
