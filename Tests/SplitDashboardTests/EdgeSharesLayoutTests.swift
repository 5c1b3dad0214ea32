@testable import SplitDashboard
import SplitSession
import SplitTerminal
import Testing

/// The edge-shares panel at every width: headings whole, values never cut, columns going by priority.
@Suite("Edge shares layout")
struct EdgeSharesLayoutTests {
    /// Every word a heading row of the panel may show.
    static let headingWords: Set<String> = ["device", "weight", "wt", "version", "ver", "split", "compute", "comp", "uplink", "upl",
                                            "pred", "ms", "share", "of", "the", "edge's", "edge"]

    static func panel(width: Int, height: Int = 12) -> [String] {
        let state = PanelFitTests.crowdedFleet(size: TerminalSize(width: 200, height: 60), glyphs: .unicode)
        var buffer = Buffer(width: width, height: height)
        EdgeSharesView(state: state).render(in: buffer.area, buffer: &buffer)
        return buffer.lines
    }

    @Test func headingsAreWholeWordsAtEveryWidth() {
        for width in 12...220 {
            let lines = Self.panel(width: width)
            let words = lines[1].split(whereSeparator: { $0 == " " || $0 == "│" }).map(String.init)
            let cut = words.filter { !Self.headingWords.contains($0) }
            #expect(cut.isEmpty, "at \(width) columns the headings read \(lines[1])")
        }
    }

    @Test func columnsGoLeastImportantFirstAndTheDeviceStays() {
        let cells = [["  warehouse-north-entrance-camera-07", "0.95", "fashion-device-pruned", "12", "25.0 %", "13.6 %", "20.7"]]
        var dropped: [Int] = []
        var previous = Array(EdgeSharesView.columns.indices)
        for room in stride(from: 160, through: 8, by: -1) {
            let layout = EdgeSharesView.layout(cells: cells, room: room)
            #expect(layout.total <= max(room, 8), "the table fits \(room) columns, or the device's shortest: \(layout)")
            #expect(layout.shown.contains(0))
            for c in previous where !layout.shown.contains(c) { dropped.append(c) }
            previous = layout.shown
            // Numbers are never narrower than their value.
            for c in layout.shown where EdgeSharesView.columns[c].shortest == nil {
                #expect((layout.width[c] ?? 0) >= TerminalWidth.columns(of: cells[0][c]))
            }
        }
        // weight (1), pred ms (6), version (2), uplink (5), compute (4), split (3): by priority.
        #expect(dropped == [1, 6, 2, 5, 4, 3])
    }

    @Test func aColumnNoDeviceHasAValueForIsLeftOut() {
        let cells = [["  cam-1", "-", "-", "3", "50.0 %", "40.0 %", "-"], ["  cam-2", "-", "-", "5", "50.0 %", "60.0 %", "-"]]
        #expect(EdgeSharesView.layout(cells: cells, room: 200).shown == [0, 3, 4, 5])
    }

    @Test func longNamesLoseTheirMiddleAndKeepNumbersWhole() {
        let id = "warehouse-north-entrance-camera-07-rev-b"
        for width in 8...TerminalWidth.columns(of: id) {
            let fitted = TextFit.middle(id, width: width, ellipsis: "…")
            #expect(TerminalWidth.columns(of: fitted) <= width, "\(fitted)")
            if width < TerminalWidth.columns(of: id) { #expect(fitted.contains("…")) }
            #expect(!fitted.contains("0…") && !fitted.contains("…7"), "the number is whole or gone: \(fitted)")
        }
        #expect(TextFit.middle(id, width: 24, ellipsis: "…") == "warehouse-…07-rev-b", "cut after a dash, each end")
        #expect(TextFit.middle("warehouse-north-entrance-camera-07", width: 20, ellipsis: "…") == "warehouse-…camera-07")
        #expect(TextFit.middle("cam12345678901234", width: 10, ellipsis: "…") == "cam…", "no separator near: the number goes whole")
        #expect(TextFit.middle("cam-7", width: 8, ellipsis: "…") == "cam-7")
    }
}
