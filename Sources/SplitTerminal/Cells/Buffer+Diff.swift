extension Buffer {
    /// The cells that differ from `old`, in row-major order: what a backend must redraw to
    /// turn a screen showing `old` into one showing `self`.
    ///
    /// When the sizes differ the whole buffer is returned (``fullRedraw()``). Continuation
    /// cells are never returned: drawing the wide character covers them. A cell right after
    /// a wide character that was replaced is returned even if unchanged, because the terminal
    /// drew over it (the same bookkeeping as ratatui's `Buffer::diff`).
    ///
    /// ```swift
    /// let updates = next.diff(from: previous)   // [] when nothing changed
    /// ```
    public func diff(from old: Buffer) -> [CellUpdate] {
        guard old.width == width, old.height == height else { return fullRedraw() }
        var updates: [CellUpdate] = []
        var invalidated = 0
        var toSkip = 0
        cells.withUnsafeBufferPointer { next in
            old.cells.withUnsafeBufferPointer { previousCells in
                var index = 0
                for y in 0..<height {
                    invalidated = 0
                    toSkip = 0
                    for x in 0..<width {
                        defer { index += 1 }
                        let same = next[index] == previousCells[index]
                        if same && invalidated == 0 && toSkip == 0 && next[index].isKnownSingleColumn { continue }
                        let current = next[index]
                        if !current.isContinuation && (!same || invalidated > 0) && toSkip == 0 {
                            updates.append(CellUpdate(x: x, y: y, cell: current))
                        }
                        let currentWidth = current.width
                        let previousWidth = same ? currentWidth : previousCells[index].width
                        toSkip = Swift.max(0, currentWidth - 1)
                        invalidated = Swift.max(0, Swift.max(Swift.max(currentWidth, previousWidth), invalidated) - 1)
                    }
                }
            }
        }
        return updates
    }

    /// Every non-continuation cell, for a full repaint (after a resize, or on request).
    public func fullRedraw() -> [CellUpdate] {
        var updates: [CellUpdate] = []
        updates.reserveCapacity(cells.count)
        for (index, cell) in cells.enumerated() where !cell.isContinuation {
            updates.append(CellUpdate(x: index % width, y: index / width, cell: cell))
        }
        return updates
    }
}
