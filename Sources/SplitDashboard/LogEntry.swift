/// One line of the decision log.
public struct LogEntry: Hashable, Sendable {
    public enum Kind: String, Hashable, Sendable {
        case decision, whatIfDecision, operatorAction, fault, note
    }

    public var t: Double
    public var kind: Kind
    public var text: String

    public init(t: Double, kind: Kind, text: String) {
        self.t = t
        self.kind = kind
        self.text = text
    }
}

/// A recorded decision as the log shows it. A change of version (another version at the same
/// split, as an edge may assign) is named in the decision's line (`p50 → full, split 0
/// edge_shares`), not left as `split 0 → 0`: from the decision's own `version` (since 1.5), or,
/// in an older recording whose decisions name partitions only, once the frame it decided shows
/// the version that ran (the entry is kept until then).
public struct LoggedDecision: Hashable, Sendable {
    public var t: Double
    /// The split before (`-` for the first decision) and after, as the log writes them.
    public var from: String
    public var to: String
    /// The reason and figures after the splits (`  bandwidth  pred 12.0 ms`).
    public var detail: String

    public init(t: Double, from: String, to: String, detail: String) {
        self.t = t
        self.from = from
        self.to = to
        self.detail = detail
    }

    /// The log line; with `versions`, it names the change of version, and a split that stayed once.
    public func text(arrow: String, versions: (from: String, to: String)? = nil) -> String {
        guard let versions else { return "split \(from) \(arrow) \(to)\(detail)" }
        let split = from == to ? "split \(to)" : "split \(from) \(arrow) \(to)"
        return "\(versions.from) \(arrow) \(versions.to), \(split)\(detail)"
    }
}
