extension Rect {
    /// Splits into side-by-side columns, left to right, one per constraint.
    ///
    /// ```swift
    /// Rect(x: 0, y: 0, width: 80, height: 24).splitHorizontally([.fixed(20), .min(0)])
    /// // widths 20 and 60
    /// ```
    public func splitHorizontally(_ constraints: [Constraint], spacing: Int = 0) -> [Rect] {
        let sizes = Rect.layout(length: width, constraints: constraints, spacing: spacing)
        var offset = x
        return sizes.map { size in
            defer { offset += size + max(0, spacing) }
            return Rect(x: offset, y: y, width: size, height: height)
        }
    }

    /// Splits into stacked rows, top to bottom, one per constraint.
    ///
    /// ```swift
    /// screen.splitVertically([.fixed(1), .min(0), .fixed(1)])  // title, body, key hints
    /// ```
    public func splitVertically(_ constraints: [Constraint], spacing: Int = 0) -> [Rect] {
        let sizes = Rect.layout(length: height, constraints: constraints, spacing: spacing)
        var offset = y
        return sizes.map { size in
            defer { offset += size + max(0, spacing) }
            return Rect(x: x, y: offset, width: width, height: size)
        }
    }

    /// The tiny layout engine: sizes along one axis for `constraints` sharing `length` cells.
    ///
    /// 1. Each part asks for its base size: `.fixed(n)` → n, `.percent(p)` → ⌊length·p/100⌋,
    ///    `.min(n)` → n. Spacing between parts is taken first.
    /// 2. If the asks exceed the space, parts are served in order and the last ones shrink.
    /// 3. Left-over space goes to the `.min` parts in equal shares (earlier parts take the
    ///    remainder). With no `.min` part, percentages that add up to 100 absorb their rounding
    ///    loss in the last percent part; otherwise the space is left unused at the end.
    public static func layout(length: Int, constraints: [Constraint], spacing: Int = 0) -> [Int] {
        guard !constraints.isEmpty else { return [] }
        let total = max(0, length)
        let gaps = max(0, spacing) * (constraints.count - 1)
        var available = max(0, total - gaps)
        var sizes = constraints.map { constraint -> Int in
            switch constraint {
            case .fixed(let n): return max(0, n)
            case .percent(let p): return total * max(0, Swift.min(p, 100)) / 100
            case .min(let n): return max(0, n)
            }
        }
        for index in sizes.indices {
            sizes[index] = Swift.min(sizes[index], available)
            available -= sizes[index]
        }
        guard available > 0 else { return sizes }
        let flexible = constraints.indices.filter {
            if case .min = constraints[$0] { return true } else { return false }
        }
        if !flexible.isEmpty {
            let share = available / flexible.count
            let extra = available % flexible.count
            for (rank, index) in flexible.enumerated() {
                sizes[index] += share + (rank < extra ? 1 : 0)
            }
            return sizes
        }
        let percents = constraints.indices.filter {
            if case .percent = constraints[$0] { return true } else { return false }
        }
        let percentSum = percents.reduce(0) { sum, index in
            if case .percent(let p) = constraints[index] { return sum + p } else { return sum }
        }
        if percentSum >= 100, let last = percents.last {
            sizes[last] += available
        }
        return sizes
    }
}
