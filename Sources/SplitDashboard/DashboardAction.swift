import SplitSession
import SplitTerminal

/// Everything that can happen to the dashboard: keys, session events, time passing, resizes.
public enum DashboardAction: Sendable {
    /// A key press.
    case key(KeyEvent)
    /// Events from the session up to time `upTo`; with `reset`, history is rebuilt from them (after a seek).
    case loaded([TimedEvent], upTo: Double, reset: Bool)
    /// Wall-clock seconds since the last tick.
    case tick(elapsed: Double)
    /// The terminal changed size.
    case resize(TerminalSize)
    /// The process was asked to stop (SIGINT, SIGTERM, …): quit as `q` does.
    case terminate(signal: Int32)
    /// A message from outside the loop (a feed, a network task), shown in the log and status line.
    case notice(String)
    /// A live feed lost or regained its session; `message` says which and what happens next.
    case connection(connected: Bool, message: String)
    /// A live feed's session said it ended (it was not lost): shown as ENDED, nothing is retried.
    case sessionEnded(message: String)
    /// One of several live devices lost or regained its session: shown for that device only
    /// (its log, and the header while it is shown); the others go on.
    case deviceConnection(device: String, connected: Bool, message: String)
    /// One of several live devices' sessions said it ended (it was not lost): shown as ENDED for
    /// that device (its log, and the header while it is shown); the others go on.
    case deviceEnded(device: String, message: String)
}

/// Work the dashboard asks its runner to do; results come back as actions.
public enum DashboardEffect: Hashable, Sendable {
    /// Deliver the events with from ≤ t < to, then `.loaded(upTo: to)`.
    case load(from: Double, to: Double)
    /// Seek: deliver the recent history before `at` with `reset`, then continue from `at`.
    case reload(at: Double)
    /// Deliver the events up to and including the next frame after `after`.
    case step(after: Double)
    /// Send an operator override to the controller of a live session (a replay answers it with nothing:
    /// there the override stays a what-if).
    case sendToController(WhatIfOverride)
    /// Restore the terminal and exit.
    case quit
}
