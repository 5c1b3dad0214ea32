/// Which model's answer a frame of an AppealNet cascade kept (since 1.2).
public struct FrameAnswerer: SessionVocabulary {
    public var rawValue: String

    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    /// The device model was confident enough: its answer is final.
    public static let device: FrameAnswerer = "device"
    /// The frame was appealed: the edge model's answer is final.
    public static let edge: FrameAnswerer = "edge"

    public static let known: [FrameAnswerer] = [.device, .edge]
}
