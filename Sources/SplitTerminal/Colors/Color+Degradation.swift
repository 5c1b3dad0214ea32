extension Color {
    /// This colour as the nearest one `mode` can show.
    ///
    /// - ``ColorMode/trueColor``: unchanged.
    /// - ``ColorMode/indexed256``: RGB becomes the nearest palette entry, choosing between the
    ///   nearest 6×6×6 cube colour (16…231) and, when r ≈ g ≈ b, the nearest grey (232…255);
    ///   ANSI and indexed colours are kept.
    /// - ``ColorMode/ansi16``: RGB and indexed colours become the nearest of the 16 ANSI
    ///   colours (by xterm's default values).
    /// - ``ColorMode/monochrome``: ``default``; callers rely on attributes.
    ///
    /// ```swift
    /// Color.rgb(255, 0, 0).degraded(to: .indexed256)   // .indexed(196)
    /// Color.rgb(128, 128, 128).degraded(to: .indexed256) // .indexed(244)
    /// Color.rgb(255, 0, 0).degraded(to: .ansi16)       // .ansi(9)
    /// ```
    public func degraded(to mode: ColorMode) -> Color {
        switch mode {
        case .trueColor:
            return self
        case .monochrome:
            return .default
        case .indexed256:
            guard case .rgb(let r, let g, let b) = self else { return self }
            return .indexed(UInt8(Self.nearest256(r: Int(r), g: Int(g), b: Int(b))))
        case .ansi16:
            switch self {
            case .default: return .default
            case .ansi(let n): return .ansi(n % 16)
            case .indexed(let n) where n < 16: return .ansi(n)
            case .indexed, .rgb:
                guard let rgb = approximateRGB else { return .default }
                return .ansi(UInt8(Self.nearest16(rgb)))
            }
        }
    }

    /// How far apart two channels may be for a colour to count as grey.
    static let greyTolerance = 12

    /// The nearest xterm palette index (16…255) to an RGB colour.
    static func nearest256(r: Int, g: Int, b: Int) -> Int {
        let target = (r: r, g: g, b: b)
        let cube = 16 + 36 * nearestCubeLevel(r) + 6 * nearestCubeLevel(g) + nearestCubeLevel(b)
        guard max(r, g, b) - min(r, g, b) <= greyTolerance else { return cube }
        let average = (r + g + b) / 3
        let step = min(23, max(0, Int(((Double(average) - 8) / 10).rounded())))
        let grey = 232 + step
        let cubeDistance = XtermPalette.distance(XtermPalette.rgb(index: cube), target)
        let greyDistance = XtermPalette.distance(XtermPalette.rgb(index: grey), target)
        return greyDistance < cubeDistance ? grey : cube
    }

    /// The index (0…5) of the cube level nearest to one channel value.
    static func nearestCubeLevel(_ value: Int) -> Int {
        var best = 0
        for (index, level) in XtermPalette.cubeLevels.enumerated()
        where abs(level - value) < abs(XtermPalette.cubeLevels[best] - value) {
            best = index
        }
        return best
    }

    /// The nearest of the 16 ANSI colours (0…15) to an RGB colour.
    static func nearest16(_ rgb: (r: Int, g: Int, b: Int)) -> Int {
        var best = 0
        var bestDistance = Int.max
        for (index, candidate) in XtermPalette.ansi.enumerated() {
            let distance = XtermPalette.distance(candidate, rgb)
            if distance < bestDistance {
                best = index
                bestDistance = distance
            }
        }
        return best
    }
}
