import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Testing

/// The real binary in tmux on its own socket with a fixed size: type keys, read the screen.
///
/// Waits poll the captured pane until a condition holds (never sleep-and-hope) and dump the
/// screen when they time out.
final class TmuxSession {
    let socket = "splitscope-test-\(UUID().uuidString.prefix(8))"
    let name = "main"

    static var isAvailable: Bool {
        FileManager.default.isExecutableFile(atPath: "/usr/bin/tmux") || FileManager.default.isExecutableFile(atPath: "/usr/local/bin/tmux")
    }

    /// Starts `command` (run by sh) in a detached session of the given size.
    init(command: String, width: Int = 100, height: Int = 30) throws {
        // The server this starts inherits the client's output: never read it, or the read never ends.
        try tmux(["new-session", "-d", "-s", name, "-x", "\(width)", "-y", "\(height)", "sh", "-c", command], capture: false)
    }

    deinit {
        _ = try? tmux(["kill-server"], capture: false)
    }

    /// The visible screen, one line per row.
    func capture() throws -> String {
        try tmux(["capture-pane", "-p", "-t", name])
    }

    /// The visible screen with its SGR escape sequences (colours and attributes).
    /// The screen and everything that scrolled off its top.
    func captureWithHistory() throws -> String {
        try tmux(["capture-pane", "-p", "-S", "-", "-t", name])
    }

    func captureWithEscapes() throws -> String {
        try tmux(["capture-pane", "-p", "-e", "-t", name])
    }

    /// Sends tmux key names (`Left`, `Enter`, `q`).
    func send(_ keys: String...) throws {
        try tmux(["send-keys", "-t", name] + keys, capture: false)
    }

    /// Polls the screen until `condition` holds; records an issue with the screen on timeout.
    /// The timeout is generous (a loaded 2-core machine can take tens of seconds to start a
    /// binary while the rest of the suite runs); a wait that holds returns at once.
    @discardableResult
    func waitFor(_ what: String, timeout: Double = 60, sourceLocation: SourceLocation = #_sourceLocation,
                 _ condition: (String) -> Bool) throws -> String? {
        let deadline = Date().addingTimeInterval(timeout)
        var screen = ""
        while Date() < deadline {
            screen = try capture()
            if condition(screen) { return screen }
            Thread.sleep(forTimeInterval: 0.1)
        }
        Issue.record("timed out waiting for \(what); the screen was:\n\(screen)", sourceLocation: sourceLocation)
        return nil
    }

    /// Runs tmux with posix_spawn and waitpid (Foundation's Process can miss the exit of a tmux
    /// client whose server it forked, and wait forever).
    @discardableResult
    private func tmux(_ arguments: [String], capture: Bool = true) throws -> String {
        let argv = ["tmux", "-L", socket, "-f", "/dev/null"] + arguments
        var pipe: [Int32] = [0, 0]
        guard Glibc.pipe(&pipe) == 0 else { throw TmuxError.spawn("pipe failed") }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        if capture {
            posix_spawn_file_actions_adddup2(&actions, pipe[1], 1)
        } else {
            posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        }
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addclose(&actions, pipe[0])
        posix_spawn_file_actions_addclose(&actions, pipe[1])
        var cArgs = argv.map { strdup($0) } + [nil]
        defer { for arg in cArgs { free(arg) } }
        var pid: pid_t = 0
        let spawned = posix_spawnp(&pid, "tmux", &actions, nil, &cArgs, environ)
        close(pipe[1])
        guard spawned == 0 else {
            close(pipe[0])
            throw TmuxError.spawn("posix_spawnp tmux failed: \(spawned)")
        }
        var output = [UInt8]()
        if capture {
            var chunk = [UInt8](repeating: 0, count: 65_536)
            while true {
                let count = read(pipe[0], &chunk, chunk.count)
                if count <= 0 { break }
                output.append(contentsOf: chunk[0..<count])
            }
        }
        close(pipe[0])
        var status: Int32 = 0
        _ = waitpid(pid, &status, 0)
        return String(decoding: output, as: UTF8.self)
    }
}

enum TmuxError: Error {
    case spawn(String)
}
