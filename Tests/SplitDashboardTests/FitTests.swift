import Foundation
import SplitDashboard
import SplitSession
import SplitTerminal
import Testing

/// Every panel at 80×24, 120×40 and 200×60 with long values and several overrides: text shortens
/// in stages and whole words, never in the middle of a number, and the clock is never cut.
@Suite("Dashboard text fits")
struct FitTests {
    static let sizes = [TerminalSize(width: 80, height: 24), TerminalSize(width: 120, height: 40), TerminalSize(width: 200, height: 60)]

    /// The ResNet-50 session at 2:51 with five overrides and absurdly long numbers everywhere.
    static func crowdedState(size: TerminalSize, glyphs: GlyphSet) throws -> DashboardState {
        var state = try GoldenTests.state("SampleTraces/sessions/resnet50-lte-walk.jsonl", at: 171, size: size, glyphs: glyphs)
        let long = FrameEvent(frame: 99_999, partition: .split(150), predictedMs: 123_456.7, deviceMs: 98_765.4, bytesSent: 987_654_321,
                              transferMs: 87_654.3, edgeMs: 1234.5, totalMs: 123_456.7, energyMJ: 98_765_432.1, batteryPct: 100,
                              bandwidthEstimateMbps: 123_456.7, outcome: .ok)
        _ = state.reduce(.loaded([TimedEvent(t: 171, event: .frame(long)),
                                  TimedEvent(t: 171, event: .link(LinkEvent(bandwidthMbps: 987_654.3, rttMs: 20, source: .trace)))],
                                 upTo: 171, reset: false))
        state.duration = 35_999.9
        state.skippedLines = 12_345
        for (key, text) in [("s", "86400000"), ("m", "999999999"), ("b", "999999.5"), ("f", "99.5")] {
            _ = state.reduce(.key(.character(Character(key))))
            for c in text { _ = state.reduce(.key(.character(c))) }
            _ = state.reduce(.key(.enter))
        }
        _ = state.reduce(.key(.left))
        _ = state.reduce(.key(.enter))
        _ = state.reduce(.key(.character("p")))
        return state
    }

    @Test(arguments: [GlyphSet.unicode, GlyphSet.ascii])
    func nothingIsCutMidNumberAndTheClockIsWhole(glyphs: GlyphSet) throws {
        for size in Self.sizes {
            let state = try Self.crowdedState(size: size, glyphs: glyphs)
            #expect(state.whatIf?.overrides.count == 6)
            let lines = DashboardView.render(state, size: size).lines
            let ellipsis = glyphs.isUnicode ? "…" : "~"
            for (row, line) in lines.enumerated() {
                // A digit, or a digit and a point or comma, right before the ellipsis is a cut number.
                let characters = Array(line)
                for (i, c) in characters.enumerated() where String(c) == ellipsis && i > 0 {
                    let before = characters[i - 1]
                    let cut = before.isNumber || ((before == "." || before == ",") && i > 1 && characters[i - 2].isNumber)
                    #expect(!cut, "row \(row) at \(size.width)×\(size.height) cuts a number:\n\(line)")
                }
            }
            #expect(lines[0].contains("02:51.0 / 599:59.9"), "the clock is whole at \(size.width)×\(size.height):\n\(lines[0])")
            let screen = lines.joined(separator: "\n")
            #expect(screen.contains("WHAT-IF"))
            #expect(screen.contains("now \(glyphs.isUnicode ? "·" : "-") what-if"), "the gauges say they show the what-if")
        }
    }

