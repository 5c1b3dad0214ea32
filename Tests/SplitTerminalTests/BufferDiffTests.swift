import Testing
@testable import SplitTerminal

@Suite("Buffer.diff: only the cells that changed")
struct BufferDiffTests {
    @Test func identicalBuffersGiveNoUpdates() {
        let buffer = Buffer(lines: ["hello", "world"])
        #expect(buffer.diff(from: buffer).isEmpty)
    }

    @Test func changedCellsOnly() {
        let old = Buffer(lines: ["hello", "world"])
        var new = old
        new.set(x: 1, y: 0, string: "a")
        new.setStyle(Style(fg: .red), in: Rect(x: 4, y: 1, width: 1, height: 1))
        #expect(new.diff(from: old) == [
            CellUpdate(x: 1, y: 0, cell: Cell("a")),
            CellUpdate(x: 4, y: 1, cell: Cell("d", fg: .red)),
        ])
    }

    @Test func differentSizesRedrawEverything() {
        let old = Buffer(width: 2, height: 1)
        let new = Buffer(lines: ["ab", "cd"])
        let updates = new.diff(from: old)
        #expect(updates.count == 4)
        #expect(updates == new.fullRedraw())
        #expect(updates.map(\.cell.symbol) == ["a", "b", "c", "d"])
    }

    @Test func wideCharactersSkipTheirContinuation() {
        let old = Buffer(width: 4, height: 1)
        let new = Buffer(lines: ["日本"])
        #expect(new.diff(from: old) == [
            CellUpdate(x: 0, y: 0, cell: Cell("日")),
            CellUpdate(x: 2, y: 0, cell: Cell("本")),
        ])
        #expect(new.fullRedraw().count == 2)
    }

    @Test func replacingAWideCharacterRedrawsTheCellItCovered() {
        let old = Buffer(lines: ["日b"])
        let new = Buffer(lines: ["a b"])
        // (1,0) was the continuation and is now a space: the terminal drew "日" over it.
        #expect(new.diff(from: old) == [
            CellUpdate(x: 0, y: 0, cell: Cell("a")),
            CellUpdate(x: 1, y: 0, cell: Cell(" ")),
        ])
    }
}
