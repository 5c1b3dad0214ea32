import SplitCost
import SplitPlanners

/// The controller in force, as the live frame loop and the dashboard's what-if both keep it: one
/// ``AdaptiveController`` for a model, and over several versions the ``VersionedController``
/// whose chosen version's controller is the one in force. One rule for both, so a what-if decides
/// as the recorded device did.
extension VersionedController {
    /// This frame's decision: over `versions` when there are several (the chosen version's
    /// controller becomes `controller`; its choice reason is returned), else by `controller` alone.
    public static func decide(controller: inout AdaptiveController, versions: inout VersionedController?, link: LinkConditions,
                              batteryPercent: Double, edgeReachable: Bool)
        -> (decision: ControllerDecision, choiceReason: VersionChoice.Reason?) {
        guard var family = versions else {
            return (controller.decide(link: link, batteryPercent: batteryPercent, edgeReachable: edgeReachable), nil)
        }
        let choice = family.decide(link: link, batteryPercent: batteryPercent, edgeReachable: edgeReachable)
        versions = family
        controller = family.controllers[choice.versionIndex]
        return (choice.decision, choice.choiceReason)
    }

    /// Runs an edge's assignment the device follows from now on: its version (with several)
    /// comes into force, its controller, now `controller`, adopting the assigned partition.
    public static func adopt(_ admitted: EdgeAssignment.Admitted, controller: inout AdaptiveController,
                             versions: inout VersionedController?) {
        guard var family = versions, let index = admitted.versionIndex else {
            controller.adopt(admitted.partition)
            return
        }
        family.adopt(version: index, partition: admitted.partition)
        versions = family
        controller = family.controllers[index]
    }
}
