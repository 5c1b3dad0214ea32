import SplitControl
import SplitCost
import SplitJSON
import SplitPlanners
import SplitSession
import SplitTerminal

extension DashboardState {
    /// The pure update: applies an action and returns the effects for the runner.
    public static func reduce(_ state: DashboardState, _ action: DashboardAction) -> (DashboardState, [DashboardEffect]) {
        var next = state
        let effects = next.reduce(action)
        return (next, effects)
    }

    /// Applies an action in place and returns the effects for the runner.
    public mutating func reduce(_ action: DashboardAction) -> [DashboardEffect] {
        switch action {
        case .key(let key): return handle(key)
        case .loaded(let events, let upTo, let reset):
            if reset { clearHistory() }
            for event in events { route(event) }
            clock = max(clock, upTo)
            if reset { clock = upTo }
            if case .live = mode { duration = max(duration, clock) }
            return []
        case .tick(let elapsed):
            guard case .replay(let speed, let paused) = mode, !paused, elapsed > 0 else { return [] }
            let target = min(duration, clock + elapsed * speed)
            if target >= duration {
                mode = .replay(speed: speed, paused: true)
                status = "end of the recording — Home to start again"
            }
            return target > clock ? [.load(from: clock, to: target)] : []
        case .resize(let size):
            self.size = size
            return []
        case .terminate:
            return [.quit]
        case .notice(let text):
            appendLog(LogEntry(t: clock, kind: .note, text: text))
            status = text
            trimLog()
            return []
        case .connection(let connected, let message):
            liveConnected = connected
            appendLog(LogEntry(t: clock, kind: connected ? .note : .fault, text: message))
            status = message
            trimLog()
            return []
        case .sessionEnded(let message):
            liveConnected = false
            liveEnded = true
            appendLog(LogEntry(t: clock, kind: .note, text: message))
            status = message
            trimLog()
            return []
        case .deviceConnection(let id, let connected, let message):
            if connected {
                disconnectedDevices.remove(id)
                endedDevices.remove(id)
            } else {
                disconnectedDevices.insert(id)
            }
            onDevice(id) {
                $0.appendLog(LogEntry(t: $0.clock, kind: connected ? .note : .fault, text: message))
                $0.trimLog()
            }
            status = message
            return []
        case .deviceEnded(let id, let message):
            disconnectedDevices.remove(id)
            endedDevices.insert(id)
            onDevice(id) {
                $0.appendLog(LogEntry(t: $0.clock, kind: .note, text: message))
                $0.trimLog()
            }
            status = message
            return []
        }
    }

    // MARK: Keys

