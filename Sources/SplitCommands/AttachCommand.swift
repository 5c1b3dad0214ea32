import ArgumentParser
import Foundation
import SplitControlPort
import SplitDashboard
import SplitModels
import SplitSession
import SplitTerminal

/// `splitscope attach`: the dashboard on a running session, through its control port.
struct AttachCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "attach",
        abstract: "Watch and steer a running session through its control port.",
        discussion: """
        Connects to the control port of a running session (`simulate --control …` or `device --control …`), \\
        shows its events as they happen, and sends the operator keys to the session's \\
        controller: Enter pins the split at the cursor, u unpins, s m b f n set constraints, p \\
        cycles the policy — they take effect from the session's next frame and are recorded there. \\
        The header says LIVE. Seeking is off: the dashboard shows what it received since it \\
        attached. A lost connection is shown and retried with backoff.

        Several devices on one edge (`device --device-id ID --control …` each): give each one's \
        port, as a comma list or as separate arguments. One dashboard shows them as the replay of \
        a fleet's recording does: d/D switch device, e shows the edge's shares. Keys steer the \
        shown device's session only; a lost port is shown for its device and retried, the others \
        go on.

        Example: splitscope attach 127.0.0.1:7070
        Example: splitscope attach 10.0.0.2:7070,10.0.0.3:7070
        """
    )

    @Argument(help: "The session's control port, HOST:PORT; several devices' ports as HOST:PORT,HOST:PORT… or separate arguments.")
    var addresses: [String]

    @Option(name: .long, help: "The port's token, when it requires one.")
    var token: String?

    @Option(name: .long, help: "Theme name (dark, light, high-contrast, mono, or a file in Themes/) or path to a theme file.")
    var theme: String?

    @Option(name: .long, parsing: .unconditional, help: "Seconds to wait for the session's header when connecting.")
    var timeout: FlagNumber = 5

    func run() throws {
        let addresses = try Self.controlAddresses(self.addresses)
        let timeout = try Quantity.seconds.checked(timeout, flag: "--timeout")
        guard let address = addresses.first, addresses.count == 1 else {
            return try attachFleet(addresses, timeoutS: timeout)
        }
        let inbox = DashboardInbox()
        let feed = LiveFeed(address: address, token: token, inbox: inbox)
        let header: SessionHeader
        do {
            header = try feed.connect(timeoutS: timeout)
        } catch {
            throw CommandError("\(error)", isUsage: false)
        }
        feed.keepConnected()
        defer { feed.stop() }
        try Self.showDashboard(feed: feed, inbox: inbox, header: header, theme: theme,
                               status: "attached to \(address): keys steer the session's controller", device: feed.sessionDevice)
    }

    /// Shows several devices' sessions in one dashboard, as a fleet's recording is shown.
    private func attachFleet(_ addresses: [ControlAddress], timeoutS: Double) throws {
        let inbox = DashboardInbox()
        let feed = LiveFleetFeed(addresses: addresses, token: token, inbox: inbox)
        let header: SessionHeader
        do {
            header = try feed.connect(timeoutS: timeoutS)
        } catch {
            throw CommandError("\(error)", isUsage: false)
        }
        feed.keepConnected()
        defer { feed.stop() }
        let ids = header.devices.map(\.device).joined(separator: ", ")
        try Self.showDashboard(feed: feed, inbox: inbox, header: header, theme: theme,
                               status: "attached to \(Format.counted(addresses.count, "device")) (\(ids)): d/D switch, keys steer the shown device")
    }

    /// The control ports the arguments name: each a HOST:PORT or a comma list of them, none twice.
    static func controlAddresses(_ arguments: [String]) throws(CommandError) -> [ControlAddress] {
        guard !arguments.isEmpty else { throw CommandError("HOST:PORT: give the session's control port") }
        var addresses: [ControlAddress] = []
        for argument in arguments {
            for item in try CommaList.names(argument, flag: "HOST:PORT") {
                let address: ControlAddress
                do {
                    address = try ControlAddress(parsing: item, connecting: true)
                } catch {
                    throw CommandError("HOST:PORT: \(error)")
                }
                guard !addresses.contains(address) else {
                    throw CommandError("HOST:PORT: \(item) is named twice; name each device's port once")
                }
                addresses.append(address)
            }
        }
        return addresses
    }

    /// Runs the live dashboard on a connected feed until the operator quits; shared with `demo`.
    ///
    /// Throws ``CommandError`` when no terminal can show it, and `ExitCode(128 + signal)` when a
    /// quit signal ended it.
    /// `device` is the id the session's header line gives its one device, marked among the edge's shares.
    static func showDashboard(feed: some DashboardFeed, inbox: DashboardInbox, header: SessionHeader, theme: String?,
                              status: String, device: String? = nil) throws {
        let (themes, themeMessage, themeStatus) = ReplayCommand.themes(requested: theme)
        let context = SessionContext(header: header)
        var quitSignal: Int32?
        do {
            try NcursesBackend.run(options: NcursesBackend.Options(quitSignalsArePolled: true)) { backend in
                var chosen = themes
                if theme == nil, backend.colorMode == .monochrome, let mono = themes.firstIndex(where: { $0.name == "mono" }) {
                    chosen.insert(chosen.remove(at: mono), at: 0)
                }
                var state = DashboardState(context: context, duration: 0, mode: .live, themes: chosen, glyphs: backend.glyphs,
                                           size: backend.size)
                state.cursor = context.layerCount
                state.status = themeStatus ?? status
                state.adoptSessionDevice(device)
                var loop = DashboardLoop(state: state, feed: feed, inbox: inbox)
                _ = loop.run(on: backend, initial: [])
                quitSignal = loop.quitSignal
            }
        } catch let error as TerminalError {
            switch error {
            case .notATerminal: throw CommandError("cannot start the dashboard: \(error)", isUsage: false)
            case .unknownTerminal, .noCursorAddressing: throw CommandError("\(error)")
            }
        }
        if let themeMessage { Console.error(themeMessage) }
        if let quitSignal { throw ExitCode(128 + quitSignal) }
    }
}
