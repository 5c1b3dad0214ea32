/// A time-series graph: braille dots (2 samples per column, 4 levels per row) or an ASCII ramp.
///
/// Samples run oldest to newest, newest at the right edge; the graph shows the last
/// `2 × width` samples in both modes, so a panel covers the same time span whatever the
/// glyphs. A graph `h` rows high resolves `4h` levels in braille and `h × 7` with the ASCII
/// ramp `" .:-=+*#"`, which shows one column per pair of samples (their maximum in
/// ``Mode/filled`` mode, the later one in ``Mode/step`` mode).
///
/// An optional ``reference`` value (an SLO, a budget) is drawn as a line across the graph,
/// and samples above it can take ``aboveReferenceStyle``. Non-finite samples leave a gap.
///
/// ```swift
/// SparklineWidget(samples: latencies, maximum: 120, reference: 100,
///                 style: Style(fg: .cyan), referenceStyle: Style(fg: .red))
/// ```
public struct SparklineWidget: Widget, Sendable {
    /// How samples become dots.
    public enum Mode: Hashable, Sendable {
        /// An area chart: each sample lights every dot from the bottom up to its level. A
        /// sample above the minimum always lights at least one dot.
        case filled
        /// One dot per sample at its level, joined by a vertical run wherever the level changes,
        /// so each switch (e.g. of a split index) is visible as an edge.
        case step
    }

    /// The values, oldest first.
    public var samples: [Double]
    /// The value at the bottom edge; `nil` uses 0, or the smallest sample if one is negative.
    public var minimum: Double?
    /// The value at the top edge; `nil` uses the largest sample (or the reference, if larger).
    public var maximum: Double?
    /// A value drawn as a horizontal line across the graph.
    public var reference: Double?
    /// How samples become dots.
    public var mode: Mode
    /// Style of the data.
    public var style: Style
    /// Style of the reference line where no data covers it.
    public var referenceStyle: Style
    /// If set, columns holding a sample above ``reference`` use this style.
    public var aboveReferenceStyle: Style?
    /// Braille when ``GlyphSet/isUnicode``, else the ASCII ramp.
    public var glyphs: GlyphSet

    /// Creates a graph.
    public init(
        samples: [Double],
        minimum: Double? = nil,
        maximum: Double? = nil,
        reference: Double? = nil,
        mode: Mode = .filled,
        style: Style = .plain,
        referenceStyle: Style = .plain,
        aboveReferenceStyle: Style? = nil,
        glyphs: GlyphSet = .unicode
    ) {
        self.samples = samples
        self.minimum = minimum
        self.maximum = maximum
        self.reference = reference
        self.mode = mode
        self.style = style
        self.referenceStyle = referenceStyle
        self.aboveReferenceStyle = aboveReferenceStyle
        self.glyphs = glyphs
    }

    /// The scale worked out once per render (it scans every sample).
    private var fixedScale: (low: Double, high: Double)?

    /// The values at the bottom and top edges after applying the defaults.
    public var scale: (low: Double, high: Double) {
        if let fixedScale { return fixedScale }
        let finite = samples.filter(\.isFinite)
        let low = minimum ?? Swift.min(0, finite.min() ?? 0)
        var high = maximum ?? Swift.max(finite.max() ?? low, reference ?? -Double.infinity)
        if !(high > low) { high = low + 1 }
        return (low, high)
    }

    /// Where `value` sits between the edges, 0…1 (clamped), or `nil` when not finite.
    func fraction(_ value: Double) -> Double? {
        guard value.isFinite else { return nil }
        let (low, high) = scale
        return Swift.min(1, Swift.max(0, (value - low) / (high - low)))
    }

    /// The number of dots (0…`levels`) a filled sample lights.
    func filledLevel(_ value: Double, levels: Int) -> Int {
        guard let fraction = fraction(value) else { return 0 }
        let level = GlyphSet.level(fraction, steps: levels)
        return level == 0 && value > scale.low ? 1 : level
    }

    /// The dot row (0 = bottom … `levels - 1`) a step-mode sample sits on.
    func stepRow(_ value: Double, levels: Int) -> Int? {
        guard let fraction = fraction(value) else { return nil }
        return GlyphSet.level(fraction, steps: levels - 1)
    }

    /// The dot row of the reference line, matching where a sample equal to it tops out.
    func referenceRow(levels: Int) -> Int? {
        guard let reference else { return nil }
        switch mode {
        case .filled: return Swift.max(0, filledLevel(reference, levels: levels) - 1)
        case .step: return stepRow(reference, levels: levels)
        }
    }

    /// Draws the graph.
    public func render(in area: Rect, buffer: inout Buffer) {
        let area = area.intersection(buffer.area)
        guard !area.isEmpty else { return }
        var fixed = self
        fixed.fixedScale = scale
        if glyphs.isUnicode {
            fixed.renderBraille(in: area, buffer: &buffer)
        } else {
            fixed.renderASCII(in: area, buffer: &buffer)
        }
    }

    /// The last `2 × columns` samples, right-aligned: index 0 is the leftmost sub-column.
    func visibleSamples(columns: Int) -> [Double?] {
        let slots = 2 * columns
        let shown = samples.suffix(slots)
        return Array(repeating: nil, count: slots - shown.count) + shown.map { Optional($0) }
    }

    /// Whether each cell column holds a sample above the reference.
    func columnsAboveReference(_ visible: [Double?]) -> [Bool] {
        stride(from: 0, to: visible.count, by: 2).map { start in
            guard let reference else { return false }
            return visible[start..<Swift.min(start + 2, visible.count)].contains { ($0 ?? -.infinity) > reference }
        }
    }