    private mutating func handle(_ key: KeyEvent) -> [DashboardEffect] {
        if prompt != nil { return handlePrompt(key) }
        if showHelp { return handleHelp(key) }
        guard let command = DashboardBindings.command(for: key) else { return [] }
        status = nil
        let n = context.layerCount
        switch command {
        case .quit: return [.quit]
        case .help:
            showHelp = true
            helpScroll = 0
        case .pause:
            if case .replay(let speed, let paused) = mode {
                mode = .replay(speed: speed, paused: !paused)
                // Space at the end of the recording plays it again from the start.
                if paused, clock >= duration { return [.reload(at: 0)] }
            }
        case .faster, .slower:
            if case .replay(let speed, let paused) = mode {
                let speeds = PlaybackMode.speeds
                let index = speeds.firstIndex { $0 >= speed } ?? speeds.count - 1
                let nextIndex = command == .faster ? min(index + 1, speeds.count - 1) : max(index - 1, 0)
                mode = .replay(speed: speeds[nextIndex], paused: paused)
            }
        case .seekBack: return seek(to: clock - 10)
        case .seekForward: return seek(to: clock + 10)
        case .seekStart: return seek(to: 0)
        case .seekEnd: return seek(to: duration)
        case .stepFrame:
            if case .replay(_, true) = mode { return [.step(after: clock)] }
            status = "pause first (Space) to step frame by frame"
        case .cursorLeft: cursor = max(0, cursor - 1)
        case .cursorRight: cursor = min(n, cursor + 1)
        case .cursorPageLeft: cursor = max(0, cursor - 10)
        case .cursorPageRight: cursor = min(n, cursor + 10)
        case .pin: return applyOverride(.pin(cursor))
        case .unpin:
            if pinnedSplit != nil { return applyOverride(.unpin) }
            status = "nothing is pinned"
        case .prompt(let kind):
            let current = constraintsInForce.value(of: kind)
            prompt = PromptState(field: kind, current: current.map(WhatIfRun.short))
        case .promptBatch:
            prompt = PromptState(setting: .batch, current: String(batchInForce))
        case .cyclePolicy:
            let order: [PolicyKind] = [.neurosurgeon, .dsc, .gads, .mincut, .device, .edge]
            let current = policyInForce
            let index = order.firstIndex(of: current) ?? -1
            return applyOverride(.policy(order[(index + 1) % order.count]))
        case .liveWhatIf:
            guard case .live = mode else {
                status = "w is for live sessions; in a replay every override is a what-if"
                break
            }
            liveWhatIf.toggle()
            if !liveWhatIf { leaveWhatIf() }
            status = liveWhatIf ? "WHAT-IF mode: overrides re-simulate here, the session is not changed — w steers it again"
                : "overrides steer the session's controller"
        case .backToRecording:
            liveWhatIf = false
            if whatIf != nil {
                leaveWhatIf()
                appendLog(LogEntry(t: clock, kind: .operatorAction, text: "back to the recording"))
                status = "showing the recording"
            }
        case .cycleTheme:
            themeIndex = (themeIndex + 1) % themes.count
            status = "theme: \(theme.name)"
        case .zoomIn: zoom = zoom <= 1 ? 1 : zoom / 2
        case .zoomOut: zoom = min(64, max(2, (zoom == 0 ? 1 : zoom) * 2))
        case .nextDevice: showDevice(offset: 1)
        case .previousDevice: showDevice(offset: -1)
        case .toggleShares:
            showShares.toggle()
            if showShares, sharesInForce == nil { status = "no edge shares yet: the stream has no shares event up to now" }
        }
        trimLog()
        return []
    }

    /// Shows the device `offset` places after the shown one (cycling); the shown one's state waits in the stash.
    ///
    /// A what-if belongs to its device: it goes on (re-deciding that device's frames) while
    /// another device is shown, and shows again when its device does; the status line says so on
    /// the switch, since the header's WHAT-IF goes with it.
    private mutating func showDevice(offset: Int) {
        guard let fleet, fleet.devices.count > 1 else {
            status = "one device in this session"
            return
        }
        let next = ((fleet.shown + offset) % fleet.devices.count + fleet.devices.count) % fleet.devices.count
        let nextID = fleet.devices[next]
        let current = device
        device = self.fleet?.stash.removeValue(forKey: nextID) ?? DeviceSnapshot(header: context.header, device: nextID)
        self.fleet?.stash[fleet.shownID] = current
        self.fleet?.shown = next
        let title = self.fleet?.title ?? ""
        if whatIf != nil {
            status = "\(title) · its what-if shown (\(whatIf?.overrides.joined(separator: ", ") ?? ""))"
        } else if current.whatIf != nil {
            status = "\(title) · \(fleet.shownID)'s what-if goes on: d/D back to it"
        } else {
            status = title
        }
    }

    /// Drops the what-if run and its series, and draws the recorded version again.
    private mutating func leaveWhatIf() {
        whatIf = nil
        series.whatIfSplit.removeAll()
        series.whatIfLatency.removeAll()
        draw(version: recordedVersion)
    }

