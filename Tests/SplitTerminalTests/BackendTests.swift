import CNcursesw
import Testing
@testable import SplitTerminal

@Suite("TestBackend, key events and the ncurses helpers")
struct BackendTests {
    @Test func presentDrawsOnlyTheDiff() {
        let backend = TestBackend(width: 6, height: 2)
        var frame = Buffer(width: 6, height: 2)
        frame.set(x: 0, y: 0, string: "hello")
        backend.present(frame)
        #expect(backend.lastUpdates.count == 12)
        #expect(backend.text() == "hello \n      ")
        frame.set(x: 0, y: 1, string: "w")
        backend.present(frame)
        #expect(backend.lastUpdates == [CellUpdate(x: 0, y: 1, cell: Cell("w"))])
        backend.present(frame)
        #expect(backend.lastUpdates.isEmpty)
        #expect(backend.drawCount == 3)
        backend.requestFullRedraw()
        backend.present(frame)
        #expect(backend.lastUpdates.count == 12)
    }

    @Test func resizeQueuesAnEventAndRepaints() {
        let backend = TestBackend(width: 4, height: 1)
        backend.present(Buffer(lines: ["abcd"]))
        backend.resize(width: 6, height: 2)
        #expect(backend.size == TerminalSize(width: 6, height: 2))
        #expect(backend.readKey(timeoutMs: 0) == .resize)
        #expect(backend.readKey(timeoutMs: 0) == nil)
        backend.present(Buffer(lines: ["abcdef", "gh"], width: 6))
        #expect(backend.lastUpdates.count == 12)
        #expect(backend.text() == "abcdef\ngh    ")
    }

    @Test func queuedKeysComeBackInOrder() {
        let backend = TestBackend(width: 1, height: 1)
        backend.queue(.character("j"), .down, .ctrl("c"))
        #expect(backend.readKey(timeoutMs: 10) == .character("j"))
        #expect(backend.readKey(timeoutMs: 10) == .down)
        #expect(backend.readKey(timeoutMs: 10) == .ctrl("c"))
        #expect(backend.readKey(timeoutMs: 10) == nil)
    }

    @Test func colourModeIsAppliedWhenDrawing() {
        let backend = TestBackend(width: 2, height: 1, colorMode: .indexed256)
        var frame = Buffer(width: 2, height: 1)
        frame.set(x: 0, y: 0, string: "x", style: Style(fg: .rgb(255, 0, 0), bg: .rgb(128, 128, 128)))
        backend.present(frame)
        #expect(backend.buffer[0, 0] == Cell("x", fg: .indexed(196), bg: .indexed(244)))
        let mono = TestBackend(width: 2, height: 1, colorMode: .monochrome)
        mono.present(frame)
        #expect(mono.styledSnapshot() == "x \n-- styles\n..\n-- legend")
    }

    @Test func wideCharactersArriveWhole() {
        let backend = TestBackend(width: 4, height: 1)
        backend.present(Buffer(lines: ["日本"]))
        #expect(backend.text() == "日本")
        backend.present(Buffer(lines: ["a本"], width: 4))
        #expect(backend.text() == "a本 ")
        backend.present(Buffer(lines: ["a 本"], width: 4))
        #expect(backend.text() == "a 本")
        #expect(backend.lastUpdates.map(\.x) == [1, 2])
    }

    @Test func suspendAndRestore() {
        let backend = TestBackend(width: 1, height: 1)
        backend.suspend()
        #expect(backend.isSuspended)
        backend.restore()
        #expect(!backend.isSuspended)
    }

    @Test func characterCodesBecomeKeyEvents() {
        #expect(KeyEvent(characterCode: 0x71) == .character("q"))
        #expect(KeyEvent(characterCode: 0x20) == .character(" "))
        #expect(KeyEvent(characterCode: 0xe9) == .character("é"))
        #expect(KeyEvent(characterCode: 0x65e5) == .character("日"))
        #expect(KeyEvent(characterCode: 3) == .ctrl("c"))
        #expect(KeyEvent(characterCode: 1) == .ctrl("a"))
        #expect(KeyEvent(characterCode: 26) == .ctrl("z"))
        #expect(KeyEvent(characterCode: 9) == .tab)
        #expect(KeyEvent(characterCode: 10) == .enter)
        #expect(KeyEvent(characterCode: 13) == .enter)
        #expect(KeyEvent(characterCode: 27) == .escape)
        #expect(KeyEvent(characterCode: 127) == .backspace)
        #expect(KeyEvent(characterCode: 8) == .backspace)
        #expect(KeyEvent(characterCode: 28) == .ctrl("\\"))
        #expect(KeyEvent(characterCode: 0xd800) == .unknown(0xd800))
        #expect(KeyEvent.ctrl("c").description == "^C")
        #expect(KeyEvent.function(5).description == "F5")
    }