    // MARK: Braille

    // Braille dot bits: dots 1-2-3-7 run down the left column (0x01, 0x02, 0x04, 0x40) and
    // 4-5-6-8 down the right (0x08, 0x10, 0x20, 0x80); the character is U+2800 + bits.

    /// The braille character for a set of dot bits.
    static func braille(_ bits: UInt32) -> String {
        brailleSymbols[Int(bits & 0xff)]
    }

    /// The 256 braille patterns, made once.
    static let brailleSymbols: [String] = (0..<256).map { String(Character(Unicode.Scalar(0x2800 + UInt32($0)) ?? " ")) }

    /// The lit dot rows of each sub-column (0 = bottom), as a half-open range: the bars of a
    /// filled graph and the runs of a step graph are both one range per sub-column.
    func litRanges(columns: Int, rows: Int) -> [Range<Int>] {
        let levels = 4 * rows
        let visible = visibleSamples(columns: columns)
        var ranges = Array(repeating: 0..<0, count: visible.count)
        var previousRow: Int?
        for (column, sample) in visible.enumerated() {
            guard let sample else { previousRow = nil; continue }
            switch mode {
            case .filled:
                ranges[column] = 0..<filledLevel(sample, levels: levels)
            case .step:
                guard let row = stepRow(sample, levels: levels) else { previousRow = nil; continue }
                let from = previousRow ?? row
                ranges[column] = Swift.min(from, row)..<(Swift.max(from, row) + 1)
                previousRow = row
            }
        }
        return ranges
    }

    private func renderBraille(in area: Rect, buffer: inout Buffer) {
        let levels = 4 * area.height
        let ranges = litRanges(columns: area.width, rows: area.height)
        let referenceRow = referenceRow(levels: levels)
        let above = columnsAboveReference(visibleSamples(columns: area.width))
        // Dot bits by sub-column and dot row within a cell (0 top … 3 bottom), flattened.
        let bits: [UInt32] = [0x01, 0x02, 0x04, 0x40, 0x08, 0x10, 0x20, 0x80]
        let aboveStyle = aboveReferenceStyle ?? style
        for cellRow in 0..<area.height {
            let baseRow = (area.height - 1 - cellRow) * 4  // dot row (from bottom) of the cell's bottom dots
            for cellColumn in 0..<area.width {
                var dataBits: UInt32 = 0
                var referenceBits: UInt32 = 0
                for half in 0..<2 {
                    let lit = ranges[2 * cellColumn + half]
                    for dot in 0..<4 {
                        let row = baseRow + (3 - dot)
                        if lit.contains(row) { dataBits |= bits[half * 4 + dot] }
                        if row == referenceRow { referenceBits |= bits[half * 4 + dot] }
                    }
                }
                let x = area.x + cellColumn, y = area.y + cellRow
                if dataBits != 0 {
                    buffer.setOneColumn(x: x, y: y, symbol: Self.braille(dataBits | referenceBits),
                                        style: above[cellColumn] ? aboveStyle : style)
                } else if referenceBits != 0 {
                    buffer.setOneColumn(x: x, y: y, symbol: Self.braille(referenceBits), style: referenceStyle)
                } else {
                    buffer.setOneColumn(x: x, y: y, symbol: " ", style: .plain)
                }
            }
        }
    }

    // MARK: ASCII

    private func renderASCII(in area: Rect, buffer: inout Buffer) {
        let ramp = glyphs.verticalRamp
        let steps = Swift.max(1, ramp.count - 1)
        let visible = visibleSamples(columns: area.width)
        let above = columnsAboveReference(visible)
        let referenceCellRow: Int? = reference.map { value in
            switch mode {
            case .filled: return Swift.max(0, filledLevel(value, levels: area.height * steps) - 1) / steps
            case .step: return stepRow(value, levels: area.height) ?? 0
            }
        }
        var previousRow: Int?
        for cellColumn in 0..<area.width {
            let pair = [visible[2 * cellColumn], visible[2 * cellColumn + 1]].compactMap { $0 }.filter(\.isFinite)
            let x = area.x + cellColumn
            let dataStyle = above[cellColumn] ? (aboveReferenceStyle ?? style) : style
            var symbols = Array(repeating: " ", count: area.height)  // index 0 = bottom row
            switch mode {
            case .filled:
                if let value = pair.max() {
                    let level = filledLevel(value, levels: area.height * steps)
                    for row in 0..<area.height {
                        symbols[row] = ramp[Swift.min(steps, Swift.max(0, level - row * steps))]
                    }
                }
            case .step:
                if let value = pair.last, let row = stepRow(value, levels: area.height) {
                    let from = previousRow ?? row
                    for lit in Swift.min(from, row)...Swift.max(from, row) { symbols[lit] = glyphs.vertical }
                    symbols[row] = glyphs.horizontal
                    previousRow = row
                } else {
                    previousRow = nil
                }
            }
            for row in 0..<area.height {
                let y = area.bottom - 1 - row
                if symbols[row] != " " {
                    buffer.set(x: x, y: y, symbol: symbols[row], style: dataStyle)
                } else if row == referenceCellRow {
                    buffer.set(x: x, y: y, symbol: glyphs.dashed, style: referenceStyle)
                } else {
                    buffer.set(x: x, y: y, symbol: " ")
                }
            }
        }
    }
}
