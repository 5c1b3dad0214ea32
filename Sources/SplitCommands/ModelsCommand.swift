import ArgumentParser
import SplitCost
import SplitModels

/// `splitscope models`: the built-in zoo, one line each with totals.
struct ModelsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "models",
        abstract: "List the built-in models with their totals."
    )

    func run() throws {
        var table = TextTable(["model", "input", "layers", "GMACs", "params", "input bytes", "kind", "description"],
                              alignments: [.left, .left, .right, .right, .right, .right, .left, .left])
        for name in ModelZoo.names {
            let graph: ModelGraph
            do {
                graph = try ModelZoo.model(named: name)
            } catch {
                throw CommandError("building \(name) failed: \(error)", isUsage: false)
            }
            let isChain = RooflineEstimator().profile(of: graph).isChain
            table.add([name, graph.inputShape.description, "\(graph.layers.count)",
                       Format.fixed(Double(graph.totalMacs) / 1e9, 3), Format.count(graph.totalParams),
                       Format.grouped(graph.inputBytes), isChain ? "chain" : "DAG", ModelZoo.summary(of: name) ?? ""])
        }
        Console.write(table.render())
    }
}
