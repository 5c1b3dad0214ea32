import SplitTerminal

/// One panel of the dashboard's screen: what it is, the rectangle it owns, and the widget that
/// draws it there.
///
/// ``DashboardView/panels(_:size:)`` lays the screen out as a list of these, drawn in order (an
/// overlay last, over the panels it covers); tests draw each alone to check it stays inside its
/// rectangle and fits its text.
public struct DashboardPanel {
    /// What the panel shows: `header`, `layers`, `edge shares`, `timeline`, `gauges`, `log`, `bottom bar`, `help`, `too small`.
    public var name: String
    /// The cells the panel may draw in.
    public var area: Rect
    let widget: any Widget

    /// Draws the panel into its area of `buffer`.
    public func render(into buffer: inout Buffer) {
        widget.render(in: area, buffer: &buffer)
    }
}
