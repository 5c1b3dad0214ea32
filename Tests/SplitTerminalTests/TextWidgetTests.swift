import Testing
@testable import SplitTerminal

@Suite("TextWidget: spans, wrapping, truncation")
struct TextWidgetTests {
    @Test func wrapsAtWordBoundaries() {
        let widget = TextWidget("the split moves to the edge when the link is fast")
        #expect(text(rendered(widget, width: 12, height: 5)) == """
        the split   
        moves to the
        edge when   
        the link is 
        fast        
        """)
    }

    @Test func breaksWordsLongerThanARow() {
        let widget = TextWidget("a mobilenet_v2 model")
        #expect(text(rendered(widget, width: 6, height: 4)) == """
        a     
        mobile
        net_v2
        model 
        """)
    }

    @Test func truncatesWithAnEllipsis() {
        let widget = TextWidget("bandwidth 12.5 Mbit/s\nok", overflow: .truncate)
        #expect(text(rendered(widget, width: 10, height: 2)) == """
        bandwidth…
        ok        
        """)
        #expect(text(rendered(TextWidget("abc", overflow: .truncate, glyphs: .ascii), width: 2, height: 1)) == "a~")
    }

    @Test func spansKeepTheirStylesThroughWrapping() {
        let widget = TextWidget(lines: [[Span("split "), Span("7", style: Style(attributes: .bold)), Span(" pinned", style: Style(fg: .magenta))]])
        let buffer = rendered(widget, width: 7, height: 2)
        #expect(text(buffer) == "split 7\npinned ")
        #expect(buffer[6, 0].attributes == .bold)
        #expect(buffer[0, 1].fg == .magenta)
        #expect(buffer[0, 0] == Cell("s"))
    }

    @Test func alignmentAndClipping() {
        let widget = TextWidget("ab\ncd\nef", alignment: .right)
        #expect(text(rendered(widget, width: 4, height: 2)) == "  ab\n  cd")
        let centred = TextWidget("日本", alignment: .center)
        #expect(text(rendered(centred, width: 7, height: 1)) == " 日本  ")
    }

    @Test func emptyLinesAndIndentationSurvive() {
        let widget = TextWidget("  indented\n\nafter")
        #expect(text(rendered(widget, width: 10, height: 3)) == "  indented\n          \nafter     ")
    }
}
