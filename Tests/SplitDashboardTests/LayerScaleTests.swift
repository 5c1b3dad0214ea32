@testable import SplitDashboard
import SplitModels
import SplitSession
import SplitTerminal
import SplitTestSupport
import Testing

/// Bars that are read against each other share one scale: the layer view's device and edge rows
/// (one ms per cell for both, stated in the title), and the timeline's link and estimate rows.
@Suite("Shared scales")
struct LayerScaleTests {
    /// The layer view's compute rows in a rendered screen: where they are and the ms a cell stands for.
    struct ComputeRows {
        var deviceRows: Range<Int>
        var edgeRows: Range<Int>
        var firstColumn: Int
        var msPerCell: Double
    }

    static func computeRows(_ buffer: Buffer, state: DashboardState) throws -> ComputeRows {
        let panel = try #require(DashboardView.panels(state, size: state.size).first { $0.name == "layers" })
        let inner = Rect(x: panel.area.x + 1, y: panel.area.y + 1, width: panel.area.width - 2, height: panel.area.height - 2)
        let barRows = inner.height - 3
        let deviceRows = max(1, barRows * 2 / 5)
        let edgeRows = max(1, barRows / 4)
        let title = buffer.lines[panel.area.y]
        // "… · 20 ms/█ …": the number before the unit.
        let words = title.split(separator: " ")
        let unit = try #require(words.firstIndex { $0.hasPrefix("ms/") }, "the title states the scale: \(title)")
        let msPerCell = try #require(Double(words[unit - 1]))
        let deviceTop = inner.y + 1
        return ComputeRows(deviceRows: deviceTop..<(deviceTop + deviceRows), edgeRows: (deviceTop + deviceRows)..<(deviceTop + deviceRows + edgeRows),
                           firstColumn: inner.x + 6, msPerCell: msPerCell)
    }

    /// Eighths of a cell lit in column `x` over `rows`.
    static func eighths(_ buffer: Buffer, x: Int, rows: Range<Int>) -> Int {
        let ramp = GlyphSet.unicode.verticalRamp
        return rows.reduce(0) { $0 + (ramp.firstIndex(of: buffer[x, $1].symbol) ?? 0) }
    }

    @Test func aRoundScaleFitsTheTallerRow() {
        #expect(LayerView.msPerCell(deviceMax: 50, deviceRows: 4, edgeMax: 2, edgeRows: 2) == 20)
        #expect(LayerView.msPerCell(deviceMax: 0.4, deviceRows: 4, edgeMax: 0.02, edgeRows: 2) == 0.1)
        // An edge slower than the device sets the scale: its bars never overflow their rows.
        #expect(LayerView.msPerCell(deviceMax: 1, deviceRows: 4, edgeMax: 30, edgeRows: 2) == 20)
        #expect(LayerView.msPerCell(deviceMax: 0, deviceRows: 4, edgeMax: 0, edgeRows: 2) == 1)
        #expect(LayerView.msPerCell(deviceMax: .nan, deviceRows: 4, edgeMax: .infinity, edgeRows: 2) > 0)
        #expect(LayerView.scaleText(0.05) == "0.05")
        #expect(LayerView.scaleText(20) == "20")
    }

    /// Every column's bar on both rows is its compute at the one stated scale (to the eighth), so
    /// the hand chain's edge (2 ms at most) draws as a sliver beside the device's 50 ms.
    @Test(arguments: [TerminalSize(width: 80, height: 24), TerminalSize(width: 120, height: 40)])
    func deviceAndEdgeRowsShareOneScale(size: TerminalSize) throws {
        var state = handState()
        state.size = size
        _ = state.reduce(.loaded([frame(1, split: 2, estimate: 5)], upTo: 2, reset: false))
        let buffer = DashboardView.render(state, size: size)
        let rows = try Self.computeRows(buffer, state: state)
        let layers = state.context.layers
        var x = rows.firstColumn
        for (i, layer) in layers.enumerated() {
            if i == 2 { x += 1 }  // the split's gap before L3
            for (ms, range) in [(layer.deviceMs, rows.deviceRows), (layer.edgeMs, rows.edgeRows)] {
                let drawn = Double(Self.eighths(buffer, x: x, rows: range)) / 8 * rows.msPerCell
                #expect(abs(drawn - ms) <= rows.msPerCell / 8, "layer \(layer.name): \(ms) ms drawn as \(drawn) ms")
            }
            x += 1
        }
        #expect(rows.msPerCell == (size.height == 24 ? 50 : 20), "the least round scale at which 50 ms fits the device rows")
    }

    /// The link and the controller's estimate of it are drawn to one top, as are the recorded
    /// latency and the what-if's.
    @Test func timelineRowsReadTogetherShareATop() {
        let rows = [
            TimelineView.Row(label: "link Mb/s", value: 10, samples: [4, 10, .nan], role: .graphMeasured, maximum: nil, reference: nil,
                             step: false, scale: .bandwidth),
            TimelineView.Row(label: "estimate", value: 5, samples: [5, 2], role: .graphEstimate, maximum: nil, reference: nil,
                             step: false, scale: .bandwidth),
            TimelineView.Row(label: "latency ms", value: 40, samples: [40], role: .graphLatency, maximum: nil, reference: 100,
                             step: false, scale: .latency),
            TimelineView.Row(label: "lat. w-if", value: 130, samples: [130], role: .whatIf, maximum: nil, reference: 100,
                             step: false, scale: .latency),
            TimelineView.Row(label: "battery %", value: 90, samples: [90], role: .graphBattery, maximum: 100, reference: nil, step: false),
        ]
        let shared = TimelineView.sharingScales(rows)
        #expect(shared.map(\.maximum) == [10, 10, 130, 130, 100])
    }
}
