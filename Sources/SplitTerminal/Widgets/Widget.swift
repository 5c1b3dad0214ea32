/// Something that draws itself into a rectangle of a ``Buffer``.
///
/// Widgets are small value types built fresh for each frame from the state they show;
/// `render` is pure apart from the buffer it writes, and must stay inside `area`.
///
/// ```swift
/// var frame = Buffer(width: 80, height: 24)
/// frame.render(BlockWidget(title: "Devices"), in: frame.area)
/// ```
public protocol Widget {
    /// Draws into `area` of `buffer`, clipped to both.
    func render(in area: Rect, buffer: inout Buffer)
}
