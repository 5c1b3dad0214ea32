/// Rows of text under a header, in columns, with a highlighted selected row and scrolling.
///
/// Column widths come from ``Constraint``s (spacing 1 between columns); cells too long for
/// their column are cut with …. The table shows rows from ``scrollOffset``; use
/// ``scrollOffset(keeping:visibleRows:currentOffset:)`` to keep the selection in view.
///
/// ```swift
/// TableWidget(
///     columns: [.init("Layer", width: .min(10)), .init("ms", width: .fixed(6), alignment: .right)],
///     rows: [["conv1", "1.2"], ["fc", "0.3"]],
///     selectedRow: 1
/// )
/// ```
public struct TableWidget: Widget, Sendable {
    /// One column: a title, a width constraint and an alignment.
    public struct Column: Hashable, Sendable {
        /// Header text.
        public var title: String
        /// How wide the column is.
        public var width: Constraint
        /// How cell text sits in the column.
        public var alignment: Alignment

        /// Creates a column.
        public init(_ title: String, width: Constraint, alignment: Alignment = .left) {
            self.title = title
            self.width = width
            self.alignment = alignment
        }
    }

    /// One row of cells, with an optional style of its own (e.g. a failed device in red).
    public struct Row: Hashable, Sendable {
        /// Cell texts, one per column (missing cells are blank).
        public var cells: [String]
        /// Style of this row's text.
        public var style: Style

        /// Creates a row.
        public init(_ cells: [String], style: Style = .plain) {
            self.cells = cells
            self.style = style
        }
    }

    /// The columns, left to right.
    public var columns: [Column]
    /// The rows, top to bottom.
    public var rows: [Row]
    /// Style of the header row; `nil` hides the header.
    public var headerStyle: Style?
    /// The selected row, highlighted with ``selectedStyle``.
    public var selectedRow: Int?
    /// Style laid over the whole selected row.
    public var selectedStyle: Style
    /// Index of the first row shown.
    public var scrollOffset: Int
    /// Marker drawn before the selected row (other rows get as many spaces), or `nil` for none.
    public var selectionMarker: String?
    /// Characters for the ellipsis.
    public var glyphs: GlyphSet

    /// Creates a table of plain rows.
    public init(
        columns: [Column],
        rows: [[String]],
        headerStyle: Style? = Style(attributes: .bold),
        selectedRow: Int? = nil,
        selectedStyle: Style = Style(attributes: .reverse),
        scrollOffset: Int = 0,
        selectionMarker: String? = nil,
        glyphs: GlyphSet = .unicode
    ) {
        self.init(columns: columns, styledRows: rows.map { Row($0) }, headerStyle: headerStyle,
                  selectedRow: selectedRow, selectedStyle: selectedStyle, scrollOffset: scrollOffset,
                  selectionMarker: selectionMarker, glyphs: glyphs)
    }

    /// Creates a table of rows with their own styles.
    public init(
        columns: [Column],
        styledRows: [Row],
        headerStyle: Style? = Style(attributes: .bold),
        selectedRow: Int? = nil,
        selectedStyle: Style = Style(attributes: .reverse),
        scrollOffset: Int = 0,
        selectionMarker: String? = nil,
        glyphs: GlyphSet = .unicode
    ) {
        self.columns = columns
        self.rows = styledRows
        self.headerStyle = headerStyle
        self.selectedRow = selectedRow
        self.selectedStyle = selectedStyle
        self.scrollOffset = scrollOffset
        self.selectionMarker = selectionMarker
        self.glyphs = glyphs
    }

    /// The scroll offset that keeps `selected` within `visibleRows`, moving as little as possible.
    ///
    /// ```swift
    /// TableWidget.scrollOffset(keeping: 12, visibleRows: 5, currentOffset: 0)  // 8
    /// ```
    public static func scrollOffset(keeping selected: Int?, visibleRows: Int, currentOffset: Int) -> Int {
        guard let selected, visibleRows > 0 else { return Swift.max(0, currentOffset) }
        if selected < currentOffset { return Swift.max(0, selected) }
        if selected >= currentOffset + visibleRows { return selected - visibleRows + 1 }
        return Swift.max(0, currentOffset)
    }

    /// How many data rows fit in `area` (its height less the header).
    public func visibleRowCount(in area: Rect) -> Int {
        Swift.max(0, area.height - (headerStyle == nil ? 0 : 1))
    }

    /// Draws the header and the visible rows.
    public func render(in area: Rect, buffer: inout Buffer) {
        let area = area.intersection(buffer.area)
        guard !area.isEmpty, !columns.isEmpty else { return }
        let markerWidth = selectionMarker.map { TerminalWidth.columns(of: $0) + 1 } ?? 0
        let content = Rect(x: area.x + markerWidth, y: area.y, width: area.width - markerWidth, height: area.height)
        let cells = content.splitHorizontally(columns.map(\.width), spacing: 1)
        var y = area.y
        if let headerStyle {
            buffer.setStyle(headerStyle, in: Rect(x: area.x, y: y, width: area.width, height: 1))
            drawRow(columns.map(\.title), cells: cells, y: y, style: headerStyle, buffer: &buffer)
            y += 1
        }
        let offset = Swift.max(0, Swift.min(scrollOffset, rows.count))
        for index in offset..<rows.count {
            guard y < area.bottom else { break }
            let row = rows[index]
            let isSelected = index == selectedRow
            let style = isSelected ? row.style.patch(selectedStyle) : row.style
            let line = Rect(x: area.x, y: y, width: area.width, height: 1)
            buffer.setStyle(style, in: line)
            if let selectionMarker {
                let marker = isSelected ? selectionMarker : String(repeating: " ", count: markerWidth - 1)
                buffer.set(x: area.x, y: y, string: marker, style: style, maxWidth: markerWidth)
            }
            drawRow(row.cells, cells: cells, y: y, style: style, buffer: &buffer)
            y += 1
        }
    }

    private func drawRow(_ texts: [String], cells: [Rect], y: Int, style: Style, buffer: inout Buffer) {
        for (index, cell) in cells.enumerated() where cell.width > 0 {
            let text = TerminalWidth.truncate(index < texts.count ? texts[index] : "", to: cell.width,
                                              ellipsis: glyphs.ellipsis)
            let offset = columns[index].alignment.offset(textWidth: TerminalWidth.columns(of: text), in: cell.width)
            buffer.set(x: cell.x + offset, y: y, string: text, style: style, maxWidth: cell.width - offset)
        }
    }
}
