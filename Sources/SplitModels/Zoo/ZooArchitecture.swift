/// A built-in architecture: its name, its input limits, and how it lays its layers into a builder.
///
/// `ModelZoo` checks the options and then asks the architecture to build; an architecture
/// never sees an input side below its `minimumInputSize`.
protocol ZooArchitecture: Sendable {
    /// The name `ModelZoo.model(named:)` accepts (`"resnet50"`).
    var name: String { get }
    /// One line saying what the model mirrors.
    var summary: String { get }
    /// The square input side used when the caller gives none.
    var defaultInputSize: Int { get }
    /// The smallest square input side the architecture accepts.
    var minimumInputSize: Int { get }
    /// Adds every layer, in topological order, to a builder whose input is `3×side×side`.
    func build(into builder: inout GraphBuilder)
}
