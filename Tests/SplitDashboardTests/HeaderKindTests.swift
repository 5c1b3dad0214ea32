import SplitDashboard
import SplitModels
import SplitSession
import SplitTerminal
import Testing

/// The header names the model and the version in force with its accuracy in one form for every
/// kind of session: one model, a family of versions, a family of two models, a cascade, a fleet.
@Suite("Header names the model in every kind of session")
struct HeaderKindTests {
    static let sizes = [TerminalSize(width: 80, height: 24), TerminalSize(width: 120, height: 40)]

    static func named(_ name: String) -> ModelProfile {
        var profile = handChain()
        profile.name = name
        return profile
    }

    /// Frames at 1, 2 and 3 s, at split 2, that ran `version` (nil: no version).
    static func versionedFrames(_ version: String?) -> [TimedEvent] {
        (1...3).map { t in
            var timed = frame(Double(t), split: 2, estimate: 5)
            if case .frame(var event) = timed.event {
                event.version = version
                timed.event = .frame(event)
            }
            return timed
        }
    }

    /// A replay of `header` after frames of `version` (nil: no version), at `size`.
    static func state(_ header: SessionHeader, version: String?, size: TerminalSize) -> DashboardState {
        var state = DashboardState(context: SessionContext(header: header), duration: 60, themes: Theme.builtins, glyphs: .unicode)
        state.size = size
        _ = state.reduce(.loaded(versionedFrames(version), upTo: 3, reset: false))
        return state
    }

    /// Each kind: its name, the state at a size, and what its header must say.
    static func kinds(size: TerminalSize) throws -> [(String, DashboardState, [String])] {
        var family = handHeader()
        family.model = named("fashion-edge")
        family.versions = [SessionModelVersion(name: "full", accuracyPercent: 90.21, model: named("fashion-edge")),
                           SessionModelVersion(name: "p50", accuracyPercent: 83.02, model: named("fashion-edge-p50"))]
        var twoModels = handHeader()
        twoModels.model = named("fashion-edge")
        twoModels.versions = [SessionModelVersion(name: "edge-cnn", accuracyPercent: 90.21, model: named("fashion-edge")),
                              SessionModelVersion(name: "device-cnn", accuracyPercent: 89.31, model: named("fashion-device"))]
        var cascade = handHeader()
        cascade.model = named("fashion-device")
        cascade.policy = "cascade:0.9"
        cascade.appealModel = SessionAppealModel(name: "fashion-edge")
        return [
            ("one model", state(handHeader(), version: nil, size: size), ["hand"]),
            ("versions family", state(family, version: "p50", size: size), ["fashion-edge-p50 83.0 %"]),
            ("two-model family", state(twoModels, version: "device-cnn", size: size), ["fashion-device (device-cnn) 89.3 %"]),
            ("cascade", state(cascade, version: nil, size: size), ["fashion-device → fashion-edge"]),
            ("fleet", try FleetViewTests.state(size: size), ["fashion-edge 90.2 %", "cam-1"]),
        ]
    }

    @Test(arguments: sizes)
    func everyKindNamesItsModelAndVersion(size: TerminalSize) throws {
        var lines: [String] = []
        for (kind, state, expected) in try Self.kinds(size: size) {
            let header = DashboardView.render(state, size: size).lines[0]
            for text in expected { #expect(header.contains(text), "\(kind): \(header)") }
            // Never the header's first model glued to another version's name.
            #expect(!header.contains("fashion-edge device-cnn"), "\(kind): \(header)")
            lines.append("\(kind):\n\(header)")
        }
        #expect(try matchesGolden(lines.joined(separator: "\n") + "\n", named: "header-kinds-\(size.width)x\(size.height).txt"))
    }

    /// The longest values: a long model and version name in a what-if with overrides and damaged lines.
    @Test(arguments: sizes)
    func aLongModelNameIsCutNeverDropped(size: TerminalSize) throws {
        var header = handHeader()
        let long = "mobilenet-v3-large-imagenet-export-from-torchvision"
        header.model = Self.named(long)
        header.versions = [SessionModelVersion(name: "full", accuracyPercent: 75.2, model: Self.named(long)),
                           SessionModelVersion(name: "p50-int8", accuracyPercent: 70.11, model: Self.named("\(long)-pruned"))]
        let state = Self.state(header, version: "p50-int8", size: size)
        let line = DashboardView.render(state, size: size).lines[0]
        #expect(line.contains("mobilenet"), "\(line)")
        #expect(line.contains("(p50-int8) 70.1 %"), "\(line)")
        #expect(line.contains("00:03.0 / 01:00.0"), "the clock stays: \(line)")
    }
}
