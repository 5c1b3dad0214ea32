import SplitCost
import SplitModels
import SplitPlanners
import SplitTestSupport
import Testing

/// Planners are total: any Doubles for the link, the battery, the constraints and the power model
/// give a plan (never a trap), and the plan is a valid partition that keeps the privacy constraint.
@Suite("Planners with extreme numbers")
struct ExtremeInputTests {
    /// Chains and DAGs, hand-made and from the zoo.
    static let models: [ModelProfile] = {
        var models = [HandModels.chain(), HandModels.diamond()]
        for name in ["smallcnn", "resnet18"] {
            if let graph = try? ModelZoo.model(named: name) { models.append(RooflineEstimator().profile(of: graph)) }
        }
        return models
    }()

    static let policies: [PolicyKind] = [.neurosurgeon, .dsc, .gads, .mincut, .device, .edge]

    @Test func zooModelsAreThere() {
        #expect(Self.models.count == 4)
        #expect(Self.models.contains { $0.isChain } && Self.models.contains { !$0.isChain })
    }

    @Test(arguments: 0..<4)
    func everyPolicyPlansWhateverTheNumbers(modelIndex: Int) {
        let profile = Self.models[modelIndex]
        let n = profile.layerCount
        var values = ExtremeDoubles(seed: 0xC0FFEE + UInt64(modelIndex))
        for round in 0..<60 {
            let power = DevicePowerModel(computeWatts: values.next(around: .watts), radioWatts: values.next(around: .watts),
                                         idleWatts: values.next(around: .watts))
            let costModel = CostModel(profile: profile, power: power)
            let constraints = PlanningConstraints(
                latencySLOMs: values.coin() ? values.next(around: .sloMs) : nil,
                deviceMemoryMB: values.coin() ? values.next(around: .memoryMB) : nil,
                minDeviceLayers: values.coin() ? values.nextInt() : values.index(below: n + 2),
                bandwidthCapMbps: values.coin() ? values.next(around: .bandwidthMbps) : nil,
                batteryFloorPercent: values.coin() ? values.next(around: .batteryPercent) : nil)
            let kinds = Self.policies + [.staticSplit(values.index(below: n + 1)), .staticSplit(max(0, values.nextInt()))]
            for kind in kinds {
                let policy = kind.make(costModel: costModel, constraints: constraints)
                for _ in 0..<3 {
                    let request = PlanRequest(
                        link: LinkConditions(bandwidthMbps: values.next(around: .bandwidthMbps), rttMs: values.next(around: .rttMs)),
                        batteryPercent: values.next(around: .batteryPercent),
                        // Sometimes a partition of a larger model: a stale or foreign "current".
                        current: values.coin() ? .prefix(values.index(below: n + 1), layerCount: n)
                            : .prefix(n + 1 + values.index(below: 500), layerCount: n + 501))
                    let plan = policy.plan(request)
                    let context = "\(profile.name) \(kind) round \(round) \(request) \(constraints) \(power)"
                    #expect(plan.partition.onDevice.count == n, "\(context)")
                    #expect(costModel.isClosed(plan.partition), "\(context)")
                    // The link is saturated into its range, so latency is always a finite number.
                    #expect(plan.cost.latencyMs.isFinite && plan.cost.latencyMs >= 0, "\(context)")
                    if constraints.minDeviceLayers >= 1 {
                        let sendsInput = costModel.inputConsumers.contains { !plan.partition.onDevice[$0] }
                        #expect(!sendsInput, "privacy: the raw input must stay on the device; \(context)")
                    }
                    if [power.computeWatts, power.radioWatts, power.idleWatts].allSatisfy(Quantity.watts.accepts) {
                        #expect(plan.cost.energyMJ.isFinite, "\(context)")
                    }
                }
            }
        }
    }

