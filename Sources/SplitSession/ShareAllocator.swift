/// Which allocator divided an edge among its devices, as a `shares` event names it (since 1.3).
///
/// Writers use the three words below; a word a newer build writes is kept as written.
public struct ShareAllocator: SessionVocabulary {
    public var rawValue: String

    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    /// The exact search over every device's options.
    public static let exact: ShareAllocator = "exact"
    /// The fast local search that scales to many devices.
    public static let fast: ShareAllocator = "fast"
    /// Each device choosing for itself, shares split evenly (the baseline).
    public static let greedy: ShareAllocator = "greedy"

    public static let known: [ShareAllocator] = [.exact, .fast, .greedy]
}
