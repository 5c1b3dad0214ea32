import SplitModels

/// The first line of every session: what ran, where, under which settings.
///
/// The header carries the model profile inline, so a recording replays without the profile
/// file it was made from.
public struct SessionHeader: Hashable, Sendable {
    /// The schema version the stream declared.
    ///
    /// Encoding always writes ``SessionSchemaVersion/current``: this build writes only the
    /// fields it knows, so what it writes is a stream of its own version.
    public var version: SessionSchemaVersion
    /// When the session started, as ISO-8601 UTC (`"2025-03-14T09:26:53Z"`); `t` counts from here.
    public var startTime: String
    /// What produced the stream.
    public var source: SessionSource
    /// The frame rate aimed at, when there is one.
    public var fps: Double?
    /// The split policy's name, such as `"dynamic"` or `"neurosurgeon"`.
    public var policy: String?
    /// The model being split.
    public var model: ModelProfile
    /// The device (written as `device_info`, since `device` is every event's device id).
    public var device: SessionDeviceInfo?
    /// The edge server (written as `edge_info`).
    public var edge: SessionEdgeInfo?
    /// The link's initial settings.
    public var link: SessionLinkSettings?
    /// The constraints at the start.
    public var constraints: SessionConstraints
    /// Every model version the session may run, each with its own profile (since 1.2); empty for a
    /// session of one model. The first version's profile is also `model`.
    public var versions: [SessionModelVersion]
    /// The devices of a stream that records several devices sharing one edge, in order (since 1.3);
    /// empty for a stream of one device.
    public var devices: [SessionFleetDevice]
    /// In a cascade (AppealNet), the model appealed frames go to (since 1.5); nil for a split session.
    public var appealModel: SessionAppealModel?

    public init(version: SessionSchemaVersion = .current, startTime: String, source: SessionSource, fps: Double? = nil,
                policy: String? = nil, model: ModelProfile, device: SessionDeviceInfo? = nil, edge: SessionEdgeInfo? = nil,
                link: SessionLinkSettings? = nil, constraints: SessionConstraints = SessionConstraints(),
                versions: [SessionModelVersion] = [], devices: [SessionFleetDevice] = [], appealModel: SessionAppealModel? = nil) {
        self.version = version
        self.startTime = startTime
        self.source = source
        self.fps = fps
        self.policy = policy
        self.model = model
        self.device = device
        self.edge = edge
        self.link = link
        self.constraints = constraints
        self.versions = versions
        self.devices = devices
        self.appealModel = appealModel
    }
}
