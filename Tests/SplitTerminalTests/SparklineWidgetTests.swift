import Testing
@testable import SplitTerminal

/// The braille character with the given dots lit, from the Unicode layout: dots 1, 2, 3, 7
/// run down the left column, 4, 5, 6, 8 down the right; dot n adds 2^(n-1) to U+2800.
private func braille(_ dots: Int...) -> String {
    let bits = dots.reduce(0) { $0 | (1 << ($1 - 1)) }
    return String(Character(Unicode.Scalar(0x2800 + bits)!))
}

@Suite("SparklineWidget: braille and ASCII graphs")
struct SparklineWidgetTests {
    @Test func theUnicodeLayoutHelperAgreesWithKnownCharacters() {
        #expect(braille() == "⠀")
        #expect(braille(1, 2, 3, 4, 5, 6, 7, 8) == "⣿")
        #expect(braille(7, 8) == "⣀")
    }

    @Test func eightSamplesInOneRowGiveTwoPerCell() {
        // min 0, max 7, 4 levels: round(v/7·4) = 0, 1, 1, 2, 2, 3, 3, 4 dots from the bottom.
        let graph = SparklineWidget(samples: [0, 1, 2, 3, 4, 5, 6, 7])
        let row = rendered(graph, width: 4, height: 1).rowText(0)
        let expected = braille(8) + braille(7, 8, 6) + braille(7, 3, 8, 6, 5) + braille(7, 3, 2, 8, 6, 5, 4)
        #expect(row == expected)
        #expect(row == "\u{2880}\u{28E0}\u{28F4}\u{28FE}")
    }

    @Test func twoRowsGiveEightLevels() {
        let graph = SparklineWidget(samples: [8, 4], minimum: 0, maximum: 8)
        let buffer = rendered(graph, width: 1, height: 2)
        #expect(buffer.lines == [braille(1, 2, 3, 7), braille(1, 2, 3, 7, 4, 5, 6, 8)])
    }

    @Test func newestSamplesSitAtTheRightEdge() {
        let graph = SparklineWidget(samples: Array(0..<20).map(Double.init), minimum: 0, maximum: 19)
        // Only 16…19 fit in 2 columns: levels round(16/19·4) = 3, 4, 4, 4.
        #expect(rendered(graph, width: 2, height: 1).rowText(0) == braille(7, 3, 2, 8, 6, 5, 4) + braille(1, 2, 3, 7, 4, 5, 6, 8))
        let short = SparklineWidget(samples: [4], minimum: 0, maximum: 4)
        #expect(rendered(short, width: 3, height: 1).rowText(0) == "  " + braille(4, 5, 6, 8))
    }

    @Test func nonZeroSamplesLightAtLeastOneDotAndGapsStayEmpty() {
        let graph = SparklineWidget(samples: [0.01, .nan], minimum: 0, maximum: 100)
        #expect(rendered(graph, width: 1, height: 1).rowText(0) == braille(7))
    }

    @Test func stepModeShowsEachSwitchAsAnEdge() {
        // Rows 0 (bottom) … 3: 0 → row 0, 1 → round(1.5) = row 2, 2 → row 3.
        let graph = SparklineWidget(samples: [0, 0, 1, 1, 2, 2, 1, 1], minimum: 0, maximum: 2, mode: .step)
        #expect(rendered(graph, width: 4, height: 1).rowText(0)
            == braille(7, 8) + braille(7, 3, 2, 5) + braille(2, 1, 4) + braille(2, 1, 5))
    }

    @Test func referenceLineRunsAcrossAndTakesItsStyleWhereEmpty() {
        let graph = SparklineWidget(
            samples: [1, 1, 1, 4], minimum: 0, maximum: 4, reference: 3,
            style: Style(fg: .cyan), referenceStyle: Style(fg: .red), aboveReferenceStyle: Style(fg: .magenta)
        )
        let buffer = rendered(graph, width: 3, height: 1)
        // Reference 3 of 4 levels tops out on dot row 2: dots 2 and 5.
        #expect(buffer.rowText(0) == braille(2, 5) + braille(7, 8, 2, 5) + braille(7, 2, 8, 6, 5, 4))
        #expect(buffer[0, 0].fg == .red)
        #expect(buffer[1, 0].fg == .cyan)
        #expect(buffer[2, 0].fg == .magenta)
    }

    @Test func scaleDefaults() {
        #expect(SparklineWidget(samples: [2, 5]).scale == (0, 5))
        #expect(SparklineWidget(samples: [-2, 5]).scale == (-2, 5))
        #expect(SparklineWidget(samples: [2, 5], reference: 8).scale == (0, 8))
        #expect(SparklineWidget(samples: []).scale == (0, 1))
        #expect(SparklineWidget(samples: [3, 3], minimum: 3).scale == (3, 4))
    }

    @Test func asciiFallbackUsesTheRampOnePairPerColumn() {
        let samples = (0...7).flatMap { [Double($0), Double($0)] }
        let graph = SparklineWidget(samples: samples, minimum: 0, maximum: 7, glyphs: .ascii)
        #expect(rendered(graph, width: 8, height: 1).rowText(0) == " .:-=+*#")
        let tall = SparklineWidget(samples: [7, 14], minimum: 0, maximum: 14, glyphs: .ascii)
        #expect(text(rendered(tall, width: 1, height: 2)) == "#\n#")
        let half = SparklineWidget(samples: [0, 10], minimum: 0, maximum: 14, glyphs: .ascii)
        // max of the pair, 10/14 of 14 steps = 10: the bottom row full, the top at level 3.
        #expect(text(rendered(half, width: 1, height: 2)) == "-\n#")
    }

    @Test func asciiStepMode() {
        let graph = SparklineWidget(samples: [0, 0, 2, 2, 2, 2, 0, 0], minimum: 0, maximum: 2, mode: .step, glyphs: .ascii)
        #expect(text(rendered(graph, width: 4, height: 3)) == """
         --|
         | |
        -| -
        """)
    }

    @Test func asciiReferenceLine() {
        let graph = SparklineWidget(samples: [1, 1], minimum: 0, maximum: 3, reference: 3, glyphs: .ascii)
        #expect(text(rendered(graph, width: 2, height: 3)) == """
        --
          
         #
        """)
    }
}
