import Foundation
import SplitDashboard
import SplitSession
import SplitTerminal
import Testing

/// The timeline's number beside a row and the gauge of the same quantity tell one story, in
/// every kind of session: a row shown as `-` has no value in its gauge, and a number in both is
/// the same number. (A review saw a cascade's timeline say `battery % -` beside a gauge of
/// 100.0 %, and a live cascade's `link Mb/s -` beside `none / 1.0`.)
@Suite("Timeline and gauges agree")
struct TimelineGaugeAgreementTests {
    static let size = TerminalSize(width: 120, height: 40)

    /// Every kind of session: split, versions, cascade, fleet, live and replay.
    static func kinds() throws -> [(String, DashboardState)] {
        var kinds: [(String, DashboardState)] = [
            ("split replay", try GoldenTests.state("SampleTraces/sessions/vgg16-lte-drive.jsonl", at: 45, size: size)),
            ("versions replay", try GoldenTests.state("Tests/SplitDashboardTests/Golden/versions-replay.jsonl", at: 6, size: size)),
            ("fleet replay", try GoldenTests.state(FleetViewTests.recording, at: 20, size: size)),
            ("cascade replay", CascadeViewTests.cascadeState(size: size)),
        ]
        // A live cascade: frames only, no link measured and no battery.
        var live = CascadeViewTests.cascadeState(size: size)
        live.mode = .live
        kinds.append(("cascade live", live))
        // A live split device whose frames carry a battery level and whose link was measured.
        var split = handState()
        split.mode = .live
        split.size = size
        _ = split.reduce(.loaded([frame(1, split: 2, estimate: 5, total: 33, battery: 87.25),
                                  TimedEvent(t: 1.5, event: .link(LinkEvent(bandwidthMbps: 4.5, rttMs: 10, source: .measured))),
                                  TimedEvent(t: 1.6, event: .link(LinkEvent(bandwidthMbps: 6.25, rttMs: 10, source: .measured))),
                                  frame(1.7, split: 2, estimate: 5, total: 47, battery: 87.25)],
                                 upTo: 2, reset: false))
        kinds.append(("split live", split))
        // Before any frame: nothing shown anywhere.
        var empty = handState()
        empty.size = size
        kinds.append(("nothing yet", empty))
        return kinds
    }

    /// The screen split into the timeline's rows (label → value text) and the gauges' (label → value line).
    static func panels(_ state: DashboardState) -> (timeline: [String: String], gauges: [String: String]) {
        let lines = DashboardView.render(state, size: state.size).lines
        var timeline: [String: String] = [:]
        var gauges: [String: String] = [:]
        var gaugeLines: [String] = []
        for line in lines {
            let parts = line.components(separatedBy: "││")
            guard parts.count == 2 else { continue }
            let left = Array(parts[0].dropFirst())
            let head = String(left.prefix(16)).trimmingCharacters(in: .whitespaces)
            if let space = head.lastIndex(of: " ") {
                timeline[String(head[..<space]).trimmingCharacters(in: .whitespaces)] = String(head[head.index(after: space)...])
            }
            gaugeLines.append(String(parts[1].dropLast()).trimmingCharacters(in: .whitespaces))
        }
        // At 120x40 each gauge has a label row, then its value row.
        for (label, value) in zip(gaugeLines, gaugeLines.dropFirst()) where !label.isEmpty {
            gauges[label] = value.trimmingCharacters(in: CharacterSet(charactersIn: "▏▎▍▌▋▊▉█ "))
        }
        return (timeline, gauges)
    }

    /// The numbers in `text`, in order.
    static func numbers(_ text: String) -> [Double] {
        text.split(whereSeparator: { !($0.isNumber || $0 == ".") }).compactMap { Double($0) }
    }

    /// Whether the timeline's value (one decimal, none from 100) and the gauge's say one number.
    static func same(_ timeline: String, _ gauge: Double?) -> Bool {
        guard let shown = Double(timeline), let gauge else { return false }
        return abs(shown - gauge) <= (shown >= 100 ? 0.5 : 0.05)
    }

    @Test func everyKindOfSessionAgrees() throws {
        for (kind, state) in try Self.kinds() {
            let (timeline, gauges) = Self.panels(state)
            let latest = state.latest
            // Battery.
            let battery = try #require(timeline["battery %"], "\(kind): no battery row in \(timeline)")
            let batteryGauge = try #require(gauges["battery"], "\(kind): no battery gauge in \(gauges)")
            if battery == "-" {
                #expect(latest.batteryPct == nil, "\(kind)")
                #expect(batteryGauge.hasPrefix("not recorded"), "\(kind): battery - beside a gauge of \(batteryGauge)")
            } else {
                #expect(Self.same(battery, Self.numbers(batteryGauge).first), "\(kind): battery \(battery) beside \(batteryGauge)")
            }
            // Latency.
            let latency = try #require(timeline["latency ms"], "\(kind): no latency row in \(timeline)")
            let latencyGauge = try #require(gauges.first { $0.key.hasPrefix("latency") }?.value, "\(kind): no latency gauge")
            if latency == "-" {
                #expect(latest.latencyMs == nil, "\(kind)")
                #expect(latencyGauge.hasPrefix("-"), "\(kind): latency - beside a gauge of \(latencyGauge)")
            } else {
                #expect(Self.same(latency, Self.numbers(latencyGauge).first), "\(kind): latency \(latency) beside \(latencyGauge)")
            }
            // The link, against which the last transfer's rate is drawn (no session here is capped).
            let link = try #require(timeline["link Mb/s"], "\(kind): no link row in \(timeline)")
            let linkGauge = try #require(gauges["sent at / link Mbit/s"], "\(kind): no link gauge in \(gauges)")
            let against = try #require(linkGauge.components(separatedBy: " / ").last, "\(kind): \(linkGauge)")
            if link == "-" {
                #expect(latest.linkMbps == nil, "\(kind)")
                #expect(against == "-", "\(kind): link - beside a gauge of \(linkGauge)")
            } else {
                #expect(Self.same(link, Double(against)), "\(kind): link \(link) beside \(linkGauge)")
            }
            // A cascade's appeal rate, in its row and its gauge.
            if let appealed = timeline["appealed %"] {
                let gauge = try #require(gauges["appealed / accuracy / last"], "\(kind): no appeal gauge in \(gauges)")
                #expect(Self.same(appealed, Self.numbers(gauge).first), "\(kind): appealed \(appealed) beside \(gauge)")
            }
        }
    }

    /// The kinds that record each quantity show it, so the test above compares numbers and not only dashes.
    @Test func theKindsShowWhatTheyRecorded() throws {
        let kinds = Dictionary(uniqueKeysWithValues: try Self.kinds())
        let split = try #require(kinds["split live"])
        #expect(split.latest == LatestValues(linkMbps: 6.25, latencyMs: 47, batteryPct: 87.25, appealedPct: nil))
        let (timeline, gauges) = Self.panels(split)
        #expect(timeline["link Mb/s"] == "6.2" || timeline["link Mb/s"] == "6.3")
        #expect(gauges["battery"]?.hasPrefix("87.3 %") == true || gauges["battery"]?.hasPrefix("87.2 %") == true)
        let cascade = try #require(kinds["cascade replay"])
        #expect(cascade.latest.batteryPct == nil)
        #expect(Self.panels(cascade).timeline["split"] == nil, "a cascade has no split row")
        #expect(Self.panels(cascade).timeline["appealed %"] == "25.0")
        let replay = try #require(kinds["split replay"])
        #expect(replay.latest.linkMbps != nil && replay.latest.batteryPct != nil && replay.latest.latencyMs != nil)
    }
}
