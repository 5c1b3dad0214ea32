/// The policy name an AppealNet cascade session records in its header (`cascade:T`, T the
/// appeal threshold): written by the simulator and the live device, read by the dashboard to
/// know a cascade recorded before 1.5, whose header names no `appeal_model`.
public enum CascadePolicyName {
    /// The name a cascade with appeal threshold `threshold` records: `cascade:0.8`.
    public static func name(threshold: Double) -> String { "\(prefix)\(threshold)" }

    /// Whether a header's `policy` is a cascade's.
    public static func isCascade(_ policy: String?) -> Bool { policy?.hasPrefix(prefix) == true }

    private static let prefix = "cascade:"
}
