import Foundation
import SplitModels
import SplitSession

/// What a live device's terminal says about its edge: one line on stderr when a fault starts
/// (the edge is lost, the edge is back), and a closing line with the frames the loss cost.
///
/// A value fed every event the device records, in order; it answers the line to print, if any.
/// Every fault kind the live device records (``FaultKind/known``) is said once when it starts,
/// never per frame: the device records each once (the frame loop and the cascade keep to that).
///
/// ```swift
/// var log = EdgeFaultLog(edge: "127.0.0.1:8001")
/// if let line = log.take(event, at: Date()) { Console.error(line) }
/// if let line = log.closingLine { Console.line(line) }
/// ```
struct EdgeFaultLog: Sendable {
    /// The edge's address, as the user gave it.
    let edge: String
    /// Times the edge was lost.
    private(set) var losses = 0
    /// Frames finished (or answered) on the device while the edge was lost.
    private(set) var finishedLocally = 0
    /// Frames dropped while the edge was lost (the device, computing alone, fell behind the camera).
    private(set) var dropped = 0
    /// Session seconds the edge has been lost for, over losses that ended.
    private var lostSeconds = 0.0
    /// When the current loss began (nil while the edge answers).
    private var lostSince: Double?
    /// The latest event's session time: the end of a loss still open.
    private var lastAt = 0.0

    init(edge: String) {
        self.edge = edge
    }

    /// How many characters of a fault's cause the terminal line shows.
    static let causeLimit = 160

    /// Takes one recorded event; returns the line to print when it starts a fault.
    mutating func take(_ timed: TimedEvent, at wall: Date) -> String? {
        lastAt = max(lastAt, timed.t)
        switch timed.event {
        case .fault(let fault):
            let (cause, doing) = Self.parts(of: fault.action)
            let when = "\(Self.clock(wall)) (session \(Format.fixed(timed.t, 1)) s)"
            switch fault.kind {
            case .edgeLost, .edgeTimeout:
                guard lostSince == nil else { return nil }
                losses += 1
                lostSince = timed.t
                let what = fault.kind == .edgeTimeout ? "the edge \(edge) timed out (connected, but no answer in time)" : "lost the edge \(edge)"
                return "\(when): \(what)" + (cause.map { ": \($0)" } ?? "") + (doing.map { "; now: \($0)" } ?? "")
            case .edgeBack:
                if let since = lostSince { lostSeconds += max(0, timed.t - since) }
                lostSince = nil
                return "\(when): the edge \(edge) answers again" + (doing.map { "; now: \($0)" } ?? "")
            default:
                // A fault kind this build does not know (a newer device's): said as recorded.
                return "\(when): edge \(edge): \(DisplayText.escaped(fault.kind.rawValue))" + (fault.action.map { ": \(DisplayText.escaped($0, limit: Self.causeLimit))" } ?? "")
            }
        case .frame(let frame) where lostSince != nil:
            switch frame.outcome {
            case .local: finishedLocally += 1
            case .dropped: dropped += 1
            default: break
            }
            return nil
        default:
            return nil
        }
    }

    /// The closing summary's line about the edge (nil when it was never lost): how often, for how
    /// long, and what became of the frames meanwhile.
    var closingLine: String? {
        guard losses > 0 else { return nil }
        let open = lostSince.map { max(0, lastAt - $0) } ?? 0
        let times = losses == 1 ? "once" : "\(losses) times"
        let still = lostSince == nil ? "back by the end" : "still lost at the end"
        return "edge \(edge) lost \(times) (\(Format.fixed(lostSeconds + open, 1)) s in all, \(still)): while lost, "
            + "\(Format.counted(finishedLocally, "frame")) finished on the device and \(dropped) dropped"
    }

    /// A fault's recorded text split into its cause and what the device does now, both escaped:
    /// the live device writes "cause; what it does", a cascade only what it does.
    static func parts(of action: String?) -> (cause: String?, doing: String?) {
        guard let action else { return (nil, nil) }
        guard let split = action.range(of: "; ", options: .backwards) else {
            return (nil, DisplayText.escaped(action, limit: causeLimit))
        }
        return (DisplayText.escaped(String(action[..<split.lowerBound]), limit: causeLimit),
                DisplayText.escaped(String(action[split.upperBound...]), limit: causeLimit))
    }

    /// `05:41:07 UTC`: the wall-clock time of a line.
    static func clock(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "HH:mm:ss"
        return formatter.string(from: date) + " UTC"
    }
}
