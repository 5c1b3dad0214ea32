import Testing
@testable import SplitTerminal

@Suite("Buffer: writing, clipping, wide characters")
struct BufferTests {
    @Test func setWritesStyledTextAndReturnsTheNextColumn() {
        var buffer = Buffer(width: 6, height: 2)
        let end = buffer.set(x: 1, y: 1, string: "ab", style: Style(fg: .red, attributes: .bold))
        #expect(end == 3)
        #expect(buffer.lines == ["      ", " ab   "])
        #expect(buffer[1, 1] == Cell("a", fg: .red, attributes: .bold))
        #expect(buffer[3, 1] == .blank)
    }

    @Test func setClipsAtEveryEdge() {
        var buffer = Buffer(width: 4, height: 2)
        buffer.set(x: 2, y: 0, string: "xyz")
        buffer.set(x: -2, y: 1, string: "abcd")
        buffer.set(x: 0, y: 2, string: "below")
        buffer.set(x: 0, y: -1, string: "above")
        #expect(buffer.lines == ["  xy", "cd  "])
    }

    @Test func setRespectsMaxWidth() {
        var buffer = Buffer(width: 8, height: 1)
        let end = buffer.set(x: 1, y: 0, string: "abcdef", maxWidth: 3)
        #expect(end == 4)
        #expect(buffer.rowText(0) == " abc    ")
    }

    @Test func wideCharactersTakeTwoCells() {
        var buffer = Buffer(width: 6, height: 1)
        let end = buffer.set(x: 0, y: 0, string: "日本x")
        #expect(end == 5)
        #expect(buffer[0, 0].symbol == "日")
        #expect(buffer[1, 0].isContinuation)
        #expect(buffer[2, 0].symbol == "本")
        #expect(buffer[4, 0].symbol == "x")
        #expect(buffer.rowText(0) == "日本x ")
    }

    @Test func aWideCharacterThatDoesNotFitIsNotSplit() {
        var buffer = Buffer(width: 3, height: 1)
        let end = buffer.set(x: 0, y: 0, string: "a日本")
        #expect(end == 3)
        #expect(buffer.rowText(0) == "a日")
        buffer.set(x: 0, y: 0, string: "ab日")
        #expect(buffer.rowText(0) == "ab ")
    }

    @Test func overwritingHalfAWideCharacterBlanksTheOtherHalf() {
        var buffer = Buffer(width: 4, height: 1)
        buffer.set(x: 0, y: 0, string: "日本")
        buffer.set(x: 1, y: 0, string: "x")
        #expect(buffer.rowText(0) == " x本")
        buffer.set(x: 2, y: 0, string: "y")
        #expect(buffer.rowText(0) == " xy ")
        #expect(!buffer.cells.contains { $0.isContinuation })
    }

    @Test func combiningMarksAndEmojiHaveTheirWidths() {
        #expect(TerminalWidth.columns(of: "e\u{301}") == 1)
        #expect(TerminalWidth.columns(of: "é") == 1)
        #expect(TerminalWidth.columns(of: "👍") == 2)
        #expect(TerminalWidth.columns(of: "❤️") == 2)
        #expect(TerminalWidth.columns(of: "👩‍💻") == 2)
        #expect(TerminalWidth.columns(of: "한국어") == 6)
        #expect(TerminalWidth.columns(of: "ｱ") == 1)  // halfwidth katakana
        #expect(TerminalWidth.columns(of: "Ａ") == 2)  // fullwidth Latin
        #expect(TerminalWidth.columns(of: "▶●✓✗⏸─│┌⣿▁█") == 11)
        #expect(TerminalWidth.columns(of: "\u{200b}\u{301}") == 0)
        var buffer = Buffer(width: 5, height: 1)
        buffer.set(x: 0, y: 0, string: "e\u{301}👍!")
        #expect(buffer[0, 0].symbol == "e\u{301}")
        #expect(buffer[1, 0].symbol == "👍")
        #expect(buffer[3, 0].symbol == "!")
    }

    @Test func truncateEndsInAnEllipsis() {
        #expect(TerminalWidth.truncate("latency", to: 5) == "late…")
        #expect(TerminalWidth.truncate("latency", to: 7) == "latency")
        #expect(TerminalWidth.truncate("日本語", to: 4) == "日…")
        #expect(TerminalWidth.truncate("abc", to: 0) == "")
        #expect(TerminalWidth.truncate("abcdef", to: 2, ellipsis: "...") == "ab")
    }

    @Test func fillClearAndSubscriptOutside() {
        var buffer = Buffer(width: 3, height: 2)
        buffer.fill(Rect(x: 1, y: 0, width: 5, height: 5), with: Cell("#", fg: .green))
        #expect(buffer.lines == [" ##", " ##"])
        #expect(buffer[2, 1].fg == .green)
        #expect(buffer[9, 9] == .blank)
        buffer[9, 9] = Cell("!")
        buffer.clear(Rect(x: 0, y: 1, width: 3, height: 1), style: Style(bg: .blue))
        #expect(buffer.lines == [" ##", "   "])
        #expect(buffer[0, 1].bg == .blue)
    }

    @Test func setStyleOverlaysColoursAndAddsAttributes() {
        var buffer = Buffer(lines: ["ab"])
        buffer.setStyle(Style(fg: .red), in: buffer.area)
        buffer.setStyle(Style(bg: .blue, attributes: .underline), in: Rect(x: 1, y: 0, width: 1, height: 1))
        #expect(buffer[0, 0] == Cell("a", fg: .red))
        #expect(buffer[1, 0] == Cell("b", fg: .red, bg: .blue, attributes: .underline))
    }

    @Test func resizeKeepsTheTopLeft() {
        var buffer = Buffer(lines: ["abc", "d日"])
        buffer.resize(width: 2, height: 3)
        #expect(buffer.lines == ["ab", "d ", "  "])
    }

    @Test func stylePatchPrefersTheLaterColours() {
        let base = Style(fg: .white, bg: .black, attributes: .dim)
        let patched = base.patch(Style(fg: .cyan, attributes: .bold))
        #expect(patched == Style(fg: .cyan, bg: .black, attributes: [.dim, .bold]))
        #expect(Style.plain.patch(.plain) == .plain)
    }
}

@Suite("Cell identity")
struct CellIdentityTests {
    @Test func cellsCompareByBytesColoursAndAttributes() {
        #expect(Cell("⣿") == Cell("⣿"))
        #expect(Cell("⣿") != Cell("⣀"))
        #expect(Cell("a", fg: .ansi(1)) != Cell("a", fg: .ansi(2)))
        #expect(Cell("a", attributes: .bold) != Cell("a"))
        // Symbols longer than the packed key (a ZWJ emoji sequence) compare by their bytes.
        let family = "👨‍👩‍👧"
        #expect(Cell(family) == Cell(family))
        #expect(Cell(family) != Cell("👨‍👩‍👦"))
        #expect(Set([Cell(family), Cell(family), Cell("x")]).count == 2)
        // "é" precomposed and decomposed are different bytes, so different cells.
        #expect(Cell("\u{e9}") != Cell("e\u{301}"))
    }

    @Test func theWidthFollowsTheSymbolWhenItChanges() {
        var cell = Cell("a")
        #expect(cell.width == 1 && !cell.isContinuation)
        cell.symbol = "日"
        #expect(cell.width == 2)
        cell.symbol = ""
        #expect(cell.width == 0 && cell.isContinuation)
        cell.symbol = "┃"
        #expect(cell.width == 1)
        #expect(Cell("\u{301}").width == 0)
    }
}