    /// Keys while the help is open: it scrolls, and only Esc, `?` or `q` close it (Ctrl-C still quits).
    private mutating func handleHelp(_ key: KeyEvent) -> [DashboardEffect] {
        let page = max(1, size.height - 3)
        switch key {
        case .escape, .character("?"), .character("q"): showHelp = false
        case .ctrl("c"): return [.quit]
        case .up, .character("k"): helpScroll -= 1
        case .down, .character("j"): helpScroll += 1
        case .pageUp: helpScroll -= page
        case .pageDown, .character(" "): helpScroll += page
        case .home: helpScroll = 0
        case .end: helpScroll = Self.helpLineCount
        default: break
        }
        // The help box fills at most the screen's height, two rows of it border.
        helpScroll = max(0, min(helpScroll, Self.helpLineCount - max(1, size.height - 2)))
        return []
    }

    /// Lines of the help's content (headings, bindings, blank lines between sections).
    static let helpLineCount = HelpOverlay(bindings: DashboardBindings.keyBindings).lineCount

    private mutating func seek(to t: Double) -> [DashboardEffect] {
        if case .live = mode {
            // A live dashboard shows the session as it happens; it has no recording to seek in.
            status = "live session: seeking is off (the graphs keep what arrived since attaching)"
            return []
        }
        let target = min(max(0, t), duration)
        return [.reload(at: target)]
    }

    private mutating func handlePrompt(_ key: KeyEvent) -> [DashboardEffect] {
        guard var prompt else { return [] }
        switch key {
        case .escape:
            self.prompt = nil
            return []
        case .ctrl("c"):
            return [.quit]
        case .enter:
            switch prompt.parse(layerCount: context.layerCount) {
            case .success(let value):
                self.prompt = nil
                switch prompt.field {
                case .constraint(let kind): return applyOverride(.constraint(kind, value))
                case .batch: return applyOverride(.batch(Int(value ?? 1)))
                }
            case .failure(let error):
                prompt.error = error.message
                self.prompt = prompt
            }
            return []
        case .backspace, .delete:
            if !prompt.text.isEmpty { prompt.text.removeLast() }
            prompt.error = nil
        case .character(let c):
            prompt.type(c)
        default:
            prompt.error = "Enter applies, Esc cancels"
        }
        self.prompt = prompt
        return []
    }

    /// An operator override: sent to the controller of a live session; in a replay it starts (or
    /// continues) the what-if re-simulation, and is logged.
    private mutating func applyOverride(_ action: WhatIfOverride) -> [DashboardEffect] {
        if case .live = mode, !liveWhatIf {
            status = "sent to the controller"
            return [.sendToController(action)]
        }
        if whatIf == nil { whatIf = WhatIfRun.recorded(self) }
        guard var run = whatIf else { return [] }
        let record = run.apply(action)
        let field = record.field.map { " \($0)" } ?? ""
        appendLog(LogEntry(t: clock, kind: .operatorAction,
                            text: "what-if: \(record.action)\(field) \(describe(record.old)) \(arrow) \(describe(record.new))"))
        // Show the effect at once: re-decide at the current conditions.
        if let frame = lastFrame {
            let choiceBefore = run.choiceReason
            let change = run.step(estimateMbps: frame.bandwidthEstimateMbps ?? linkMbps ?? 1,
                                  actualMbps: linkMbps ?? frame.bandwidthEstimateMbps ?? 1, rttMs: context.rttMs,
                                  batteryPercent: battery ?? 100, edgeReachable: edgeReachable,
                                  assignment: assignment(for: shownDeviceID, at: clock),
                                  share: recordedShare(for: shownDeviceID, at: clock), sentMbps: Self.sentMbps(frame))
            if let change, change.versionChanged { logWhatIf(change, at: clock) }
            logFloorFallback(run, before: choiceBefore, at: clock)
            if let split = run.partition.map(splitIndex) { series.whatIfSplit.add(Double(split), at: clock) }
            if let latency = run.latencyMs { series.whatIfLatency.add(latency, at: clock) }
        }
        whatIf = run
        if let name = run.versionName { draw(version: name) }
        status = run.choiceReason == .noVersionMeetsFloor
            ? "WHAT-IF: no version meets the accuracy floor: the most accurate runs — r returns to the recording"
            : "WHAT-IF: re-simulating the recording with your change — r returns to the recording"
        trimLog()
        return []
    }