    @Test func theHeaderShortensLeastImportantFirst() throws {
        let wide = try Self.crowdedState(size: TerminalSize(width: 200, height: 60), glyphs: .unicode)
        let header200 = DashboardView.render(wide, size: wide.size).lines[0]
        #expect(header200.contains("splitscope") && header200.contains("WHAT-IF (6 overrides)") && header200.contains("frames/s"),
                "six long overrides are counted, not cut:\n\(header200)")
        let narrow = try Self.crowdedState(size: TerminalSize(width: 80, height: 24), glyphs: .unicode)
        let header80 = DashboardView.render(narrow, size: narrow.size).lines[0]
        #expect(!header80.contains("splitscope"), "the program name goes before anything that informs")
        #expect(header80.contains("resnet50") && header80.contains("WHAT-IF"))
    }

    @Test func wordTruncationKeepsNumbersWhole() {
        #expect(TerminalWidth.truncateWords("latency / SLO 221.5 / 1500 ms", to: 24) == "latency / SLO 221.5 /…")
        #expect(TerminalWidth.truncateWords("latency / SLO 221.5 / 1500 ms", to: 21) == "latency / SLO 221.5 …")
        #expect(TerminalWidth.truncateWords("  Transfer queue", to: 9) == "  Transf…")
        #expect(TerminalWidth.truncateWords("123456789", to: 5) == "…")
        #expect(TerminalWidth.truncateWords("fits", to: 4) == "fits")
    }
}

/// A live device slowed down says so on screen, since every device time shown is stretched.
@Suite("Device slowdown on screen")
struct DeviceSlowdownTests {
    @Test func theLayerViewTitleNamesTheSlowdownAndOnlyWhenThereIsOne() {
        var header = handHeader()
        header.device = SessionDeviceInfo(name: "device", compute: "measured here, 1 thread(s) × 12 slowdown")
        let slowed = DashboardState(context: SessionContext(header: header), duration: 60, themes: Theme.builtins, glyphs: .unicode)
        let screen = DashboardView.render(slowed, size: TerminalSize(width: 80, height: 24)).lines.joined(separator: "\n")
        #expect(screen.contains("device × 12 slowdown"), "\(screen)")
        header.device = SessionDeviceInfo(name: "device", compute: "measured here, 1 thread(s)")
        let plain = DashboardState(context: SessionContext(header: header), duration: 60, themes: Theme.builtins, glyphs: .unicode)
        let plainScreen = DashboardView.render(plain, size: TerminalSize(width: 80, height: 24)).lines.joined(separator: "\n")
        #expect(!plainScreen.contains("slowdown"))
    }
}

/// Every panel of every view, at every size from a tiny terminal to a wide one, drawn alone with
/// the buffer's audit on: a panel draws only inside its rectangle, cuts no word or number without
/// saying so (it shortens in stages or with …), draws nothing over its own text (a scroll marker
/// over a heading), and nothing traps.
@Suite("Dashboard fit: every panel at every size")
struct PanelFitTests {
    static let sizes = [TerminalSize(width: 80, height: 24), TerminalSize(width: 100, height: 30), TerminalSize(width: 120, height: 40),
                        TerminalSize(width: 200, height: 60), TerminalSize(width: 40, height: 12), TerminalSize(width: 81, height: 25),
                        TerminalSize(width: 1, height: 1), TerminalSize(width: 0, height: 0)]

    static func press(_ state: DashboardState, _ keys: [KeyEvent]) -> DashboardState {
        var state = state
        for key in keys { _ = state.reduce(.key(key)) }
        return state
    }

    static func typed(_ text: String) -> [KeyEvent] { text.map { .character($0) } }

