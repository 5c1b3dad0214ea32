import SplitModels

/// The model a cascade's appealed frames go to (AppealNet's edge model), as the header records it (since 1.5).
///
/// A cascade's device runs its own whole model (the header's `model`) and appeals the inputs it is
/// not confident of to a second, larger model on the edge: this names that model and, when the
/// recorder knew them, its layers, so a replay draws the edge's work with the edge model's own
/// layers and times rather than the device model's.
public struct SessionAppealModel: Hashable, Sendable {
    /// The edge model's name (its profile's name, or the name the edge serves it under).
    public var name: String
    /// Its profile, inline, in the form the header's `model` has; nil when the recorder did not
    /// know its layers (a live device knows only the name its edge serves it under).
    public var model: ModelProfile?

    public init(name: String, model: ModelProfile? = nil) {
        self.name = name
        self.model = model
    }
}