    /// Logs a what-if's change of partition or version
    /// (`what-if version p50 → full  (constraint)  90.2 %, split 25 → 0  pred 12.0 ms`).
    private mutating func logWhatIf(_ change: WhatIfChange, at t: Double) {
        let from = change.from.map { String(splitIndex($0)) } ?? "-"
        let split = "split \(from) \(arrow) \(splitIndex(change.to))"
        let reason = change.reason?.rawValue ?? ""
        let text: String
        if change.versionChanged, let name = change.toVersion, let version = context.header.modelVersion(named: name) {
            text = "what-if version \(change.fromVersion ?? "-") \(arrow) \(name)  (\(reason))  \(Self.fixed(version.accuracyPercent, 1)) %, "
                + "\(split)  pred \(Self.ms(change.predictedMs))"
        } else {
            text = "what-if \(split)  \(reason)  pred \(Self.ms(change.predictedMs))"
        }
        appendLog(LogEntry(t: t, kind: .whatIfDecision, text: text))
    }

    /// Logs, once each time it starts, that no version meets the what-if's accuracy floor, in the
    /// words `plan` and a recording use (``PlanningConstraints/unmetFloorNote(_:)``).
    private mutating func logFloorFallback(_ run: WhatIfRun, before: VersionChoice.Reason?, at t: Double) {
        guard run.choiceReason == .noVersionMeetsFloor, before != .noVersionMeetsFloor,
              let family = run.versioned, let note = family.constraints.unmetFloorNote(family.versions) else { return }
        appendLog(LogEntry(t: t, kind: .whatIfDecision, text: "what-if: \(note)"))
    }

    /// The rate a recorded frame's transfer achieved (bytes × 8 / transfer time), nil when it sent nothing.
    static func sentMbps(_ frame: FrameEvent) -> Double? {
        guard let bytes = frame.bytesSent, bytes > 0, let ms = frame.transferMs, ms > 0, ms.isFinite else { return nil }
        return Double(bytes) * 8 / (ms * 1000)
    }

    private func describe(_ value: OperatorValue) -> String {
        switch value {
        case .none: "none"
        case .number(let x): WhatIfRun.short(x)
        case .text(let s): s
        case .partition(let p): String(splitIndex(p))
        }
    }

    private func splitIndex(_ partition: Partition) -> Int {
        partition.prefixSplit ?? partition.deviceLayerCount
    }

    // MARK: Events

    private mutating func clearHistory() {
        // The rebuilt history's frames name their version again; until then, the header's model
        // (or the what-if's version).
        draw(version: whatIf?.versionName)
        recordedVersion = nil
        lastDecisionReason = nil
        lastDecision = nil
        recorded = RecordedSettings(context: context)
        series = SeriesSet()
        log.removeAll()
        recentFrames.removeAll()
        droppedFrames = 0
        cascade = CascadeTally()
        lastFrame = nil
        clock = 0
        // The other devices' history is rebuilt from the same events; their what-ifs stay, as the shown one's does.
        let header = context.header
        let stash = fleet?.stash ?? [:]
        fleet?.stash = stash.compactMapValues { kept in
            kept.whatIf.map { run in
                var fresh = DeviceSnapshot(header: header, device: kept.context.device)
                fresh.whatIf = run
                return fresh
            }
        }
    }

    /// Hands an event to the device it concerns: the shown one's state directly, another's in its
    /// stash. An event without a device id in a session of several concerns every device; a
    /// `shares` event concerns the edge.
    private mutating func route(_ timed: TimedEvent) {
        if case .shares(let shares) = timed.event {
            record(shares, at: timed.t)
            return
        }
        guard let id = timed.device else {
            guard let devices = fleet?.devices else { return ingest(timed) }
            for id in devices { onDevice(id) { $0.ingest(timed) } }
            return
        }
        if fleet == nil {
            guard let first = eventDevice, first != id else {
                eventDevice = id
                return ingest(timed)
            }
            // A second device: the stream is a fleet's, and the first device stays shown.
            fleet = FleetState(devices: [first])
        }
        if fleet?.devices.contains(id) == false { fleet?.devices.append(id) }
        onDevice(id) { $0.ingest(timed) }
    }

