import Testing
@testable import SplitTerminal

/// A small dashboard-like screen built from every widget, as golden files in both glyph sets
/// and two themes: a change to any widget's drawing shows up here as a reviewable diff.
@Suite("Composite screens (golden)")
struct CompositeScreenTests {
    static let bindings = [
        KeyBinding(key: "q", description: "Quit", section: "General", hintPriority: 10),
        KeyBinding(key: "?", description: "Help", section: "General", hintPriority: 9),
        KeyBinding(key: "p", description: "Pin split", section: "Split", hintPriority: 5),
        KeyBinding(key: "w", description: "What-if", section: "Split"),
    ]

    static func screen(glyphs: GlyphSet, theme: Theme) -> Buffer {
        var frame = Buffer(width: 60, height: 16)
        frame.clear(frame.area, style: theme.baseStyle)
        let rows = frame.area.splitVertically([.fixed(1), .min(0), .fixed(4), .fixed(1)])
        frame.render(TextWidget(lines: [[Span("splitscope ", style: theme.style(.title)),
                                         Span("mobilenet_v2 \(glyphs.separator) split 7 of 20", style: theme.style(.muted))]],
                                overflow: .truncate, glyphs: glyphs), in: rows[0])
        let panels = rows[1].splitHorizontally([.percent(55), .percent(45)])
        let graph = BlockWidget(title: "Latency (ms)", borderStyle: theme.style(.border), titleStyle: theme.style(.title), glyphs: glyphs)
        frame.render(graph, in: panels[0])
        let latencies: [Double] = (0..<60).map { 40 + Double(($0 * 37) % 50) }
        frame.render(SparklineWidget(samples: latencies, minimum: 0, maximum: 100, reference: 80,
                                     style: theme.style(.graphLatency), referenceStyle: theme.style(.graphSLO),
                                     aboveReferenceStyle: theme.style(.error), glyphs: glyphs),
                     in: graph.inner(panels[0]))
        let links = BlockWidget(title: "Link", borderStyle: theme.style(.border), titleStyle: theme.style(.title), glyphs: glyphs)
        frame.render(links, in: panels[1])
        let inner = links.inner(panels[1])
        frame.render(BarWidget(value: 12.5, maximum: 20, label: "up", labelWidth: 4, valueText: "12.5",
                               textStyle: theme.style(.foreground), barStyle: theme.style(.transfer), glyphs: glyphs),
                     in: Rect(x: inner.x, y: inner.y, width: inner.width, height: 1))
        frame.render(GaugeWidget(ratio: 0.83, label: "battery 83%", filledStyle: theme.style(.graphBattery), glyphs: glyphs),
                     in: Rect(x: inner.x, y: inner.y + 2, width: inner.width, height: 1))
        frame.render(SparklineWidget(samples: [3, 3, 3, 7, 7, 7, 7, 5, 5, 5, 9, 9], minimum: 0, maximum: 20, mode: .step,
                                     style: theme.style(.split), glyphs: glyphs),
                     in: Rect(x: inner.x, y: inner.y + 4, width: inner.width, height: 3))
        let table = TableWidget(
            columns: [.init("Device", width: .min(8)), .init("State", width: .fixed(8)), .init("ms", width: .fixed(6), alignment: .right)],
            styledRows: [
                .init(["phone", glyphs.dot + " busy", "31.4"], style: theme.style(.device)),
                .init(["edge-gpu", glyphs.check + " ok", "8.9"], style: theme.style(.edge)),
                .init(["link", glyphs.pause + " idle", "-"], style: theme.style(.muted)),
            ],
            headerStyle: theme.style(.header), selectedRow: 1, selectedStyle: theme.style(.selection),
            selectionMarker: glyphs.pointer, glyphs: glyphs)
        frame.render(table, in: rows[2])
        frame.render(KeyHintBar(bindings: bindings, keyStyle: theme.style(.hintKey), textStyle: theme.style(.hintText), glyphs: glyphs),
                     in: rows[3])
        return frame
    }

    @Test func unicodeDark() {
        Golden.check(Self.screen(glyphs: .unicode, theme: .dark).styledSnapshot(), named: "composite-unicode-dark")
    }

    @Test func asciiMono() {
        Golden.check(Self.screen(glyphs: .ascii, theme: .mono).styledSnapshot(), named: "composite-ascii-mono")
    }

    @Test func asciiScreensAreSevenBit() {
        let frame = Self.screen(glyphs: .ascii, theme: .dark)
        let text = frame.lines.joined()
        #expect(text.unicodeScalars.allSatisfy { $0.isASCII })
    }
}
