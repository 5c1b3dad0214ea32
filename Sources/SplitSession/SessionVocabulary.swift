/// A word from one of the schema's small vocabularies ("ok", "bandwidth", "edge_lost" …) that
/// also keeps words it does not know.
///
/// Each vocabulary is a struct over its raw string with the known words as static constants,
/// rather than a closed enum, so a file written by a newer build (say, a new decision reason)
/// still reads: the unknown word is kept as it was written and shown as is.
///
/// ```swift
/// let reason: DecisionReason = "bandwidth"
/// reason == .bandwidth                      // true
/// DecisionReason(rawValue: "thermal").isKnown // false, but kept
/// ```
public protocol SessionVocabulary: RawRepresentable, Hashable, Sendable, ExpressibleByStringLiteral,
    CustomStringConvertible where RawValue == String {
    /// Wraps any word, known or not.
    init(rawValue: String)
    /// The words this build knows, in documentation order.
    static var known: [Self] { get }
}

extension SessionVocabulary {
    /// Wraps the literal word.
    public init(stringLiteral value: String) {
        self.init(rawValue: value)
    }

    /// Whether this build knows the word.
    public var isKnown: Bool {
        Self.known.contains(self)
    }

    /// The word as written in the file.
    public var description: String {
        rawValue
    }
}