    /// Runs `body` with the state of device `id` in place of the shown one's.
    private mutating func onDevice(_ id: String, _ body: (inout DashboardState) -> Void) {
        guard let fleet, fleet.shownID != id else { return body(&self) }
        let shown = device
        // Taken out of the stash (not copied), so the body's changes do not copy its series.
        device = self.fleet?.stash.removeValue(forKey: id) ?? DeviceSnapshot(header: context.header, device: id)
        body(&self)
        let other = device
        device = shown
        self.fleet?.stash[id] = other
    }

    /// Keeps a `shares` event (once, however often a seek delivers it again) and logs, for each
    /// device it lists that this dashboard shows, what changed for that device.
    private mutating func record(_ shares: SharesEvent, at t: Double) {
        let position = sharesHistory.firstIndex { $0.t > t } ?? sharesHistory.count
        let previous = sharesHistory[..<position].last
        let isNew = !sharesHistory[..<position].reversed().prefix { $0.t == t }.contains { $0.shares == shares }
        if isNew {
            sharesHistory.insert(TimedShares(t: t, shares: shares), at: position)
            if sharesHistory.count > Self.sharesCapacity { sharesHistory.removeFirst(sharesHistory.count - Self.sharesCapacity) }
        }
        // A fleet takes in every device the edge lists; one device logs its own share only.
        if fleet != nil {
            for share in shares.devices where fleet?.devices.contains(share.device) == false { fleet?.devices.append(share.device) }
        }
        for share in shares.devices {
            guard fleet != nil || share.device == eventDevice else { continue }
            let before = previous?.shares.share(of: share.device)
            guard before.map({ !Self.sameShare($0, share) }) ?? true else { continue }
            // Short enough for an 80-column log with its time: the allocator is in the panel's title.
            // Alone on its edge the device chooses for itself: the edge's row is no assignment.
            let uplink = !shares.sharesUplink ? "uplink not shared" : "uplink \(Self.fixed(share.bandwidthShare * 100, 0)) %"
            let choice = fleet == nil && shares.devices.count == 1
                ? "alone (it chooses)" : "\(share.version.map { "\($0) " } ?? "")split \(share.split)"
            let text = "edge shares: \(choice) · compute \(Self.fixed(share.computeShare * 100, 0)) % · \(uplink)"
            onDevice(share.device) {
                $0.appendLog(LogEntry(t: t, kind: .note, text: text))
                $0.trimLog()
            }
        }
    }

    /// Whether two shares of one device are the same to a reader of the log: the same version and
    /// split, and neither share moved by 5 points or more (shares follow bandwidth and wobble; the
    /// panel, `e`, shows them exactly).
    private static func sameShare(_ a: DeviceShare, _ b: DeviceShare) -> Bool {
        a.split == b.split && a.version == b.version && abs(a.computeShare - b.computeShare) < 0.05
            && abs(a.bandwidthShare - b.bandwidthShare) < 0.05
    }

