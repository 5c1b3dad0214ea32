/// What a render did to its text that a reader would see as damage: words cut silently where a
/// write was clipped, and letters or digits drawn over by something else.
///
/// Off by default (a ``Buffer`` keeps one only when its ``Buffer/audit`` is set, and its checks
/// then cost a branch per write); tests switch it on to check that every widget fits its text
/// before drawing it (shortening in stages or with …) and never draws over its own text.
///
/// ```swift
/// var buffer = Buffer(width: 6, height: 1)
/// buffer.audit = BufferAudit()
/// buffer.set(x: 0, y: 0, string: "compute")
/// buffer.audit?.cuts   // [Mark(x: 0, y: 0, text: "comput|e")]
/// ```
public struct BufferAudit: Hashable, Sendable {
    /// Where damage happened and the text it hit.
    public struct Mark: Hashable, Sendable, CustomStringConvertible {
        /// The column and row of the write.
        public var x: Int
        public var y: Int
        /// The text: for a cut, the string with `|` where it was cut; for an overwrite, `old>new`.
        public var text: String

        public var description: String { "(\(x), \(y)) \"\(text)\"" }
    }

    /// Writes clipped between two letters or digits: a word or number cut with nothing to say so.
    public var cuts: [Mark] = []
    /// Letters or digits replaced by another symbol during the same render.
    public var overwrites: [Mark] = []

    public init() {}

    /// Whether a cut between `before` and `after` splits a word or a number.
    static func splitsWord(_ before: Character?, _ after: Character?) -> Bool {
        guard let before, let after else { return false }
        return (before.isLetter || before.isNumber) && (after.isLetter || after.isNumber)
    }

    /// Whether a cell's symbol is text a reader would miss if it were drawn over.
    static func isText(_ symbol: String) -> Bool {
        symbol.count == 1 && symbol.first.map { $0.isLetter || $0.isNumber } == true
    }
}
