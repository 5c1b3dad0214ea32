import Testing
@testable import SplitTerminal

@Suite("GlyphSet: locale detection and the two sets")
struct GlyphSetTests {
    @Test func utf8LocalesGetUnicode() {
        #expect(GlyphSet.detect(environment: ["LANG": "en_GB.UTF-8"]) == .unicode)
        #expect(GlyphSet.detect(environment: ["LANG": "C.utf8"]) == .unicode)
        #expect(GlyphSet.detect(environment: ["LC_CTYPE": "de_DE.UTF8", "LANG": "C"]) == .unicode)
    }

    @Test func otherLocalesGetASCII() {
        #expect(GlyphSet.detect(environment: [:]) == .ascii)
        #expect(GlyphSet.detect(environment: ["LANG": "C"]) == .ascii)
        #expect(GlyphSet.detect(environment: ["LANG": "en_US.ISO-8859-1"]) == .ascii)
    }

    @Test func lcAllWinsAndEmptyValuesAreSkipped() {
        #expect(GlyphSet.detect(environment: ["LC_ALL": "C", "LANG": "en_US.UTF-8"]) == .ascii)
        #expect(GlyphSet.detect(environment: ["LC_ALL": "", "LC_CTYPE": "", "LANG": "en_US.UTF-8"]) == .unicode)
    }

    @Test func codesetNames() {
        #expect(GlyphSet.isUTF8(codeset: "UTF-8"))
        #expect(!GlyphSet.isUTF8(codeset: "ANSI_X3.4-1968"))
    }

    @Test func asciiIsSevenBitAndRampsRunEmptyToFull() {
        let all = [GlyphSet.ascii.horizontal, GlyphSet.ascii.vertical, GlyphSet.ascii.topLeft, GlyphSet.ascii.pointer,
                   GlyphSet.ascii.dot, GlyphSet.ascii.check, GlyphSet.ascii.cross, GlyphSet.ascii.pause,
                   GlyphSet.ascii.ellipsis, GlyphSet.ascii.arrowRight]
            + GlyphSet.ascii.verticalRamp + GlyphSet.ascii.horizontalRamp
        #expect(all.allSatisfy { $0.unicodeScalars.allSatisfy(\.isASCII) })
        #expect(GlyphSet.ascii.verticalRamp.joined() == " .:-=+*#")
        #expect(GlyphSet.unicode.verticalRamp.joined() == " ▁▂▃▄▅▆▇█")
        for set in [GlyphSet.unicode, GlyphSet.ascii] {
            #expect(set.verticalRamp.first == " ")
            #expect(set.horizontalRamp.last == set.fullBlock)
            #expect([set.horizontal, set.vertical, set.topLeft, set.topRight, set.bottomLeft, set.bottomRight]
                .allSatisfy { TerminalWidth.columns(of: $0) == 1 })
        }
    }

    @Test func markersAreNarrowSoLayoutsHold() {
        let u = GlyphSet.unicode
        #expect([u.pointer, u.dot, u.hollowDot, u.check, u.cross, u.pause, u.arrowUp, u.arrowDown, u.arrowRight, u.ellipsis]
            .allSatisfy { TerminalWidth.columns(of: $0) == 1 })
    }
}