    fileprivate mutating func ingest(_ timed: TimedEvent) {
        let t = timed.t
        switch timed.event {
        case .session:
            break
        case .frame(let frame):
            followVersion(of: frame, at: t)
            recordedPartition = frame.partition
            guard frame.outcome != .dropped else {
                droppedFrames += 1
                return
            }
            lastFrame = frame
            cascade.add(frame)
            if let answered = frame.answered { series.appeals.add(answered == .edge ? 1 : 0, at: t) }
            recentFrames.append(t)
            if recentFrames.count > 256 { recentFrames.removeFirst(recentFrames.count - 256) }
            series.split.add(Double(context.splitIndex(frame.partition)), at: t)
            if let total = frame.totalMs { series.latency.add(total, at: t) }
            if let estimate = frame.bandwidthEstimateMbps { series.estimate.add(estimate, at: t) }
            if let level = frame.batteryPct {
                battery = level
                series.battery.add(level, at: t)
            }
            if var run = whatIf {
                let choiceBefore = run.choiceReason
                let id = timed.device ?? eventDevice ?? fleet?.shownID
                let change = run.step(estimateMbps: frame.bandwidthEstimateMbps ?? linkMbps ?? 1,
                                      actualMbps: linkMbps ?? frame.bandwidthEstimateMbps ?? 1, rttMs: context.rttMs,
                                      batteryPercent: frame.batteryPct ?? battery ?? 100, edgeReachable: edgeReachable,
                                      assignment: assignment(for: id, at: t), share: recordedShare(for: id, at: t),
                                      sentMbps: Self.sentMbps(frame))
                if let change { logWhatIf(change, at: t) }
                logFloorFallback(run, before: choiceBefore, at: t)
                if let partition = run.partition { series.whatIfSplit.add(Double(splitIndex(partition)), at: t) }
                if let latency = run.latencyMs { series.whatIfLatency.add(latency, at: t) }
                whatIf = run
                if let name = run.versionName { draw(version: name) }
            }
        case .link(let link):
            // The link series shows what the link really carried: the trace when the recording has
            // one (simulated sessions), else the device's measurements (live sessions).
            if link.source == .trace { linkFromTrace = true }
            if link.source == .trace || !linkFromTrace {
                linkMbps = link.bandwidthMbps
                series.link.add(link.bandwidthMbps, at: t)
            }
        case .battery(let level):
            battery = level.levelPct
            series.battery.add(level.levelPct, at: t)
        case .decision(let decision):
            lastDecisionReason = decision.reason
            recordedPartition = decision.to
            // `from` is of the version that ran before, drawn until the decision names another.
            let from = decision.from.map { String(context.splitIndex($0)) } ?? "-"
            var detail = "  \(decision.reason.rawValue)"
            if let us = decision.decisionMicros { detail += "  \(Self.fixed(us, 1)) µs" }
            if let predicted = decision.predictedMs { detail += "  pred \(Self.ms(predicted))" }
            // A decision that names its version (since 1.5) says the change itself; an older one
            // leaves it to the frame it decided (``followVersion(of:at:)``).
            let change = decision.version.flatMap { versionChange(to: $0, at: t) }
            let logged = LoggedDecision(t: t, from: from, to: String(context.splitIndex(decision.to)), detail: detail)
            lastDecision = decision.version == nil ? logged : nil
            appendLog(LogEntry(t: t, kind: .decision, text: logged.text(arrow: arrow, versions: change.map { ($0.previous.name, $0.next.name) })))
            if let change { logVersionChange(change, at: t, reason: decision.reason.rawValue) }
        case .operatorAction(let action):
            let known = recorded.apply(action, layerCount: context.layerCount)
            appendLog(LogEntry(t: t, kind: .operatorAction,
                                text: "operator \(action.action.rawValue) \(action.field ?? "") \(action.oldValue.serialized()) \(arrow) \(action.newValue.serialized())"
                                    + (known ? "" : "  (not understood; not applied)")))
        case .fault(let fault):
            edgeReachable = !fault.kind.leavesEdge
            appendLog(LogEntry(t: t, kind: .fault, text: "fault \(fault.kind.rawValue)\(fault.action.map { ": \($0)" } ?? "")"))
        case .note(let note):
            appendLog(LogEntry(t: t, kind: .note, text: note.text))
        case .probe, .shares:
            break
        }
        trimLog()
    }

    /// Draws the layers of the version named `name` (nil: the header's model), keeping the
    /// cursor in the new layer range and at the end if it was at the end.
    private mutating func draw(version name: String?) {
        let wasAtEnd = cursor >= context.layerCount
        context = context.drawing(version: name)
        cursor = wasAtEnd ? context.layerCount : min(cursor, context.layerCount)
    }

