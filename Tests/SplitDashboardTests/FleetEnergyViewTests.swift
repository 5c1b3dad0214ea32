import SplitDashboard
import SplitModels
import SplitSession
import SplitTerminal
import Testing

/// A fleet's recording with energy: the gauges show the shown device's energy per frame, and its
/// all-local reference at its own speed (the header's profile is the first device's).
@Suite("Energy of a fleet's devices in the dashboard")
struct FleetEnergyViewTests {
    static func event(_ t: Double, _ device: String, energy: Double?) -> TimedEvent {
        TimedEvent(t: t, device: device, event: .frame(FrameEvent(frame: Int(t), partition: .split(3), predictedMs: 16, deviceMs: 16,
                                                                  bytesSent: 0, transferMs: 0, totalMs: 16, energyMJ: energy,
                                                                  bandwidthEstimateMbps: 5)))
    }

    static func state(energy: Bool) -> DashboardState {
        var header = handHeader()
        header.policy = "fast allocator"
        header.device = SessionDeviceInfo(name: "each device of the fleet",
                                          power: energy ? SessionPowerModel(computeWatts: 5, radioWatts: 1.5, idleWatts: 0.5) : nil)
        header.devices = [SessionFleetDevice(device: "cam-1", gmacsPerSecond: 0.01), SessionFleetDevice(device: "cam-2", gmacsPerSecond: 0.05)]
        var state = DashboardState(context: SessionContext(header: header), duration: 10, themes: Theme.builtins, glyphs: .unicode)
        state.size = TerminalSize(width: 120, height: 40)
        _ = state.reduce(.loaded([event(1, "cam-1", energy: energy ? 400 : nil), event(1, "cam-2", energy: energy ? 80 : nil)],
                                 upTo: 1, reset: false))
        return state
    }

    @Test func theShownDevicesEnergyAndItsOwnLocalReference() {
        var state = Self.state(energy: true)
        // The hand chain takes 80 ms on the device: 400 mJ at 5 W for cam-1 …
        var text = DashboardView.render(state, size: state.size).lines.joined(separator: "\n")
        #expect(text.contains("400 mJ (all local 400)"), "\(text)")
        // … and a fifth of it for cam-2, five times faster.
        _ = state.reduce(.key(.character("d")))
        text = DashboardView.render(state, size: state.size).lines.joined(separator: "\n")
        #expect(text.contains("80 mJ (all local 80)"), "\(text)")
    }

    @Test func anOldRecordingWithoutEnergySaysNotRecorded() {
        let state = Self.state(energy: false)
        let text = DashboardView.render(state, size: state.size).lines.joined(separator: "\n")
        #expect(text.contains("not recorded"), "\(text)")
    }
}
