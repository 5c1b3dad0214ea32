extension CutProblem {
    /// Why a ``CutProblem`` cannot be solved: its arrays disagree, an edge goes backwards, or a
    /// cost is negative or not finite.
    public enum Defect: Hashable, Sendable, CustomStringConvertible {
        /// `layerCount` is negative.
        case negativeLayerCount(Int)
        /// A per-layer array does not have `layerCount` entries.
        case lengthMismatch(array: String, count: Int)
        /// An input consumer is not a layer index.
        case inputConsumerOutOfRange(Int)
        /// A consumer is not a later layer than its producer.
        case consumerNotLater(producer: Int, consumer: Int)
        /// A cost is negative, infinite or NaN (`layer` is nil for the input transfer cost).
        case invalidCost(array: String, layer: Int?, value: Double)

        public var description: String {
            switch self {
            case .negativeLayerCount(let n):
                "layerCount is negative (\(n))"
            case .lengthMismatch(let array, let count):
                "\(array) has \(count) entries, not one per layer"
            case .inputConsumerOutOfRange(let c):
                "input consumer \(c) is not a layer"
            case .consumerNotLater(let producer, let consumer):
                "layer \(producer) lists consumer \(consumer), which is not a later layer"
            case .invalidCost(let array, let layer, let value):
                "\(array)\(layer.map { "[\($0)]" } ?? "") is \(value); costs must be finite and non-negative"
            }
        }
    }

    /// The first thing wrong with this problem, or nil when it is well formed.
    public var defect: Defect? {
        structuralDefect ?? costDefect
    }

    /// The first thing wrong with the graph (counts, array lengths, edges), ignoring costs.
    var structuralDefect: Defect? {
        guard layerCount >= 0 else { return .negativeLayerCount(layerCount) }
        let lengths: [(String, Int)] = [
            ("consumers", consumers.count), ("deviceCost", deviceCost.count),
            ("edgeCost", edgeCost.count), ("transferCost", transferCost.count),
            ("forcedDevice", forcedDevice.count),
        ]
        for (array, count) in lengths where count != layerCount {
            return .lengthMismatch(array: array, count: count)
        }
        for c in inputConsumers where !(0..<layerCount).contains(c) {
            return .inputConsumerOutOfRange(c)
        }
        for u in 0..<layerCount {
            for c in consumers[u] where !(u + 1..<layerCount).contains(c) {
                return .consumerNotLater(producer: u, consumer: c)
            }
        }
        return nil
    }

    /// The first cost that is negative or not finite.
    private var costDefect: Defect? {
        if !Self.isValidCost(inputTransferCost) {
            return .invalidCost(array: "inputTransferCost", layer: nil, value: inputTransferCost)
        }
        let costs: [(String, [Double])] = [
            ("deviceCost", deviceCost), ("edgeCost", edgeCost), ("transferCost", transferCost),
        ]
        for (array, values) in costs {
            if let v = values.firstIndex(where: { !Self.isValidCost($0) }) {
                return .invalidCost(array: array, layer: v, value: values[v])
            }
        }
        return nil
    }

    private static func isValidCost(_ value: Double) -> Bool {
        value.isFinite && value >= 0
    }
}
