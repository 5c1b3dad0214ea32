import Foundation
import SplitDashboard
import SplitModels
import SplitSession

/// How the sessions of several live devices become one dashboard's stream, as a fleet's recording
/// is one: one header, every event tagged with its device, each operator command routed to the
/// port of the device it is meant for.
///
/// A value with no sockets: ``LiveFleetFeed`` gives it what each port sent and does what it says.
/// Each port stands for one device, named by the `device` its events carry (devices on a shared
/// edge tag their events) or else by its header's device name, made unique with the port's
/// address. The merged header is the first port's with a `devices` list of those ids and the
/// earliest start time; each port's times are shifted by its start's distance from that one, so
/// the devices share one clock.
///
/// ```swift
/// var fleet = try LiveFleet(sessions: [.init(address: "10.0.0.2:7070", header: h1, eventDevice: "cam-1"),
///                                      .init(address: "10.0.0.3:7070", header: h2, eventDevice: nil)])
/// fleet.header.devices.map(\.device)          // ["cam-1", "device@10.0.0.3:7070"]
/// fleet.port(for: "cam-1")                    // 0
/// ```
public struct LiveFleet: Equatable, Sendable {
    /// What one port said when it was attached.
    public struct Session: Equatable, Sendable {
        /// The port's address, as the operator wrote it.
        public var address: String
        /// The session's header.
        public var header: SessionHeader
        /// The `device` of the first event from the port that carried one, if any arrived.
        public var eventDevice: String?

        public init(address: String, header: SessionHeader, eventDevice: String?) {
            self.address = address
            self.header = header
            self.eventDevice = eventDevice
        }
    }

    /// One attached port: its address, the device it stands for, and the shift of its clock.
    public struct Port: Equatable, Sendable {
        public var address: String
        /// The device id its untagged events get and its commands are routed by.
        public var device: String
        /// Seconds added to its events' times (its session started this long after the earliest).
        public var offsetS: Double
    }

    /// The ports, in the order given.
    public private(set) var ports: [Port]
    /// The dashboard's header: the first session's, listing every port's device.
    public let header: SessionHeader
    /// Other device ids seen in a port's events (a port whose session is itself a fleet's), by port.
    private var learned: [String: Int] = [:]
    /// The last `shares` event passed on: every device records the one edge's, so each comes once.
    private var lastShares: SharesEvent?

    /// Merges the sessions' headers; refuses sessions of another model than the first's, whose
    /// partitions the dashboard could not show.
    public init(sessions: [Session]) throws(ControlRequestError) {
        guard let first = sessions.first else { throw ControlRequestError("no control port to attach to") }
        for session in sessions.dropFirst() {
            let a = first.header.model, b = session.header.model
            guard a.name == b.name, a.layerCount == b.layerCount else {
                throw ControlRequestError("\(session.address) runs \(DisplayText.quoted(b.name)) (\(CountPhrase.of(b.layerCount, "layer"))) but \(first.address) runs "
                                          + "\(DisplayText.quoted(a.name)) (\(CountPhrase.of(a.layerCount, "layer"))): one dashboard shows one model — attach to them separately")
            }
        }
        let starts = sessions.map { Self.date($0.header.startTime) }
        let earliest = starts.indices.filter { starts[$0] != nil }.min { (starts[$0] ?? .distantFuture) < (starts[$1] ?? .distantFuture) }
        var used = Set<String>()
        var ports: [Port] = []
        for (index, session) in sessions.enumerated() {
            // The peer's words: a name the device-id rule refuses (a control character, 10,000
            // characters) is not shown; the port's address stands for the device instead.
            let claimed = session.eventDevice ?? session.header.device?.name ?? ""
            let named = DeviceID.problem(claimed) == nil ? claimed : ""
            var id = named.isEmpty ? session.address : named
            if used.contains(id) { id = "\(named.isEmpty ? "device" : named)@\(session.address)" }
            var suffix = 2
            let base = id
            while used.contains(id) {
                id = "\(base)#\(suffix)"
                suffix += 1
            }
            used.insert(id)
            var offset = 0.0
            if let earliest, let start = starts[index], let zero = starts[earliest] { offset = start.timeIntervalSince(zero) }
            ports.append(Port(address: session.address, device: id, offsetS: offset))
        }
        self.ports = ports
        var header = first.header
        if let earliest { header.startTime = sessions[earliest].header.startTime }
        header.devices = ports.map { SessionFleetDevice(device: $0.device) }
        self.header = header
    }

    /// The port whose device is `device`, where its operator commands go (the first when none is named).
    public func port(for device: String?) -> Int? {
        guard let device else { return ports.isEmpty ? nil : 0 }
        return ports.firstIndex { $0.device == device } ?? learned[device]
    }

    /// The events from port `index` as the dashboard takes them: on the shared clock, those without
    /// a device tagged with the port's, and an edge's `shares` event dropped when it repeats the last one.
    public mutating func tag(_ events: [TimedEvent], fromPort index: Int) -> [TimedEvent] {
        guard ports.indices.contains(index) else { return events }
        let port = ports[index]
        var tagged: [TimedEvent] = []
        for var event in events {
            event.t += port.offsetS
            if case .shares(let shares) = event.event {
                if shares == lastShares { continue }
                lastShares = shares
            } else if let device = event.device {
                if device != port.device, learned[device] == nil, !ports.contains(where: { $0.device == device }) {
                    learned[device] = index
                }
            } else {
                event.device = port.device
            }
            tagged.append(event)
        }
        return tagged
    }

    /// An action port `index`'s feed sent, as the dashboard takes it: events tagged, connection
    /// news and notices for that device only.
    public mutating func forward(_ action: DashboardAction, fromPort index: Int) -> [DashboardAction] {
        guard ports.indices.contains(index) else { return [action] }
        let port = ports[index]
        switch action {
        case .loaded(let events, let upTo, let reset):
            let tagged = tag(events, fromPort: index)
            return tagged.isEmpty ? [] : [.loaded(tagged, upTo: upTo + port.offsetS, reset: reset)]
        case .connection(let connected, let message):
            return [.deviceConnection(device: port.device, connected: connected, message: "\(port.device): \(message)")]
        case .sessionEnded(let message):
            // One device's session ended; the others go on (its log says so, the header says ENDED while it is shown).
            return [.deviceEnded(device: port.device, message: "\(port.device): \(message)")]
        case .notice(let text):
            return [.notice("\(port.device): \(text)")]
        default:
            return [action]
        }
    }

    /// A header's start time, with or without fractional seconds.
    static func date(_ text: String) -> Date? {
        let plain = ISO8601DateFormatter()
        if let date = plain.date(from: text) { return date }
        let fractional = ISO8601DateFormatter()
        fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return fractional.date(from: text)
    }
}