    @Test func theIssueInputsPlanWithFiniteCosts() {
        // resnet-class DAG at 1e-305 Mbit/s, a cap of 1e-310 and a memory budget of 1e13 MB: each trapped.
        let costModel = CostModel(profile: Self.models[3])
        let cases: [(LinkConditions, PlanningConstraints)] = [
            (LinkConditions(bandwidthMbps: 1e-305, rttMs: 20), .none),
            (LinkConditions(bandwidthMbps: 10, rttMs: 20), PlanningConstraints(bandwidthCapMbps: 1e-310)),
            (LinkConditions(bandwidthMbps: 10, rttMs: 20), PlanningConstraints(deviceMemoryMB: 1e13)),
            (LinkConditions(bandwidthMbps: 10, rttMs: 20), PlanningConstraints(deviceMemoryMB: 1e308)),
            (LinkConditions(bandwidthMbps: 0, rttMs: -5), .none),
        ]
        for (link, constraints) in cases {
            for kind in Self.policies {
                let plan = kind.make(costModel: costModel, constraints: constraints).plan(PlanRequest(link: link))
                #expect(plan.cost.latencyMs.isFinite && plan.cost.energyMJ.isFinite, "\(kind) \(link) \(constraints)")
            }
        }
        // On a link of (saturated) 1 bit/s nothing is worth sending: everything runs on the device.
        let crawl = MinCutPolicy(costModel: costModel).plan(PlanRequest(link: LinkConditions(bandwidthMbps: 1e-305, rttMs: 20)))
        #expect(crawl.partition.isDeviceOnly)
    }

    @Test func memoryBudgetsSaturateInsteadOfTrapping() {
        #expect(PlanningConstraints(deviceMemoryMB: 1e13).deviceMemoryBytes == Int.max)
        #expect(PlanningConstraints(deviceMemoryMB: .infinity).deviceMemoryBytes == Int.max)
        #expect(PlanningConstraints(deviceMemoryMB: -.infinity).deviceMemoryBytes == 0)
        #expect(PlanningConstraints(deviceMemoryMB: .nan).deviceMemoryBytes == 0)
        #expect(PlanningConstraints(deviceMemoryMB: 1.5).deviceMemoryBytes == 1_500_000)
    }

    @Test func minCutSaturatesAnyCosts() {
        var values = ExtremeDoubles(seed: 99)
        let specials: [Double] = [.infinity, -.infinity, .nan, -1]
        for round in 0..<200 {
            var problem = CutProblem.diamondFixture
            func cost() -> Double { values.index(below: 5) == 0 ? specials[values.index(below: specials.count)] : values.next() }
            problem.deviceCost = problem.deviceCost.map { _ in cost() }
            problem.edgeCost = problem.edgeCost.map { _ in cost() }
            problem.transferCost = problem.transferCost.map { _ in cost() }
            problem.inputTransferCost = cost()
            problem.forcedDevice = problem.forcedDevice.map { _ in values.index(below: 4) == 0 }
            let solution = MinCutPartitioner.solve(problem)
            #expect(solution.onDevice.count == problem.layerCount, "round \(round)")
            let structure = CutProblem(layerCount: problem.layerCount, inputConsumers: problem.inputConsumers,
                                       consumers: problem.consumers,
                                       deviceCost: Array(repeating: 0, count: problem.layerCount),
                                       edgeCost: Array(repeating: 0, count: problem.layerCount),
                                       transferCost: Array(repeating: 0, count: problem.layerCount),
                                       inputTransferCost: 0, forcedDevice: problem.forcedDevice)
            #expect(structure.cost(onDevice: solution.onDevice) != nil, "closed and forced layers kept: round \(round) \(problem)")
        }
    }

    @Test func finiteCostsWhoseSumOverflowsStayOptimal() {
        // Each cost is finite but their sum is not: quantisation scales them down and still finds
        // the brute-force optimum, within its bound.
        var values = ExtremeDoubles(seed: 5)
        var compared = 0
        for round in 0..<100 {
            var problem = CutProblem.diamondFixture
            func huge() -> Double { Double.greatestFiniteMagnitude / Double(1 + values.index(below: 8)) }
            func any() -> Double { values.coin() ? huge() : abs(values.next()) }
            problem.deviceCost = problem.deviceCost.map { _ in any() }
            problem.edgeCost = problem.edgeCost.map { _ in any() }
            problem.transferCost = problem.transferCost.map { _ in any() }
            problem.inputTransferCost = huge()
            let solution = MinCutPartitioner.solve(problem)
            // The cost of a partition may itself overflow to infinity; compare only decidable cases.
            guard solution.cost.isFinite else { continue }
            compared += 1
            #expect(bruteForceMismatch(problem, solution) == nil, "round \(round): \(problem)")
        }
        #expect(compared >= 20, "too few decidable rounds to mean anything: \(compared)")
    }
}

extension CutProblem {
    /// input → 0 → {1, 2} → 3, with no layer forced.
    static var diamondFixture: CutProblem {
        CutProblem(layerCount: 4, inputConsumers: [0], consumers: [[1, 2], [3], [3], []],
                   deviceCost: [1, 1, 1, 1], edgeCost: [1, 1, 1, 1], transferCost: [1, 1, 1, 0],
                   inputTransferCost: 1, forcedDevice: [false, false, false, false])
    }
}
