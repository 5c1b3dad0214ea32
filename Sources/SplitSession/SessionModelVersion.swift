import SplitModels

/// One model version a session may run, as its header describes it: name, accuracy, compression and layers.
///
/// A session of a version family (`simulate --versions`, `device --versions`) lists every version
/// in its header, so a replay checks and draws each frame against the layers of the version that
/// ran it, not the first version's.
public struct SessionModelVersion: Hashable, Sendable {
    /// The version's name in its manifest ("full", "p75"); frames name it in their `version`.
    public var name: String
    /// Measured test accuracy, in percent.
    public var accuracyPercent: Double
    /// How it was compressed, in words ("none", "channel pruning, 75 % kept").
    public var compression: String
    /// The version's profile, inline, in the form the header's `model` has.
    public var model: ModelProfile

    public init(name: String, accuracyPercent: Double, compression: String = "none", model: ModelProfile) {
        self.name = name
        self.accuracyPercent = accuracyPercent
        self.compression = compression
        self.model = model
    }

    /// A manifest's version with the profile measured or computed for it.
    public init(_ version: ModelVersion, model: ModelProfile) {
        self.init(name: version.name, accuracyPercent: version.accuracyPercent, compression: version.compression, model: model)
    }
}

extension SessionHeader {
    /// The version named `name` among the header's versions, or nil.
    public func modelVersion(named name: String) -> SessionModelVersion? {
        versions.first { $0.name == name }
    }

    /// The profile a frame of `version` ran: that version's when the header lists it, else the header's model.
    public func model(ofVersion version: String?) -> ModelProfile {
        version.flatMap(modelVersion(named:))?.model ?? model
    }
}
