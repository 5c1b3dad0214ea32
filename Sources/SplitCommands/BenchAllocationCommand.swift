import ArgumentParser
import SplitAllocation
import SplitModels
import SplitRandom

/// `splitscope bench allocation`: the fast allocator against the exact one on random problems.
struct BenchAllocationCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "allocation",
        abstract: "The fast and greedy allocators against the exact one on random many-device problems: gap and solve time.",
        discussion: """
        Each row solves --instances random problems (AllocationProblem.random, seeded) of that many \
        devices with up to --options options each. "fast optimal" counts the problems where the \
        fast allocator found the exact optimum; "gap" is exact − fast in total utility (mean and \
        worst); "of greedy's gap" is how much of exact − greedy the fast allocator closes. Times are \
        medians per solve on this machine. An exact search over its node budget is counted, not solved.
        """
    )

    @Option(name: .long, parsing: .unconditional, help: "Device counts, separated by commas.")
    var devices: String = "2,4,6,8,10"

    @Option(name: .long, parsing: .unconditional, help: "Most options per device.")
    var options: FlagInteger = 8

    @Option(name: .long, parsing: .unconditional, help: "Random problems per device count.")
    var instances: FlagInteger = 200

    @Option(name: .long, parsing: .unconditional, help: "Seed for the problems.")
    var seed: FlagSeed = 1

    func run() throws {
        let counts = try CommaList.numbers(devices, flag: "--devices", quantity: .deviceCount, allowingRepeats: true).map { Int($0) }
        let optionCount = Int(try Quantity.repetitions.checked(options, flag: "--options"))
        let instanceCount = Int(try Quantity.repetitions.checked(instances, flag: "--instances"))
        var table = TextTable(["devices", "instances", "fast optimal", "mean gap", "worst gap", "of greedy's gap", "exact ms", "fast ms",
                               "over budget"], alignments: Array(repeating: .right, count: 9))
        let clock = ContinuousClock()
        func ms(_ body: () throws -> Allocation) rethrows -> (Allocation, Double) {
            let start = clock.now
            let result = try body()
            return (result, (clock.now - start).inMilliseconds)
        }
        for count in counts {
            var rng = SplitMix64(seed: seed.value &+ UInt64(count))
            var optimal = 0, solved = 0, overBudget = 0
            var gaps: [Double] = [], closed: [Double] = [], exactMs: [Double] = [], fastMs: [Double] = []
            for _ in 0..<instanceCount {
                let problem = try AllocationProblem.random(devices: count, maxOptions: optionCount, rng: &rng)
                let (fast, fastTime) = ms { FastAllocator().solve(problem) }
                fastMs.append(fastTime)
                let exact: Allocation, exactTime: Double
                do {
                    (exact, exactTime) = try ms { try ExactAllocator().solve(problem) }
                } catch {
                    overBudget += 1
                    continue
                }
                solved += 1
                exactMs.append(exactTime)
                let gap = exact.totalUtility - fast.totalUtility
                gaps.append(gap)
                if gap <= 1e-9 * max(1, abs(exact.totalUtility)) { optimal += 1 }
                let greedyGap = exact.totalUtility - GreedyAllocator.solve(problem).totalUtility
                if greedyGap > 1e-9 { closed.append(1 - gap / greedyGap) }
            }
            func median(_ values: [Double]) -> Double { values.isEmpty ? 0 : values.sorted()[values.count / 2] }
            let mean = gaps.isEmpty ? 0 : gaps.reduce(0, +) / Double(gaps.count)
            let closedMean = closed.isEmpty ? 1 : closed.reduce(0, +) / Double(closed.count)
            table.add(["\(count)", "\(instanceCount)", "\(optimal)/\(solved)", Format.fixed(mean, 5), Format.fixed(gaps.max() ?? 0, 4),
                       Format.fixed(100 * closedMean, 1) + " %", Format.fixed(median(exactMs), 3), Format.fixed(median(fastMs), 3),
                       "\(overBudget)"])
        }
        Console.write(table.render())
    }
}
