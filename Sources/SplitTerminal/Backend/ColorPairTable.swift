/// Colour pairs for ncurses, allocated on demand: (foreground, background) → pair number.
///
/// ncurses draws colour through numbered pairs defined with `init_pair`. Pairs are handed out
/// as new combinations appear; pair 0 is the terminal default (-1, -1). Once all
/// `capacity` pairs are taken, a new combination gets the nearest existing pair instead of
/// failing, so a frame with too many colours degrades rather than breaks.
///
/// Pure bookkeeping: the backend calls `init_pair` when ``pair(foreground:background:)``
/// answers ``Allocation/new(_:)``.
public struct ColorPairTable: Sendable {
    /// What the backend must do to draw a combination.
    public enum Allocation: Hashable, Sendable {
        /// Use this pair; it is already defined.
        case existing(Int)
        /// Define this pair with the requested colours, then use it.
        case new(Int)
        /// No pair left: use this existing one, the nearest in colour.
        case nearest(Int)

        /// The pair number to draw with.
        public var pair: Int {
            switch self {
            case .existing(let n), .new(let n), .nearest(let n): return n
            }
        }
    }

    /// A colour pair's two ncurses colour numbers (-1 for the default colour).
    public struct Key: Hashable, Sendable {
        /// Foreground colour number.
        public var foreground: Int
        /// Background colour number.
        public var background: Int
    }

    /// The number of pairs the terminal has (`COLOR_PAIRS`), pair 0 included.
    public let capacity: Int
    private var pairs: [Key: Int] = [Key(foreground: -1, background: -1): 0]
    private var next = 1

    /// Creates an empty table for a terminal with `capacity` pairs.
    public init(capacity: Int) {
        self.capacity = max(1, capacity)
    }

    /// How many pairs are in use, pair 0 included.
    public var count: Int { pairs.count }

    /// The pair for `foreground` on `background` (ncurses colour numbers, -1 = default).
    public mutating func pair(foreground: Int, background: Int) -> Allocation {
        let key = Key(foreground: foreground, background: background)
        if let known = pairs[key] { return .existing(known) }
        if next < capacity {
            let number = next
            next += 1
            pairs[key] = number
            return .new(number)
        }
        let nearest = pairs.min { lhs, rhs in
            let l = distance(lhs.key, key), r = distance(rhs.key, key)
            return l != r ? l < r : lhs.value < rhs.value
        }
        return .nearest(nearest?.value ?? 0)
    }

    /// Forgets every pair but 0 (after the screen is re-created).
    public mutating func reset() {
        self = ColorPairTable(capacity: capacity)
    }

    private func distance(_ a: Key, _ b: Key) -> Int {
        colorDistance(a.foreground, b.foreground) + colorDistance(a.background, b.background)
    }

    /// Palette distance between two colour numbers; the default colour is far from every other.
    private func colorDistance(_ a: Int, _ b: Int) -> Int {
        if a == b { return 0 }
        if a < 0 || b < 0 { return 3 * 255 * 255 }
        return XtermPalette.distance(XtermPalette.rgb(index: min(a, 255)), XtermPalette.rgb(index: min(b, 255)))
    }
}
