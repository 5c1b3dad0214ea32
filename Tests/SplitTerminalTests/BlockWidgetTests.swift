import Testing
@testable import SplitTerminal

@Suite("BlockWidget: border and title")
struct BlockWidgetTests {
    @Test func drawsABorderWithATitle() {
        let buffer = rendered(BlockWidget(title: "Devices"), width: 14, height: 3)
        #expect(text(buffer) == """
        ┌ Devices ───┐
        │            │
        └────────────┘
        """)
    }

    @Test func asciiGlyphsAndCentredTitle() {
        let block = BlockWidget(title: "Edge", titleAlignment: .center, glyphs: .ascii)
        #expect(text(rendered(block, width: 12, height: 3)) == """
        +-- Edge --+
        |          |
        +----------+
        """)
    }

    @Test func longTitlesAreCut() {
        #expect(text(rendered(BlockWidget(title: "Transfer queue"), width: 10, height: 2)) == """
        ┌ Trans… ┐
        └────────┘
        """)
    }

    @Test func innerAndStyles() {
        let block = BlockWidget(title: "A", borderStyle: Style(fg: .brightBlack), titleStyle: Style(fg: .cyan, attributes: .bold))
        let buffer = rendered(block, width: 6, height: 3, area: Rect(x: 0, y: 0, width: 6, height: 3))
        #expect(block.inner(Rect(x: 0, y: 0, width: 6, height: 3)) == Rect(x: 1, y: 1, width: 4, height: 1))
        #expect(buffer.styledSnapshot() == """
        ┌ A ─┐
        │    │
        └────┘
        -- styles
        abbbaa
        a....a
        aaaaaa
        -- legend
        a fg=ansi:8
        b fg=ansi:6 bold
        """)
    }

    @Test func drawsOnlyInsideItsArea() {
        var buffer = Buffer(lines: ["xxxxxx", "xxxxxx", "xxxxxx", "xxxxxx"])
        buffer.render(BlockWidget(fill: .plain), in: Rect(x: 1, y: 1, width: 4, height: 2))
        #expect(text(buffer) == """
        xxxxxx
        x┌──┐x
        x└──┘x
        xxxxxx
        """)
    }
}
