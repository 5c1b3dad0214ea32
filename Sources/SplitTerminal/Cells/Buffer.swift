/// A width × height grid of cells that widgets draw into and backends show.
///
/// Writes outside the grid are clipped silently, so widgets never need to check bounds.
/// Wide characters take two cells (see ``Cell``); overwriting either half of one blanks the other.
///
/// ```swift
/// var buffer = Buffer(width: 10, height: 1)
/// buffer.set(x: 0, y: 0, string: "日本 ok", style: Style(fg: .green))
/// buffer.rowText(0)   // "日本 ok   "
/// ```
public struct Buffer: Hashable, Sendable {
    /// Number of columns.
    public private(set) var width: Int
    /// Number of rows.
    public private(set) var height: Int
    /// The cells, row after row.
    public private(set) var cells: [Cell]
    /// When set, records text cut silently or drawn over (see ``BufferAudit``); not part of equality.
    public var audit: BufferAudit?

    /// Creates a buffer filled with `cell`.
    public init(width: Int, height: Int, filledWith cell: Cell = .blank) {
        self.width = max(0, width)
        self.height = max(0, height)
        self.cells = Array(repeating: cell, count: self.width * self.height)
    }

    /// Creates a buffer whose rows are `lines`, in default colours (handy in tests).
    ///
    /// The width is that of the widest line unless given.
    public init(lines: [String], width: Int? = nil) {
        let w = width ?? lines.map { TerminalWidth.columns(of: $0) }.max() ?? 0
        self.init(width: w, height: lines.count)
        for (row, line) in lines.enumerated() { set(x: 0, y: row, string: line) }
    }

    /// The whole grid as a rectangle at the origin.
    public var area: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    /// The cell at (`x`, `y`); reading outside gives ``Cell/blank`` and writing outside does nothing.
    public subscript(x: Int, y: Int) -> Cell {
        get {
            guard let index = index(x: x, y: y) else { return .blank }
            return cells[index]
        }
        set {
            guard let index = index(x: x, y: y) else { return }
            cells[index] = newValue
        }
    }

    /// The position in ``cells`` of (`x`, `y`), or `nil` outside the grid.
    public func index(x: Int, y: Int) -> Int? {
        guard x >= 0, y >= 0, x < width, y < height else { return nil }
        return y * width + x
    }

    /// Writes `string` from (`x`, `y`) rightwards in `style`, clipped to the grid and to `maxWidth` columns.
    ///
    /// Wide characters take two cells and are not split: one that would not fit whole stops
    /// the write. Control characters are skipped, zero-width clusters are dropped.
    /// - Returns: the column after the last one written.
    @discardableResult
    public mutating func set(x: Int, y: Int, string: String, style: Style = .plain, maxWidth: Int? = nil) -> Int {
        guard y >= 0, y < height else { return x }
        let limit = Swift.min(width, maxWidth.map { x + Swift.max(0, $0) } ?? width)
        var column = x
        if TerminalWidth.simpleScalarCount(string) != nil {
            // Every scalar is a one-column grapheme: no grapheme breaking or width look-up.
            for scalar in string.unicodeScalars {
                if column + 1 > limit {
                    if audit != nil { noteCut(of: string, at: column - x, x: x, y: y) }
                    break
                }
                if column >= 0 { put(character: String(scalar), width: 1, x: column, y: y, style: style) }
                column += 1
            }
            return Swift.max(x, column)
        }
        var index = string.startIndex
        while index < string.endIndex {
            let character = string[index]
            defer { index = string.index(after: index) }
            let w = TerminalWidth.columns(of: character)
            if w == 0 { continue }
            if column + w > limit {
                if audit != nil { noteCut(of: string, at: index, x: x, y: y) }
                break
            }
            if column >= 0 {
                put(character: String(character), width: w, x: column, y: y, style: style)
            }
            column += w
        }
        return Swift.max(x, column)
    }

    /// Writes one grapheme at (`x`, `y`), clipped; a wide grapheme also claims the next cell.
    public mutating func set(x: Int, y: Int, symbol: String, style: Style = .plain) {
        let w = TerminalWidth.fastColumns(ofUTF8: symbol.utf8) ?? TerminalWidth.columns(of: symbol)
        guard w > 0, x >= 0, y >= 0, y < height, x + w <= width else { return }
        put(character: symbol, width: w, x: x, y: y, style: style)
    }

    /// Writes a grapheme the caller knows to be one column wide (braille, blocks, ASCII), clipped,
    /// without measuring it: the hot path of graphs.
    mutating func setOneColumn(x: Int, y: Int, symbol: String, style: Style) {
        guard x >= 0, y >= 0, x < width, y < height else { return }
        put(character: symbol, width: 1, x: x, y: y, style: style)
    }

