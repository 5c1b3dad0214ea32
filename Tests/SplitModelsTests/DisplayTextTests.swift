import SplitModels
import Testing

/// The one display-quoting function: what a name from outside looks like when printed.
@Suite("DisplayText")
struct DisplayTextTests {
    @Test("a plain name is quoted as is")
    func plainName() {
        #expect(DisplayText.quoted("cam-1") == "\"cam-1\"")
        #expect(DisplayText.escaped("cam-1") == "cam-1")
    }

    @Test("control characters, bidi overrides and line separators are escaped, never printed raw",
          arguments: ["\u{1B}", "\n", "\r", "\t", "\u{0}", "\u{7F}", "\u{85}", "\u{9B}", "\u{202E}", "\u{2028}", "\u{200B}", "\u{FEFF}"])
    func escapesHazards(hazard: String) throws {
        let scalar = try #require(hazard.unicodeScalars.first)
        #expect(!DisplayText.quoted("a\(hazard)b").unicodeScalars.contains(scalar))
        #expect(!DisplayText.escaped("a\(hazard)b").unicodeScalars.contains(scalar))
        if hazard != "\n" && hazard != "\t" {
            #expect(!DisplayText.terminalSafe("a\(hazard)b").unicodeScalars.contains(scalar))
        }
        #expect(DisplayText.quoted("a\u{1B}[2Jb") == #""a\u{1B}[2Jb""#)
        #expect(DisplayText.quoted("a\nb") == #""a\nb""#)
    }

    @Test("terminalSafe keeps a message's own newlines and tabs")
    func terminalSafeKeepsLines() {
        #expect(DisplayText.terminalSafe("one\n\ttwo") == "one\n\ttwo")
        #expect(DisplayText.terminalSafe("red \u{1B}[31m") == #"red \u{1B}[31m"#)
    }

    @Test("quotes and backslashes inside a quoted name are escaped, so the quotes end where the name does")
    func quotesInside() {
        #expect(DisplayText.quoted(#"a"b\c"#) == #""a\"b\\c""#)
    }

    @Test("a long name is cut to the bound with an ellipsis and its length", arguments: [41, 10_000])
    func longName(length: Int) {
        let shown = DisplayText.quoted(String(repeating: "x", count: length))
        #expect(shown == "\"" + String(repeating: "x", count: DisplayText.limit) + "…\" (\(length) characters)")
        #expect(DisplayText.quoted(String(repeating: "x", count: DisplayText.limit)).count == DisplayText.limit + 2)
    }

    @Test("escapes count towards the bound: ten thousand ESCs print as a bounded line")
    func manyEscapes() {
        let shown = DisplayText.escaped(String(repeating: "\u{1B}", count: 10_000))
        #expect(!shown.unicodeScalars.contains("\u{1B}"))
        #expect(shown.count < DisplayText.limit + 30)
        #expect(shown.hasSuffix("… (10000 characters)"))
    }

    @Test("combining marks are counted one by one, so one grapheme cannot hide ten thousand of them")
    func combiningMarks() {
        let zalgo = "a" + String(repeating: "\u{0301}", count: 10_000)
        #expect(DisplayText.quoted(zalgo).unicodeScalars.count < DisplayText.limit + 30)
    }
}

/// The one count+noun rule.
@Suite("CountPhrase")
struct CountPhraseTests {
    @Test("singular for exactly 1, plural otherwise, a given plural when irregular", arguments: [
        (0, "0 layers", "0 batches"), (1, "1 layer", "1 batch"), (2, "2 layers", "2 batches"), (-1, "-1 layers", "-1 batches"),
    ])
    func agreement(n: Int, layers: String, batches: String) {
        #expect(CountPhrase.of(n, "layer") == layers)
        #expect(CountPhrase.of(n, "batch", plural: "batches") == batches)
    }
}
