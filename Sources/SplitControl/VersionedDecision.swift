import SplitModels
import SplitPlanners

/// One frame's version and partition.
public struct VersionedDecision: Hashable, Sendable {
    /// The version's index in the set.
    public var versionIndex: Int
    /// The version to run this frame.
    public var version: ModelVersion
    /// The version in force before this frame (nil on the first frame).
    public var previousVersion: ModelVersion?
    /// The version's controller's decision (its partition is of this version's layers).
    public var decision: ControllerDecision
    /// Why this version (``VersionChoice/Reason/noVersionMeetsFloor`` when it is a fallback).
    public var choiceReason: VersionChoice.Reason

    /// True when this frame runs another version than the last.
    public var versionChanged: Bool { previousVersion.map { $0 != version } ?? false }
}
