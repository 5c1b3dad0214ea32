/// A rectangle of cells: origin at the top-left, `x` to the right, `y` down.
///
/// Widths and heights are never negative; operations that would make them so give empty
/// rectangles instead.
public struct Rect: Hashable, Sendable {
    /// Column of the left edge.
    public var x: Int
    /// Row of the top edge.
    public var y: Int
    /// Number of columns.
    public var width: Int
    /// Number of rows.
    public var height: Int

    /// Creates a rectangle; negative sizes become 0.
    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = max(0, width)
        self.height = max(0, height)
    }

    /// The empty rectangle at the origin.
    public static let zero = Rect(x: 0, y: 0, width: 0, height: 0)

    /// The column just right of the rectangle.
    public var right: Int { x + width }
    /// The row just below the rectangle.
    public var bottom: Int { y + height }
    /// Number of cells.
    public var area: Int { width * height }
    /// Whether the rectangle holds no cell.
    public var isEmpty: Bool { width == 0 || height == 0 }

    /// Whether the cell at (`x`, `y`) is inside.
    public func contains(x: Int, y: Int) -> Bool {
        x >= self.x && x < right && y >= self.y && y < bottom
    }

    /// The rectangle shrunk by `margin` cells on every side.
    public func inset(by margin: Int) -> Rect {
        inset(horizontal: margin, vertical: margin)
    }

    /// The rectangle shrunk by `horizontal` cells left and right and `vertical` cells top and bottom.
    public func inset(horizontal: Int, vertical: Int) -> Rect {
        let w = width - 2 * horizontal
        let h = height - 2 * vertical
        guard w > 0, h > 0 else {
            return Rect(x: x + min(horizontal, width / 2), y: y + min(vertical, height / 2), width: 0, height: 0)
        }
        return Rect(x: x + horizontal, y: y + vertical, width: w, height: h)
    }

    /// The overlap of two rectangles (empty when they do not overlap).
    public func intersection(_ other: Rect) -> Rect {
        let left = max(x, other.x), top = max(y, other.y)
        let r = min(right, other.right), b = min(bottom, other.bottom)
        guard r > left, b > top else { return Rect(x: left, y: top, width: 0, height: 0) }
        return Rect(x: left, y: top, width: r - left, height: b - top)
    }

    /// A rectangle of at most `width` × `height` centred in this one.
    ///
    /// ```swift
    /// Rect(x: 0, y: 0, width: 80, height: 24).centered(width: 40, height: 10)
    /// // Rect(x: 20, y: 7, width: 40, height: 10)
    /// ```
    public func centered(width: Int, height: Int) -> Rect {
        let w = min(max(0, width), self.width)
        let h = min(max(0, height), self.height)
        return Rect(x: x + (self.width - w) / 2, y: y + (self.height - h) / 2, width: w, height: h)
    }

    /// The top `count` rows (clamped), and the rest below.
    public func splitTop(_ count: Int) -> (top: Rect, rest: Rect) {
        let n = min(max(0, count), height)
        return (Rect(x: x, y: y, width: width, height: n), Rect(x: x, y: y + n, width: width, height: height - n))
    }

    /// The bottom `count` rows (clamped), and the rest above.
    public func splitBottom(_ count: Int) -> (rest: Rect, bottom: Rect) {
        let n = min(max(0, count), height)
        return (Rect(x: x, y: y, width: width, height: height - n),
                Rect(x: x, y: bottom - n, width: width, height: n))
    }

    /// Every row of the rectangle as a one-row rectangle, top to bottom.
    public var rows: [Rect] {
        (0..<height).map { Rect(x: x, y: y + $0, width: width, height: 1) }
    }
}
