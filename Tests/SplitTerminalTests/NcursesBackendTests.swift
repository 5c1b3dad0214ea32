#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Testing
@testable import SplitTerminal

/// A pseudo-terminal pair: the backend gets the slave side, the test plays the user on the master.
private struct PseudoTerminal {
    let master: Int32
    let slave: Int32

    /// Whether this machine can open pseudo-terminals (some containers have no /dev/pts) and
    /// knows the xterm-256color terminal type.
    static let isAvailable: Bool = {
        var master: Int32 = -1
        var slave: Int32 = -1
        guard openpty(&master, &slave, nil, nil, nil) == 0 else { return false }
        _ = Glibc.close(master)
        _ = Glibc.close(slave)
        let entries: [String] = ["/lib/terminfo/x/xterm-256color", "/usr/share/terminfo/x/xterm-256color",
                                 "/usr/lib/terminfo/x/xterm-256color", "/etc/terminfo/x/xterm-256color"]
        return entries.contains { access($0, R_OK) == 0 }
    }()

    init(columns: UInt16, rows: UInt16) throws {
        var master: Int32 = -1
        var slave: Int32 = -1
        var size = winsize(ws_row: rows, ws_col: columns, ws_xpixel: 0, ws_ypixel: 0)
        try #require(openpty(&master, &slave, nil, nil, &size) == 0, "openpty failed")
        self.master = master
        self.slave = slave
    }

    /// Everything the program wrote so far (waits up to `timeoutMs` for the first bytes).
    func drain(timeoutMs: Int32 = 500) -> String {
        var bytes: [UInt8] = []
        var wait = timeoutMs
        while true {
            var descriptor = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
            guard poll(&descriptor, 1, wait) > 0 else { break }
            var chunk = [UInt8](repeating: 0, count: 4096)
            let count = read(master, &chunk, chunk.count)
            guard count > 0 else { break }
            bytes.append(contentsOf: chunk.prefix(count))
            wait = 50
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Types `text` as the user.
    func type(_ text: String) {
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { write(master, $0.baseAddress, $0.count) }
    }

    /// Whether the slave side is back in cooked mode (canonical input with echo).
    var isCooked: Bool {
        var attributes = termios()
        guard tcgetattr(slave, &attributes) == 0 else { return false }
        return attributes.c_lflag & tcflag_t(ICANON) != 0 && attributes.c_lflag & tcflag_t(ECHO) != 0
    }

    func close() {
        _ = Glibc.close(slave)
        _ = Glibc.close(master)
    }
}

@Suite("NcursesBackend on a pseudo-terminal", .serialized,
       .enabled(if: PseudoTerminal.isAvailable, "needs a pseudo-terminal and the xterm-256color terminfo entry"))
struct NcursesBackendTests {
    let options = NcursesBackend.Options(terminalType: "xterm-256color", installSignalHandlers: false,
                                         environment: ["TERM": "xterm-256color"])

    @Test func drawsReadsKeysAndGivesTheTerminalBack() throws {
        let pty = try PseudoTerminal(columns: 20, rows: 5)
        defer { pty.close() }
        let file = try #require(fdopen(dup(pty.slave), "r+"))
        let backend = try NcursesBackend(options: options, output: file, input: file, ownsOutput: true)
        #expect(!pty.isCooked)
        #expect(backend.size == TerminalSize(width: 20, height: 5))
        #expect(backend.colorCount == 256)
        #expect(backend.colorMode == .indexed256)
        // Glyphs follow the codeset setlocale(LC_ALL, "") chose from this process's environment.
        let codeset = nl_langinfo(nl_item(CODESET)).map { String(cString: $0) } ?? ""
        #expect(backend.glyphs.isUnicode == GlyphSet.isUTF8(codeset: codeset))
        _ = pty.drain()

        var frame = Buffer(width: 20, height: 5)
        frame.set(x: 0, y: 0, string: "hello", style: Style(fg: .rgb(255, 0, 0), attributes: .bold))
        frame.set(x: 0, y: 1, string: backend.glyphs.topLeft + backend.glyphs.horizontal + "日本")
        backend.present(frame)
        let first = pty.drain()
        #expect(first.contains("hello"))
        #expect(first.contains("\u{1b}[38;5;196m") || first.contains("38;5;196"))
        if backend.glyphs.isUnicode {
            #expect(first.contains("┌─日本"))
        }

        frame.set(x: 0, y: 3, string: "diff")
        backend.present(frame)
        let second = pty.drain()
        #expect(second.contains("diff"))
        #expect(!second.contains("hello"))

        pty.type("q\u{1b}OA\u{1b}[6~")
        #expect(backend.readKey(timeoutMs: 1000) == .character("q"))
        #expect(backend.readKey(timeoutMs: 1000) == .up)
        #expect(backend.readKey(timeoutMs: 1000) == .pageDown)
        #expect(backend.readKey(timeoutMs: 0) == nil)

        backend.shutdown()
        backend.shutdown()
        #expect(pty.isCooked)
        #expect(pty.drain().contains("\u{1b}[?1049l"))  // left the alternate screen
    }

    @Test func anUnknownTerminalTypeIsAnErrorNotAnExit() throws {
        let pty = try PseudoTerminal(columns: 20, rows: 5)
        defer { pty.close() }
        let file = try #require(fdopen(dup(pty.slave), "r+"))
        defer { fclose(file) }
        var unknown = options
        unknown.terminalType = "no-such-terminal-splitscope"
        #expect(throws: TerminalError.unknownTerminal("no-such-terminal-splitscope")) {
            _ = try NcursesBackend(options: unknown, output: file, input: file, ownsOutput: false)
        }
        #expect(pty.isCooked)
    }

    @Test func aTerminalThatCannotMoveTheCursorIsRefused() throws {
        let pty = try PseudoTerminal(columns: 20, rows: 5)
        defer { pty.close() }
        let file = try #require(fdopen(dup(pty.slave), "r+"))
        defer { fclose(file) }
        var dumb = options
        dumb.terminalType = "dumb"
        #expect(throws: TerminalError.noCursorAddressing("dumb")) {
            _ = try NcursesBackend(options: dumb, output: file, input: file, ownsOutput: false)
        }
        #expect(pty.isCooked, "the terminal is left as it was")
    }

    @Test func runShutsDownWhenTheBodyThrows() throws {
        struct Boom: Error {}
        let pty = try PseudoTerminal(columns: 20, rows: 5)
        defer { pty.close() }
        let file = try #require(fdopen(dup(pty.slave), "r+"))
        let backend = try NcursesBackend(options: options, output: file, input: file, ownsOutput: true)
        #expect(!pty.isCooked)
        #expect(throws: Boom.self) {
            try NcursesBackend.run(backend) { terminal in
                terminal.present(Buffer(lines: ["working"]))
                throw Boom()
            }
        }
        #expect(!backend.isActive)
        #expect(pty.isCooked)
    }
}