    /// A fleet with long names everywhere: a long model name, 40 devices with long ids, long version names.
    static func crowdedFleet(size: TerminalSize, glyphs: GlyphSet) -> DashboardState {
        var model = handChain()
        model.name = "efficientnet-b7-noisy-student-imagenet-21k-finetuned-on-warehouse-cameras"
        let ids = (1...40).map { "warehouse-north-entrance-camera-\($0 < 10 ? "0" : "")\($0)-rev-b" }
        var header = SessionHeader(startTime: "2026-11-23T00:00:00Z", source: .simulator, fps: 10, policy: "fast allocator",
                                   model: model, link: SessionLinkSettings(rttMs: 10))
        header.devices = ids.map { SessionFleetDevice(device: $0, taskWeight: 0.5) }
        var state = DashboardState(context: SessionContext(header: header), duration: 36_000, themes: Theme.builtins, glyphs: glyphs, size: size)
        let shares = SharesEvent(allocator: .exact, edge: SharedEdgeCapacity(gmacsPerSecond: 123_456.7, uplinkMbps: 98_765.4),
                                 devices: ids.enumerated().map { i, id in
            DeviceShare(device: id, split: i % 6, computeShare: 1 / 40, bandwidthShare: 1 / 40, taskWeight: 0.123_456,
                        version: "fashion-device-pruned-75-percent-int8-\(i)", predictedMs: 123_456.78)
        })
        var events = [TimedEvent(t: 1, event: .shares(shares))]
        for (i, id) in ids.enumerated() {
            var event = frame(1 + Double(i) / 100, split: i % 6, estimate: 12_345.6, total: 98_765.4)
            event.device = id
            events.append(event)
        }
        _ = state.reduce(.loaded(events, upTo: 35_999.9, reset: false))
        // Shown: a device in the middle of the list, so the shares panel scrolls both ways.
        return press(state, Array(repeating: KeyEvent.character("d"), count: 20))
    }

    /// Every view the dashboard has, by name, at `size`.
    static func views(size: TerminalSize, glyphs: GlyphSet) throws -> [(String, DashboardState)] {
        let single = try GoldenTests.state("SampleTraces/sessions/resnet50-lte-walk.jsonl", at: 171, size: size, glyphs: glyphs)
        let crowded = try FitTests.crowdedState(size: size, glyphs: glyphs)
        let fleet = try GoldenTests.state(FleetViewTests.recording, at: 20, size: size, glyphs: glyphs)
        let many = crowdedFleet(size: size, glyphs: glyphs)
        var live = many
        live.mode = .live
        live.liveConnected = false
        live.disconnectedDevices = Set(many.fleet?.devices ?? [])
        live.status = "warehouse-north-entrance-camera-21-rev-b: connection to 10.20.30.40:7070 lost — retrying in 8 s"
        var cascade = CascadeViewTests.cascadeState(size: size)
        cascade.glyphs = glyphs
        var versions = VersionViewTests.state(size: size)
        versions.glyphs = glyphs
        _ = versions.reduce(.loaded([VersionViewTests.versioned(1, split: 2, version: "p50")], upTo: 1, reset: false))
        var longStatus = single
        longStatus.status = "the port now serves another session (an-extremely-long-model-name-that-goes-on-and-on); its events are shown against resnet50 — restart attach"
        var views: [(String, DashboardState)] = [
            ("single", single), ("single what-if", crowded), ("single status", longStatus),
            ("single help", press(single, [.character("?")])),
            ("single help scrolled", press(single, [.character("?"), .pageDown, .pageDown])),
            ("fleet", fleet), ("fleet device 2", press(fleet, [.character("d")])),
            ("fleet shares", press(fleet, [.character("d"), .character("e")])), ("fleet help", press(fleet, [.character("?")])),
            ("many devices", many), ("many devices shares", press(many, [.character("e")])),
            ("many devices last shares", press(many, [.character("e"), .character("D")] + Array(repeating: .character("d"), count: 20))),
            ("live fleet disconnected", live), ("live fleet shares", press(live, [.character("e")])),
            ("live what-if", press(live, [.character("w"), .character("s")] + typed("50") + [.enter])),
            ("cascade", cascade), ("versions", versions),
        ]
        for key in ["s", "m", "b", "f", "a", "n", "B"] {
            views.append(("prompt \(key)", press(single, [.character(Character(key))])))
            views.append(("prompt \(key) typed", press(single, [.character(Character(key))] + typed("123456789.5"))))
            views.append(("prompt \(key) refused", press(many, [.character(Character(key))] + typed("-0x") + [.enter])))
        }
        return views
    }