    /// Lays `style` over every cell of `rect` without changing symbols.
    public mutating func setStyle(_ style: Style, in rect: Rect) {
        let clipped = rect.intersection(area)
        for y in clipped.y..<clipped.bottom {
            for x in clipped.x..<clipped.right {
                if let index = index(x: x, y: y) { cells[index].apply(style) }
            }
        }
    }

    /// Sets every cell of `rect` to `cell` (clipped to the grid).
    public mutating func fill(_ rect: Rect, with cell: Cell) {
        let clipped = rect.intersection(area)
        guard !clipped.isEmpty else { return }
        clearWideOverlaps(x: clipped.x, y: clipped.y, height: clipped.height, width: clipped.width)
        for y in clipped.y..<clipped.bottom {
            for x in clipped.x..<clipped.right { cells[y * width + x] = cell }
        }
    }

    /// Fills `rect` with spaces in `style` (colours unset in `style` become the default).
    public mutating func clear(_ rect: Rect, style: Style = .plain) {
        var cell = Cell.blank
        cell.apply(style)
        fill(rect, with: cell)
    }

    /// Sets every cell to `cell` without changing the size.
    public mutating func reset(to cell: Cell = .blank) {
        cells = Array(repeating: cell, count: width * height)
    }

    /// Changes the size, keeping the overlapping top-left part.
    public mutating func resize(width newWidth: Int, height newHeight: Int) {
        var resized = Buffer(width: newWidth, height: newHeight)
        for y in 0..<Swift.min(height, resized.height) {
            for x in 0..<Swift.min(width, resized.width) { resized[x, y] = self[x, y] }
        }
        // A wide character cut in half at the new right edge becomes a space.
        if resized.width > 0 {
            for y in 0..<resized.height where resized[resized.width - 1, y].width == 2 {
                resized[resized.width - 1, y].symbol = " "
            }
        }
        self = resized
    }

    /// Draws `widget` into `rect`.
    public mutating func render(_ widget: some Widget, in rect: Rect) {
        widget.render(in: rect, buffer: &self)
    }

    /// The symbols of row `y` as a string (continuation cells contribute nothing).
    public func rowText(_ y: Int) -> String {
        guard y >= 0, y < height else { return "" }
        return cells[(y * width)..<((y + 1) * width)].map(\.symbol).joined()
    }

    /// Every row's symbols, top to bottom.
    public var lines: [String] { (0..<height).map(rowText) }

    public static func == (lhs: Buffer, rhs: Buffer) -> Bool {
        lhs.width == rhs.width && lhs.height == rhs.height && lhs.cells == rhs.cells
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(width)
        hasher.combine(height)
        hasher.combine(cells)
    }

    // MARK: Private

    /// Records a cut of `string` after its first `offset` scalars (each a character of its own,
    /// on the one-column path) when it splits a word.
    private mutating func noteCut(of string: String, at offset: Int, x: Int, y: Int) {
        let scalars = string.unicodeScalars
        guard offset > 0, offset < scalars.count else { return }
        noteCut(of: string, at: scalars.index(scalars.startIndex, offsetBy: offset), x: x, y: y)
    }

    /// Records a cut of `string` at `index` when it splits a word.
    private mutating func noteCut(of string: String, at index: String.Index, x: Int, y: Int) {
        guard index > string.startIndex, BufferAudit.splitsWord(string[string.index(before: index)], string[index]) else { return }
        audit?.cuts.append(BufferAudit.Mark(x: x, y: y, text: String(string[..<index]) + "|" + String(string[index...])))
    }

    private mutating func put(character: String, width w: Int, x: Int, y: Int, style: Style) {
        clearWideOverlaps(x: x, y: y, height: 1, width: w)
        let index = y * width + x
        if audit != nil, BufferAudit.isText(cells[index].symbol), cells[index].symbol != character {
            audit?.overwrites.append(BufferAudit.Mark(x: x, y: y, text: cells[index].symbol + ">" + character))
        }
        cells[index].symbol = character
        cells[index].apply(style)
        for extra in 1..<Swift.max(1, w) {
            cells[index + extra].symbol = ""
            cells[index + extra].apply(style)
        }
    }

    /// Before columns x..<x+width of rows y..<y+height are overwritten, blanks the halves of wide
    /// characters that straddle the region's left or right edge.
    private mutating func clearWideOverlaps(x: Int, y: Int, height rows: Int, width columns: Int) {
        for row in y..<(y + rows) {
            // The region starts on a continuation cell: its head lies to the left.
            if x > 0, x < width, cells[row * width + x].isContinuation {
                cells[row * width + x - 1].symbol = " "
            }
            // The region ends on a wide head: its continuation lies to the right.
            let last = x + columns - 1
            if last >= 0, last + 1 < width, cells[row * width + last].width == 2 {
                cells[row * width + last + 1].symbol = " "
            }
        }
    }
}
