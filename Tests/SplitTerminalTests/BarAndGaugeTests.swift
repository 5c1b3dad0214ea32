import Testing
@testable import SplitTerminal

@Suite("BarWidget and GaugeWidget")
struct BarAndGaugeTests {
    @Test func barUsesEighthBlocks() {
        // 0.5 of 7 columns = 3.5 cells = 3 full + a half block.
        let bar = BarWidget(value: 0.5, maximum: 1)
        #expect(text(rendered(bar, width: 7, height: 1)) == "███▌   ")
        #expect(text(rendered(BarWidget(value: 1, maximum: 1), width: 4, height: 1)) == "████")
        #expect(text(rendered(BarWidget(value: 3, maximum: 1), width: 4, height: 1)) == "████")
        #expect(text(rendered(BarWidget(value: 0.01, maximum: 1), width: 4, height: 1)) == "    ")
        #expect(text(rendered(BarWidget(value: 1.0 / 32.0, maximum: 1), width: 4, height: 1)) == "▏   ")
        #expect(text(rendered(BarWidget(value: 5, maximum: 0), width: 4, height: 1)) == "    ")
    }

    @Test func barWithLabelAndValue() {
        let bar = BarWidget(value: 42, maximum: 100, label: "edge", labelWidth: 6, valueText: "42%")
        // 20 columns: 6 label + 1 gap, 3 value + 1 gap → 9 bar columns, 42% = 3.78 cells.
        #expect(text(rendered(bar, width: 20, height: 1)) == "edge   ███▊      42%")
    }

    @Test func barASCIIFallback() {
        let bar = BarWidget(value: 0.5, maximum: 1, glyphs: .ascii)
        #expect(text(rendered(bar, width: 7, height: 1)) == "###:   ")
    }

    @Test func barStylesTipAndTrack() {
        let bar = BarWidget(value: 0.5, barStyle: Style(fg: .green), trackStyle: Style(bg: .brightBlack))
        #expect(rendered(bar, width: 3, height: 1).styledSnapshot() == """
        █▌ 
        -- styles
        abc
        -- legend
        a fg=ansi:2
        b fg=ansi:2 bg=ansi:8
        c bg=ansi:8
        """)
    }

    @Test func gaugeCentresThePercentage() {
        let gauge = GaugeWidget(ratio: 0.5, filledStyle: Style(fg: .green))
        let buffer = rendered(gauge, width: 10, height: 1)
        #expect(text(buffer) == "   50%    ")
        #expect(buffer.styledSnapshot() == """
           50%    
        -- styles
        aaaaa.....
        -- legend
        a fg=ansi:2 reverse
        """)
    }

    @Test func gaugeThresholdsPickTheStyle() {
        let thresholds: [GaugeWidget.Threshold] = [
            .init(from: 0, style: Style(fg: .green)),
            .init(from: 0.7, style: Style(fg: .yellow)),
            .init(from: 0.9, style: Style(fg: .red)),
        ]
        #expect(GaugeWidget(ratio: 0.2, thresholds: thresholds).activeStyle.fg == .green)
        #expect(GaugeWidget(ratio: 0.7, thresholds: thresholds).activeStyle.fg == .yellow)
        #expect(GaugeWidget(ratio: 0.95, thresholds: thresholds).activeStyle.fg == .red)
        #expect(GaugeWidget(ratio: 3, thresholds: thresholds).labelText == "100%")
        #expect(GaugeWidget(ratio: .nan).labelText == "0%")
    }

    @Test func gaugeTipAndCustomLabel() {
        // 0.55 × 8 columns = 4.4 cells: 4 reversed cells, then a ▍ (3/8) tip.
        let gauge = GaugeWidget(ratio: 0.55, label: "cpu")
        let buffer = rendered(gauge, width: 8, height: 1)
        // The label "cpu" sits at columns 2…4 and covers the tip.
        #expect(text(buffer) == "  cpu   ")
        #expect(buffer[4, 0] == Cell("u"))
        #expect(buffer[3, 0] == Cell("p", attributes: .reverse))
        let plain = rendered(GaugeWidget(ratio: 0.55, label: ""), width: 8, height: 1)
        #expect(text(plain) == "    ▍   ")
        #expect(text(rendered(GaugeWidget(ratio: 0.55, label: "", glyphs: .ascii), width: 8, height: 1)) == "        ")
    }
}
