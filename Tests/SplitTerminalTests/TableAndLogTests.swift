import Testing
@testable import SplitTerminal

@Suite("TableWidget and LogWidget")
struct TableAndLogTests {
    let columns: [TableWidget.Column] = [
        .init("Layer", width: .min(6)),
        .init("ms", width: .fixed(5), alignment: .right),
    ]
    let rows = [["conv1", "1.25"], ["layer4.1.conv2", "0.80"], ["fc", "12.00"], ["softmax", "0.01"]]

    @Test func headerRowsAndAlignment() {
        let table = TableWidget(columns: columns, rows: rows)
        #expect(text(rendered(table, width: 14, height: 5)) == """
        Layer       ms
        conv1     1.25
        layer4.…  0.80
        fc       12.00
        softmax   0.01
        """)
    }

    @Test func selectedRowIsHighlightedAcrossTheWidth() {
        let table = TableWidget(columns: columns, rows: rows, headerStyle: nil, selectedRow: 1,
                                selectedStyle: Style(bg: .blue, attributes: .bold))
        let buffer = rendered(table, width: 14, height: 2)
        #expect(buffer.lines[1] == "layer4.…  0.80")
        #expect((0..<14).allSatisfy { buffer[$0, 1].bg == .blue && buffer[$0, 1].attributes == .bold })
        #expect(buffer[0, 0].bg == .default)
    }

    @Test func scrollOffsetAndMarker() {
        let table = TableWidget(columns: columns, rows: rows, headerStyle: nil, selectedRow: 3, scrollOffset: 2,
                                selectionMarker: "▶")
        #expect(text(rendered(table, width: 16, height: 3)) == """
          fc       12.00
        ▶ softmax   0.01
                        
        """)
    }

    @Test func scrollOffsetKeepsTheSelectionVisible() {
        #expect(TableWidget.scrollOffset(keeping: 12, visibleRows: 5, currentOffset: 0) == 8)
        #expect(TableWidget.scrollOffset(keeping: 3, visibleRows: 5, currentOffset: 8) == 3)
        #expect(TableWidget.scrollOffset(keeping: 9, visibleRows: 5, currentOffset: 8) == 8)
        #expect(TableWidget.scrollOffset(keeping: nil, visibleRows: 5, currentOffset: 4) == 4)
        #expect(TableWidget(columns: columns, rows: rows).visibleRowCount(in: Rect(x: 0, y: 0, width: 9, height: 4)) == 3)
    }

    @Test func rowStylesSurviveSelection() {
        let table = TableWidget(columns: columns, styledRows: [.init(["down", "-"], style: Style(fg: .red))],
                                headerStyle: nil, selectedRow: 0)
        let cell = rendered(table, width: 14, height: 1)[0, 0]
        #expect(cell == Cell("d", fg: .red, attributes: .reverse))
    }

    @Test func logShowsTheNewestAtTheBottom() {
        let log = LogWidget(lines: (1...6).map { LogWidget.Line("event \($0)") })
        #expect(text(rendered(log, width: 8, height: 3)) == """
        event 4 
        event 5 
        event 6 
        """)
        let scrolled = LogWidget(lines: log.lines, scrollBack: 4)
        #expect(text(rendered(scrolled, width: 8, height: 3)) == """
                
        event 1 
        event 2 
        """)
    }

    @Test func logLinesKeepTheirStylesAndAreCut() {
        let log = LogWidget(lines: [
            .init("split 7 → 9 (link fell to 3 Mbit/s)", style: Style(fg: .yellow)),
            .init("ok", style: Style(fg: .green)),
        ])
        let buffer = rendered(log, width: 12, height: 3)
        // Cut at a whole word: "9…" could be read as the start of 90.
        #expect(text(buffer) == """
                    
        split 7 →…  
        ok          
        """)
        #expect(buffer[0, 1].fg == .yellow)
        #expect(buffer[0, 2].fg == .green)
    }
}
