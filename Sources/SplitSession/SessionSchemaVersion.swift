/// A schema version, written `"major.minor"`.
///
/// A reader accepts any minor version of its own major version (newer minors only add fields
/// and event types, which it skips) and refuses a newer major version.
public struct SessionSchemaVersion: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var major: Int
    public var minor: Int

    public init(major: Int, minor: Int) {
        self.major = major
        self.minor = minor
    }

    /// The version this build writes: 1.5 (1.4 plus a cascade's `appeal_model`, the edge model
    /// appealed frames go to, and a decision's model `version`; 1.4 added each fleet device's own
    /// layer times, `layer_device_ms`; 1.3 added the `shares` event of an edge serving several
    /// devices; 1.2 added the `accuracy_floor_pct` constraint, the header's `versions`, a frame's model
    /// `version`, and a cascade frame's `answered`, `confidence` and `correct`; 1.1 added `probe` events,
    /// a frame's `rtt_ms` and the battery's energy breakdown; see `docs/session-format.md`, "Versioning").
    public static let current = SessionSchemaVersion(major: 1, minor: 5)

    /// Reads `"1.0"`, `"1.12"`; `nil` for anything else.
    public init?(text: String) {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2,
              parts.allSatisfy({ !$0.isEmpty && $0.count <= 6 && $0.utf8.allSatisfy { (0x30...0x39).contains($0) } }),
              let major = Int(parts[0]), let minor = Int(parts[1]) else { return nil }
        self.init(major: major, minor: minor)
    }

    /// `"1.0"`.
    public var description: String {
        "\(major).\(minor)"
    }

    public static func < (lhs: SessionSchemaVersion, rhs: SessionSchemaVersion) -> Bool {
        (lhs.major, lhs.minor) < (rhs.major, rhs.minor)
    }
}