    /// A buffer of `size` whose every cell shows a mark no widget draws.
    static func marked(_ size: TerminalSize) -> Buffer {
        var buffer = Buffer(width: size.width, height: size.height, filledWith: Cell("¤"))
        buffer.audit = BufferAudit()
        return buffer
    }

    @Test(arguments: [GlyphSet.unicode, GlyphSet.ascii])
    func everyPanelStaysInsideFitsItsTextAndDrawsNothingOverIt(glyphs: GlyphSet) throws {
        for size in Self.sizes {
            for (view, state) in try Self.views(size: size, glyphs: glyphs) {
                let place = "\(view) at \(size.width)×\(size.height)"
                // The whole screen draws without trapping, at the size it is given.
                let screen = DashboardView.render(state, size: size)
                #expect(screen.width == size.width && screen.height == size.height)
                let panels = DashboardView.panels(state, size: size)
                // The panels tile the screen: none lies over another but the help, which is drawn over them all.
                let tiled = panels.filter { $0.name != "help" }
                for (i, a) in tiled.enumerated() {
                    #expect(a.area.intersection(Rect(x: 0, y: 0, width: size.width, height: size.height)) == a.area,
                            "\(place): \(a.name) at \(a.area) is off the screen")
                    for b in tiled.dropFirst(i + 1) {
                        #expect(a.area.intersection(b.area).isEmpty, "\(place): \(a.name) \(a.area) overlaps \(b.name) \(b.area)")
                    }
                }
                for panel in panels {
                    var buffer = Self.marked(size)
                    panel.render(into: &buffer)
                    let text = buffer.lines.joined(separator: "\n")
                    var outside: [String] = []
                    for y in 0..<size.height {
                        for x in 0..<size.width where !panel.area.contains(x: x, y: y) && buffer[x, y].symbol != "¤" {
                            outside.append("(\(x), \(y)) \(buffer[x, y].symbol)")
                        }
                    }
                    #expect(outside.isEmpty, "\(place): \(panel.name) draws outside \(panel.area): \(outside.prefix(5))\n\(text)")
                    let audit = buffer.audit ?? BufferAudit()
                    #expect(audit.cuts.isEmpty, "\(place): \(panel.name) cuts a word: \(audit.cuts.prefix(3))\n\(text)")
                    #expect(audit.overwrites.isEmpty, "\(place): \(panel.name) draws over its text: \(audit.overwrites.prefix(5))\n\(text)")
                }
            }
        }
    }

    @Test func theAuditSeesASilentCutAndAnOverwrite() {
        var buffer = Buffer(width: 12, height: 1)
        buffer.audit = BufferAudit()
        buffer.set(x: 0, y: 0, string: "pred ms", maxWidth: 3)
        buffer.set(x: 4, y: 0, string: "compute", maxWidth: 20)
        buffer.set(x: 6, y: 0, string: "1-5")
        #expect(buffer.audit?.cuts.map(\.text) == ["pre|d ms"])
        #expect(buffer.audit?.overwrites.map(\.text) == ["m>1", "p>-", "u>5"])
        // Cut at a space, or a write that fits: nothing to report.
        var clean = Buffer(width: 12, height: 1)
        clean.audit = BufferAudit()
        clean.set(x: 0, y: 0, string: "pred ms", maxWidth: 4)
        clean.set(x: 5, y: 0, string: "日本", maxWidth: 4)
        #expect(clean.audit?.cuts.isEmpty == true && clean.audit?.overwrites.isEmpty == true)
        var wide = Buffer(width: 12, height: 1)
        wide.audit = BufferAudit()
        wide.set(x: 0, y: 0, string: "日本語 ok", maxWidth: 5)
        #expect(wide.audit?.cuts.map(\.text) == ["日本|語 ok"])
    }
}
