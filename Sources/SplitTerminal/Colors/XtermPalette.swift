/// The RGB values of the xterm 256-colour palette, used to approximate indexed colours.
///
/// Entries 0…15 are xterm's defaults (terminals differ there; themes that care use RGB),
/// 16…231 are the 6×6×6 cube with levels 0, 95, 135, 175, 215, 255, and 232…255 the grey
/// ramp 8, 18, …, 238.
enum XtermPalette {
    /// xterm's default values of the 16 ANSI colours.
    static let ansi: [(r: Int, g: Int, b: Int)] = [
        (0x00, 0x00, 0x00), (0xcd, 0x00, 0x00), (0x00, 0xcd, 0x00), (0xcd, 0xcd, 0x00),
        (0x00, 0x00, 0xee), (0xcd, 0x00, 0xcd), (0x00, 0xcd, 0xcd), (0xe5, 0xe5, 0xe5),
        (0x7f, 0x7f, 0x7f), (0xff, 0x00, 0x00), (0x00, 0xff, 0x00), (0xff, 0xff, 0x00),
        (0x5c, 0x5c, 0xff), (0xff, 0x00, 0xff), (0x00, 0xff, 0xff), (0xff, 0xff, 0xff),
    ]

    /// The six levels of each axis of the colour cube.
    static let cubeLevels = [0, 95, 135, 175, 215, 255]

    /// The RGB value of palette entry `index` (0…255).
    static func rgb(index: Int) -> (r: Int, g: Int, b: Int) {
        switch index {
        case ..<16:
            return ansi[max(0, index)]
        case 16...231:
            let n = index - 16
            return (cubeLevels[n / 36], cubeLevels[(n / 6) % 6], cubeLevels[n % 6])
        default:
            let grey = 8 + 10 * (min(index, 255) - 232)
            return (grey, grey, grey)
        }
    }

    /// Squared euclidean distance between two RGB triples.
    static func distance(_ a: (r: Int, g: Int, b: Int), _ b: (r: Int, g: Int, b: Int)) -> Int {
        let dr = a.r - b.r, dg = a.g - b.g, db = a.b - b.b
        return dr * dr + dg * dg + db * db
    }
}
