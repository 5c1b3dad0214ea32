/// Where text sits in the width it is given.
public enum Alignment: Hashable, Sendable {
    /// Flush left.
    case left
    /// Centred (an odd spare column goes to the right).
    case center
    /// Flush right.
    case right

    /// The column offset of text `textWidth` wide inside `width` columns.
    public func offset(textWidth: Int, in width: Int) -> Int {
        let spare = Swift.max(0, width - textWidth)
        switch self {
        case .left: return 0
        case .center: return spare / 2
        case .right: return spare
        }
    }
}
