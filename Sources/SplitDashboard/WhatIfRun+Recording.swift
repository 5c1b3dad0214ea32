import SplitControl
import SplitCost
import SplitModels
import SplitPlanners
import SplitSession

extension WhatIfRun {
    /// A what-if of the shown device that decides as its recording did: over the header's model
    /// versions (each with its accuracy and profile) when it lists several, under the recorded
    /// policy, constraints, pin and batch, starting from the recorded version and partition, and
    /// following the edge's assignments (``DashboardState/assignment(for:at:)``) as the device did;
    /// a fleet's device plans with the edge's compute share in force now (``RecordedShare``).
    static func recorded(_ state: DashboardState) -> WhatIfRun {
        let context = state.context
        let header = context.header
        let power = context.costModel.power
        let shown = state.shownDeviceID
        let versions = header.versions.map { version in
            (ModelVersion(name: version.name, source: .zooModel(version.name), accuracyPercent: version.accuracyPercent,
                          compression: version.compression),
             CostModel(profile: header.deviceProfile(version.model, version: version.name, of: shown), power: power))
        }
        let versionName = state.recordedVersion ?? context.version?.name
        let model = versionName.flatMap(header.modelVersion(named:))?.model ?? context.model
        let current = state.recordedPartition.map { Partition($0, of: model) }
        // The context's model is already the shown device's own (``SessionContext/device``).
        let costModel = CostModel(profile: context.model, power: power)
        var run = WhatIfRun(costModel: costModel, policy: state.recorded.policy, constraints: state.recorded.constraints,
                            current: current, versions: versions, currentVersion: versionName, followsEdge: true,
                            recordedPolicy: state.recorded.recordedPolicy, share: state.recordedShare(for: shown, at: state.clock))
        if let pin = state.recorded.pinned { run.adoptPin(Partition(pin, of: model)) }
        if state.recorded.batch != 1 { run.adoptBatch(state.recorded.batch) }
        return run
    }
}
