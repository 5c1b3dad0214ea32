/// Where the dashboard's events come from: a recorded session now, a live device/edge pair next.
///
/// The loop hands the feed every effect the reducer asks for and reduces the actions it answers
/// with, on the terminal's thread. A feed that produces events on its own (a socket) pushes them
/// into the loop's ``DashboardInbox`` instead, and never touches the terminal.
public protocol DashboardFeed {
    /// The actions that answer an effect (none when the feed has nothing to do for it).
    func perform(_ effect: DashboardEffect) -> [DashboardAction]

    /// The actions that answer an effect asked for while device `shownDevice` is shown.
    ///
    /// A feed of several live devices sends an operator key to the shown device's session only;
    /// every other feed answers as ``perform(_:)`` does (the default).
    func perform(_ effect: DashboardEffect, shownDevice: String?) -> [DashboardAction]
}

extension DashboardFeed {
    public func perform(_ effect: DashboardEffect, shownDevice: String?) -> [DashboardAction] {
        perform(effect)
    }
}
