/// One cell a backend must redraw: its position and new content.
public struct CellUpdate: Hashable, Sendable {
    /// Column.
    public var x: Int
    /// Row.
    public var y: Int
    /// What the cell now holds.
    public var cell: Cell

    /// Creates an update.
    public init(x: Int, y: Int, cell: Cell) {
        self.x = x
        self.y = y
        self.cell = cell
    }
}