    /// Draws the layers of the version that ran `frame` (unless a what-if over versions draws its
    /// own) and logs a change of version (`version full → p75  (accuracy floor)`) that no decision
    /// named: a recording before 1.5, whose decisions name partitions only, or a frame whose
    /// version changed without a decision. The first version seen is not a change.
    private mutating func followVersion(of frame: FrameEvent, at t: Double) {
        defer { lastDecision = nil }
        guard let name = frame.version, let change = versionChange(to: name, at: t) else { return }
        // The decision of this frame named only splits: name the versions in its line.
        if let decided = lastDecision, decided.t == t,
           let line = log.lastIndex(where: { $0.kind == .decision && $0.t == t && $0.text == decided.text(arrow: arrow) }) {
            log[line].text = decided.text(arrow: arrow, versions: (change.previous.name, change.next.name))
        }
        logVersionChange(change, at: t, reason: lastDecisionReason?.rawValue ?? "controller")
    }

    /// Makes `name` the recorded version and draws its layers (unless a what-if over versions
    /// draws its own); the versions before and after when this changed from a known version, nil
    /// when it did not change, is the first seen, or is not one of the header's.
    private mutating func versionChange(to name: String, at t: Double)
        -> (previous: SessionModelVersion, next: SessionModelVersion)? {
        guard name != recordedVersion, let next = context.header.modelVersion(named: name) else { return nil }
        let previous = recordedVersion.flatMap(context.header.modelVersion(named:))
        recordedVersion = name
        if whatIf?.versionName == nil { draw(version: name) }
        return previous.map { ($0, next) }
    }

    /// Logs a change of version and why: the accuracy floor when it lifted the session above the
    /// floor, else `reason` (the decision's).
    private mutating func logVersionChange(_ change: (previous: SessionModelVersion, next: SessionModelVersion), at t: Double,
                                           reason: String) {
        let (previous, next) = change
        let floor = recorded.constraints.accuracyFloorPercent
        let why = floor.map { previous.accuracyPercent < $0 && next.accuracyPercent >= $0 } == true ? "accuracy floor" : reason
        appendLog(LogEntry(t: t, kind: .decision,
                            text: "version \(previous.name) \(arrow) \(next.name)  (\(why))  \(Self.fixed(next.accuracyPercent, 1)) %, \(next.model.layerCount) layers"))
    }

    /// Adds a line to the log in time order, after every line at or before its time: events can
    /// arrive out of time order (a late `attach` first gets the standing events, such as the
    /// edge's shares and the last decision, in the order the device published them; several
    /// devices' ports interleave), and the log reads in the order things happened. Then trims it.
    mutating func appendLog(_ entry: LogEntry) {
        let position = log.lastIndex { $0.t <= entry.t }.map { $0 + 1 } ?? 0
        log.insert(entry, at: position)
        trimLog()
    }

    fileprivate mutating func trimLog() {
        if log.count > Self.logCapacity { log.removeFirst(log.count - Self.logCapacity) }
    }

    static func ms(_ value: Double) -> String { fixed(value, 1) + " ms" }

    /// Fixed decimals without Foundation; beyond 10^15 (no Int conversion can overflow) the
    /// shortest form (`1e+20`), so any Double draws.
    static func fixed(_ value: Double, _ decimals: Int) -> String {
        guard value.isFinite else { return value.isNaN ? "–" : (value > 0 ? "∞" : "-∞") }
        var scale = 1.0
        for _ in 0..<max(0, min(decimals, 6)) { scale *= 10 }
        guard abs(value) * scale < 1e15 else { return "\(value)" }
        let rounded = (abs(value) * scale).rounded()
        let whole = Int(rounded / scale)
        let fraction = Int(rounded - Double(whole) * scale)
        var text = String(whole)
        if decimals > 0 {
            let digits = String(fraction)
            text += "." + String(repeating: "0", count: max(0, decimals - digits.count)) + digits
        }
        return (value < 0 && rounded > 0 ? "-" : "") + text
    }
}