    @Test func ncursesKeyCodesBecomeKeyEvents() {
        #expect(NcursesKeyMap.event(forKeyCode: KEY_UP) == .up)
        #expect(NcursesKeyMap.event(forKeyCode: KEY_DOWN) == .down)
        #expect(NcursesKeyMap.event(forKeyCode: KEY_LEFT) == .left)
        #expect(NcursesKeyMap.event(forKeyCode: KEY_RIGHT) == .right)
        #expect(NcursesKeyMap.event(forKeyCode: KEY_HOME) == .home)
        #expect(NcursesKeyMap.event(forKeyCode: KEY_END) == .end)
        #expect(NcursesKeyMap.event(forKeyCode: KEY_PPAGE) == .pageUp)
        #expect(NcursesKeyMap.event(forKeyCode: KEY_NPAGE) == .pageDown)
        #expect(NcursesKeyMap.event(forKeyCode: KEY_BACKSPACE) == .backspace)
        #expect(NcursesKeyMap.event(forKeyCode: KEY_DC) == .delete)
        #expect(NcursesKeyMap.event(forKeyCode: KEY_BTAB) == .backTab)
        #expect(NcursesKeyMap.event(forKeyCode: KEY_ENTER) == .enter)
        #expect(NcursesKeyMap.event(forKeyCode: KEY_RESIZE) == .resize)
        #expect(NcursesKeyMap.event(forKeyCode: splitscope_key_f(1)) == .function(1))
        #expect(NcursesKeyMap.event(forKeyCode: splitscope_key_f(12)) == .function(12))
        #expect(NcursesKeyMap.event(forKeyCode: KEY_MOUSE) == .unknown(Int(KEY_MOUSE)))
    }

    @Test func colourPairsAreAllocatedOnDemandAndReused() {
        var table = ColorPairTable(capacity: 4)
        #expect(table.pair(foreground: -1, background: -1) == .existing(0))
        #expect(table.pair(foreground: 196, background: -1) == .new(1))
        #expect(table.pair(foreground: 46, background: 16) == .new(2))
        #expect(table.pair(foreground: 196, background: -1) == .existing(1))
        #expect(table.pair(foreground: 21, background: -1) == .new(3))
        #expect(table.count == 4)
    }

    @Test func aFullTableFallsBackToTheNearestPair() {
        var table = ColorPairTable(capacity: 3)
        _ = table.pair(foreground: 196, background: -1)  // 1: red on default
        _ = table.pair(foreground: 21, background: -1)   // 2: blue on default
        #expect(table.pair(foreground: 160, background: -1) == .nearest(1))  // dark red → red
        #expect(table.pair(foreground: 19, background: -1) == .nearest(2))   // dark blue → blue
        #expect(table.pair(foreground: -1, background: -1) == .existing(0))
        #expect(table.count == 3)
    }

    @Test func colourNumbersForTheTerminal() {
        let full = CursesColorMapper(mode: .indexed256, colors: 256)
        #expect(full.number(for: .default) == (-1, false))
        #expect(full.number(for: .rgb(255, 0, 0)) == (196, false))
        #expect(full.number(for: .indexed(244)) == (244, false))
        #expect(full.number(for: .ansi(9)) == (9, false))
        let truthful = CursesColorMapper(mode: .trueColor, colors: 256)
        #expect(truthful.number(for: .rgb(255, 0, 0)) == (196, false))
        let sixteen = CursesColorMapper(mode: .ansi16, colors: 16)
        #expect(sixteen.number(for: .rgb(255, 0, 0)) == (9, false))
        #expect(sixteen.number(for: .indexed(244)) == (8, false))
        let eight = CursesColorMapper(mode: .ansi16, colors: 8)
        #expect(eight.number(for: .ansi(9)) == (1, true))
        #expect(eight.number(for: .ansi(3)) == (3, false))
        #expect(eight.number(for: .rgb(0, 255, 0)) == (2, true))
        let mono = CursesColorMapper(mode: .monochrome, colors: 256)
        #expect(mono.number(for: .rgb(255, 0, 0)) == (-1, false))
        // An index beyond what an 88-colour terminal has is degraded to the 16 ANSI colours.
        #expect(CursesColorMapper(mode: .ansi16, colors: 88).number(for: .indexed(196)) == (9, false))
    }

    @Test func terminalErrorsExplainThemselves() {
        #expect(TerminalError.unknownTerminal("xtrem").description.contains("unknown terminal type 'xtrem'"))
        #expect(TerminalError.unknownTerminal("").description.contains("TERM is not set"))
    }
}
