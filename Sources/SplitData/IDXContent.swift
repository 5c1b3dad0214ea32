/// What an IDX file is expected to hold, so that a file of the wrong shape is named for what it
/// is ("an image file has 3 dimensions …") before its size is checked against its header.
///
/// ```swift
/// let images = try IDXArray.read(path: "t10k-images-idx3-ubyte.gz", expecting: .images)
/// ```
public enum IDXContent: Sendable {
    /// Images: count × rows × columns.
    case images
    /// Labels: one count.
    case labels

    /// The number of dimensions such a file has.
    public var rank: Int {
        switch self {
        case .images: 3
        case .labels: 1
        }
    }

    /// The file's kind and its dimensions in words: "an image file has 3 dimensions (count, rows, columns)".
    public var expectation: String {
        switch self {
        case .images: "an image file has 3 dimensions (count, rows, columns)"
        case .labels: "a label file has 1 dimension (count)"
        }
    }
}
