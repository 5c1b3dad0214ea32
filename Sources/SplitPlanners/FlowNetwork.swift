/// A directed graph with Int64 arc capacities and Dinic's maximum flow.
///
/// Arcs are stored by tail node (compressed rows). Every arc has a reverse arc in the opposite
/// direction, whose capacity starts at whatever the caller sets (0 for a plain arc). Callers
/// address an arc and its reverse by the slots ``slot(ofArc:)`` and ``reverseSlot(ofArc:)``
/// return. All scratch arrays live in the value, so repeated solves do not allocate.
struct FlowNetwork {
    /// Number of nodes.
    let nodeCount: Int
    /// Arcs leaving node `v` occupy slots `arcStart[v]..<arcStart[v + 1]`.
    private let arcStart: [Int]
    /// The node each slot's arc enters.
    private let arcHead: [Int]
    /// The slot of each slot's reverse arc.
    private let arcReverse: [Int]
    /// The slot of each arc passed to `init`, and of its reverse.
    private let forwardSlots: [Int]
    /// Residual capacity of each slot.
    private(set) var capacity: [Int64]

    private var level: [Int]
    private var nextArc: [Int]
    private var queue: [Int]
    private var path: [Int]

    /// A network with `nodeCount` nodes and the given arcs, all of capacity 0.
    init(nodeCount: Int, arcs: [(from: Int, to: Int)]) {
        self.nodeCount = nodeCount
        var start = [Int](repeating: 0, count: nodeCount + 1)
        for arc in arcs {
            start[arc.from + 1] += 1
            start[arc.to + 1] += 1
        }
        for v in 0..<nodeCount {
            start[v + 1] += start[v]
        }
        var fill = start
        var head = [Int](repeating: 0, count: 2 * arcs.count)
        var reverse = [Int](repeating: 0, count: 2 * arcs.count)
        var slots = [Int](repeating: 0, count: arcs.count)
        for (i, arc) in arcs.enumerated() {
            let forward = fill[arc.from]
            fill[arc.from] += 1
            let backward = fill[arc.to]
            fill[arc.to] += 1
            head[forward] = arc.to
            head[backward] = arc.from
            reverse[forward] = backward
            reverse[backward] = forward
            slots[i] = forward
        }
        arcStart = start
        arcHead = head
        arcReverse = reverse
        forwardSlots = slots
        capacity = [Int64](repeating: 0, count: 2 * arcs.count)
        level = [Int](repeating: -1, count: nodeCount)
        nextArc = [Int](repeating: 0, count: nodeCount)
        queue = [Int](repeating: 0, count: nodeCount)
        path = [Int](repeating: 0, count: nodeCount)
    }

    /// The slot of arc `i` (its index in the `arcs` given to `init`).
    func slot(ofArc i: Int) -> Int {
        forwardSlots[i]
    }

    /// The slot of arc `i`'s reverse arc.
    func reverseSlot(ofArc i: Int) -> Int {
        arcReverse[forwardSlots[i]]
    }

    /// Sets every residual capacity to 0.
    mutating func clearCapacities() {
        for i in capacity.indices {
            capacity[i] = 0
        }
    }

    /// Sets the residual capacity of one slot.
    mutating func setCapacity(_ value: Int64, atSlot slot: Int) {
        capacity[slot] = value
    }

    /// Pushes a maximum flow from `source` to `sink`, leaving residual capacities behind, and
    /// returns its value.
    ///
    /// Dinic's algorithm: BFS levels, then blocking flows found by an iterative depth-first
    /// search with current-arc pointers, so deep graphs cannot overflow the call stack.
    mutating func pushMaximumFlow(from source: Int, to sink: Int) -> Int64 {
        var total: Int64 = 0
        while assignLevels(from: source, to: sink) {
            for v in 0..<nodeCount {
                nextArc[v] = arcStart[v]
            }
            total += pushBlockingFlow(from: source, to: sink)
        }
        return total
    }

    /// The nodes reachable from `source` through arcs with residual capacity.
    func reachable(from source: Int) -> [Bool] {
        var seen = [Bool](repeating: false, count: nodeCount)
        var stack = [source]
        seen[source] = true
        while let v = stack.popLast() {
            for a in arcStart[v]..<arcStart[v + 1] where capacity[a] > 0 && !seen[arcHead[a]] {
                seen[arcHead[a]] = true
                stack.append(arcHead[a])
            }
        }
        return seen
    }

    /// BFS distances from `source` over residual arcs; true when `sink` is reachable.
    private mutating func assignLevels(from source: Int, to sink: Int) -> Bool {
        for v in 0..<nodeCount {
            level[v] = -1
        }
        level[source] = 0
        queue[0] = source
        var read = 0
        var write = 1
        while read < write {
            let v = queue[read]
            read += 1
            let next = level[v] + 1
            for a in arcStart[v]..<arcStart[v + 1] where capacity[a] > 0 && level[arcHead[a]] < 0 {
                level[arcHead[a]] = next
                queue[write] = arcHead[a]
                write += 1
            }
        }
        return level[sink] >= 0
    }

    /// Saturates every shortest augmenting path in the current level graph.
    private mutating func pushBlockingFlow(from source: Int, to sink: Int) -> Int64 {
        var pushed: Int64 = 0
        var depth = 0
        var v = source
        while true {
            if v == sink {
                var amount = Int64.max
                for i in 0..<depth {
                    amount = min(amount, capacity[path[i]])
                }
                var firstSaturated = depth
                for i in 0..<depth {
                    let a = path[i]
                    capacity[a] -= amount
                    capacity[arcReverse[a]] += amount
                    if capacity[a] == 0 && firstSaturated == depth {
                        firstSaturated = i
                    }
                }
                pushed += amount
                // Resume from the tail of the first arc the augmentation saturated.
                depth = firstSaturated
                v = depth == 0 ? source : arcHead[path[depth - 1]]
                continue
            }
            var advanced = false
            let wanted = level[v] + 1
            while nextArc[v] < arcStart[v + 1] {
                let a = nextArc[v]
                if capacity[a] > 0 && level[arcHead[a]] == wanted {
                    path[depth] = a
                    depth += 1
                    v = arcHead[a]
                    advanced = true
                    break
                }
                nextArc[v] += 1
            }
            if !advanced {
                if v == source { break }
                // Dead end: retreat and skip the arc that led here.
                level[v] = -1
                depth -= 1
                v = arcHead[arcReverse[path[depth]]]
                nextArc[v] += 1
            }
        }
        return pushed
    }
}
