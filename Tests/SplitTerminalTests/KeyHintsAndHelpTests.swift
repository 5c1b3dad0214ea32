import Testing
@testable import SplitTerminal

@Suite("KeyHintBar and HelpOverlay from one binding table")
struct KeyHintsAndHelpTests {
    let bindings = [
        KeyBinding(key: "q", description: "Quit", section: "General", hintPriority: 10),
        KeyBinding(key: "?", description: "Help", section: "General", hintPriority: 9),
        KeyBinding(key: "↑/k", description: "Up", section: "Navigation", hintPriority: 1),
        KeyBinding(key: "p", description: "Pin split", section: "Split", hintPriority: 5),
        KeyBinding(key: "w", description: "What-if", section: "Split", showInHintBar: false),
        KeyBinding(key: "t", description: "Theme", section: "General"),
    ]

    @Test func allHintsWhenWide() {
        let bar = KeyHintBar(bindings: bindings)
        #expect(text(rendered(bar, width: 48, height: 1)) == "q Quit  ? Help  ↑/k Up  p Pin split  t Theme    ")
    }

    @Test func lowestPriorityHintsGoFirst() {
        let bar = KeyHintBar(bindings: bindings)
        // Full: 44 columns. Dropping "t Theme" (priority 0) gives 35, then "↑/k Up" (1) gives 27,
        // then "p Pin split" (5) gives 14; "w" is never a hint.
        #expect(bar.fittedBindings(width: 44).map(\.key) == ["q", "?", "↑/k", "p", "t"])
        #expect(bar.fittedBindings(width: 43).map(\.key) == ["q", "?", "↑/k", "p"])
        #expect(bar.fittedBindings(width: 35).map(\.key) == ["q", "?", "↑/k", "p"])
        #expect(bar.fittedBindings(width: 34).map(\.key) == ["q", "?", "p"])
        #expect(bar.fittedBindings(width: 27).map(\.key) == ["q", "?", "p"])
        #expect(bar.fittedBindings(width: 26).map(\.key) == ["q", "?"])
        #expect(bar.fittedBindings(width: 14).map(\.key) == ["q", "?"])
        #expect(bar.fittedBindings(width: 13).map(\.key) == ["q"])
        #expect(bar.fittedBindings(width: 1).map(\.key) == ["q"])
        #expect(text(rendered(bar, width: 20, height: 1)) == "q Quit  ? Help      ")
    }

    @Test func shortDescriptionsComeBeforeDroppingAHint() {
        let long = [
            KeyBinding(key: "q", description: "quit", hintPriority: 10),
            KeyBinding(key: "d/D", description: "next / previous device", hintPriority: 8, shortDescription: "device"),
            KeyBinding(key: "e", description: "edge shares (toggle)", hintPriority: 7, shortDescription: "shares"),
        ]
        let bar = KeyHintBar(bindings: long)
        // Full: 6 + 26 + 22 + 4 = 58 columns; short: 6 + 10 + 8 + 4 = 28.
        #expect(text(rendered(bar, width: 58, height: 1)) == "q quit  d/D next / previous device  e edge shares (toggle)")
        #expect(text(rendered(bar, width: 57, height: 1)) == "q quit  d/D device  e shares" + String(repeating: " ", count: 29))
        #expect(bar.fittedBindings(width: 28).map(\.description) == ["quit", "device", "shares"])
        #expect(bar.fittedBindings(width: 27).map(\.key) == ["q", "d/D"])
    }

    @Test func aSingleHintIsCut() {
        let bar = KeyHintBar(bindings: [KeyBinding(key: "q", description: "Quit now")])
        #expect(text(rendered(bar, width: 6, height: 1)) == "q Qui…")
    }

    @Test func hintStyles() {
        let bar = KeyHintBar(bindings: Array(bindings.prefix(1)), keyStyle: Style(fg: .cyan, attributes: .bold),
                             textStyle: Style(fg: .brightBlack), barStyle: Style(bg: .black))
        #expect(rendered(bar, width: 8, height: 1).styledSnapshot() == """
        q Quit  
        -- styles
        abccccbb
        -- legend
        a fg=ansi:6 bg=ansi:0 bold
        b bg=ansi:0
        c fg=ansi:8 bg=ansi:0
        """)
    }

    @Test func helpGroupsBySectionInFirstAppearanceOrder() {
        let help = HelpOverlay(bindings: bindings)
        #expect(help.sections.map(\.name) == ["General", "Navigation", "Split"])
        #expect(help.sections[0].bindings.map(\.key) == ["q", "?", "t"])
    }

    @Test func helpIsCentred() {
        let help = HelpOverlay(bindings: Array(bindings.prefix(2)), footer: "Esc")
        var buffer = Buffer(width: 20, height: 7, filledWith: Cell("."))
        buffer.render(help, in: buffer.area)
        // Content: "General", "  q  Quit", "  ?  Help" → 9 wide, plus padding and border: 13 × 5.
        #expect(help.box(in: buffer.area) == Rect(x: 3, y: 1, width: 13, height: 5))
        #expect(text(buffer) == """
        ....................
        ...┌── Help ───┐....
        ...│ General   │....
        ...│   q  Quit │....
        ...│   ?  Help │....
        ...└─── Esc ───┘....
        ....................
        """)
    }

    @Test func helpOverlayGolden() {
        let help = HelpOverlay(bindings: bindings, footer: "? or Esc closes",
                               borderStyle: Style(fg: .brightBlack), keyStyle: Style(fg: .cyan, attributes: .bold))
        var buffer = Buffer(width: 40, height: 14)
        buffer.set(x: 0, y: 0, string: String(repeating: "background ", count: 4))
        buffer.render(help, in: buffer.area)
        Golden.check(buffer.styledSnapshot(), named: "help-overlay")
    }

    @Test func helpShrinksToASmallArea() {
        let help = HelpOverlay(bindings: bindings)
        let buffer = rendered(help, width: 12, height: 4)
        #expect(text(buffer) == """
        ┌── Help ──┐
        │ General  │
        │   q    … │
        └── ↑/↓… ──┘
        """, "the footer says the help scrolls")
    }

    @Test func helpScrollsWhenItDoesNotFit() {
        var help = HelpOverlay(bindings: bindings, footer: "Esc closes")
        let area = Rect(x: 0, y: 0, width: 60, height: 5)
        // General (q, ?, t), blank, Navigation (↑/k), blank, Split (p, w).
        #expect(help.lineCount == 11)
        #expect(help.visibleLines(in: area) == 0..<3)
        help.scroll = 2
        #expect(help.visibleLines(in: area) == 2..<5)
        help.scroll = 99
        #expect(help.visibleLines(in: area) == 8..<11, "the last page is full")
        let buffer = rendered(help, width: 60, height: 5)
        let shown = text(buffer)
        #expect(shown.contains("rows 9-11 of 11"), "the footer says which rows are shown:\n\(shown)")
        #expect(shown.contains("Pin split") && !shown.contains("General"))
    }
}
