/// Free text in the stream: an operator's remark, a marker for a plot.
public struct NoteEvent: Hashable, Sendable {
    public var text: String

    public init(text: String) {
        self.text = text
    }
}
