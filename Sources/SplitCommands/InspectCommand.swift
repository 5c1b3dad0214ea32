import ArgumentParser
import SplitCost
import SplitJSON
import SplitModels

/// `splitscope inspect`: the per-layer table of a model or profile.
struct InspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Show each layer's shape, output size, MACs, parameters, bottleneck marks and cumulative times.",
        discussion: """
        A natural bottleneck is a split that sends fewer bytes than the raw input; a compressive one \
        also sends fewer than every earlier split (Dynamic Split Computing). For DAG models the bytes \
        sent at a split include every tensor crossing it (skip connections).
        """
    )

    @OptionGroup var model: ModelOptions

    @Flag(name: .long, help: "Print JSON instead of a table.")
    var json = false

    func run() throws {
        let loaded = try model.load()
        let profile = loaded.profile
        let costModel = CostModel(profile: profile)
        let table = PrefixCostTable(costModel: costModel)
        let marks = table.bottlenecks(inputBytes: profile.inputBytes)
        if json {
            Console.line(Self.json(profile: profile, marks: marks, graph: loaded.graph).prettySerialized())
            return
        }
        Console.line("\(profile.name) (\(loaded.source)): \(Format.counted(profile.layerCount, "layer")), \(profile.isChain ? "chain" : "DAG"), "
            + "input \(Format.grouped(profile.inputBytes)) B, \(Format.count(profile.totalMacs))MACs, "
            + "\(Format.count(profile.totalParams)) params")
        if let graph = loaded.graph, graph.batchSize > 1 {
            Console.line("batch of \(graph.batchSize): bytes, MACs and times are for the whole batch; "
                + "shapes are per sample, parameters shared")
        }
        if loaded.graph != nil {
            let est = model.estimator
            Console.line("times: roofline estimate, device \(Format.plain(est.device.gmacsPerSecond)) GMAC/s "
                + "\(Format.fixed(est.device.memoryGBps, 1)) GB/s, edge \(Format.plain(est.edge.gmacsPerSecond)) GMAC/s "
                + "\(Format.fixed(est.edge.memoryGBps, 1)) GB/s")
        }
        var out = TextTable(["#", "layer", "op", "output", "out bytes", "×input", "sent at split", "MACs", "params",
                             "bottleneck", "device ms Σ", "edge ms Σ"],
                            alignments: [.right, .left, .left, .left, .right, .right, .right, .right, .right, .left, .right, .right])
        var deviceSum = 0.0
        var edgeSum = 0.0
        for (i, layer) in profile.layers.enumerated() {
            deviceSum += layer.deviceMs
            edgeSum += layer.edgeMs
            let ratio = Double(layer.outputBytes) / Double(profile.inputBytes)
            out.add(["\(i + 1)", layer.name, layer.op?.name ?? "-", layer.outputShape?.description ?? "-",
                     Format.grouped(layer.outputBytes), Format.fixed(ratio, 2),
                     i + 1 < profile.layerCount ? Format.grouped(table.transferBytes[i + 1]) : "-",
                     layer.macs.map(Format.count) ?? "-", layer.params.map(Format.count) ?? "-",
                     marks[i] == .none ? "" : marks[i].rawValue, Format.fixed(deviceSum, 2), Format.fixed(edgeSum, 2)])
        }
        Console.write(out.render())
        let compressive = marks.indices.filter { marks[$0] == .compressive }.map { profile.layers[$0].name }
        Console.line("compressive bottlenecks: \(compressive.isEmpty ? "none" : compressive.joined(separator: ", "))")
    }

    /// The table as JSON; with the graph, each layer also names its output tensor (`output_name`:
    /// the model file's value name, or the layer name for zoo models), and `batch_size` says that
    /// bytes, MACs and times are per batch while `output_shape` is per sample.
    static func json(profile: ModelProfile, marks: [BottleneckKind], graph: ModelGraph? = nil) -> JSONValue {
        let layers: [JSONValue] = profile.layers.enumerated().map { i, layer in
            let tensor: [(String, JSONValue)] = graph.flatMap { graph in
                graph.layers.indices.contains(i) ? [("output_name", .string(graph.layers[i].tensorName))] : nil
            } ?? []
            return .object(JSONObject([("name", .string(layer.name))] + tensor + [
                ("op", layer.op.map { .string($0.name) } ?? .null),
                ("inputs", .array(layer.inputs.map { source in
                    switch source {
                    case .input: .string("input")
                    case .layer(let p): .string(profile.layers[p].name)
                    }
                })),
                ("output_shape", layer.outputShape.map { .array($0.dims.map { .number(Double($0)) }) } ?? .null),
                ("output_bytes", .number(Double(layer.outputBytes))),
                ("macs", layer.macs.map { .number(Double($0)) } ?? .null),
                ("params", layer.params.map { .number(Double($0)) } ?? .null),
                ("bottleneck", .string(marks[i].rawValue)),
                ("device_ms", .number(layer.deviceMs)),
                ("edge_ms", .number(layer.edgeMs)),
            ]))
        }
        return .object(JSONObject([
            ("name", .string(profile.name)),
            ("input_bytes", .number(Double(profile.inputBytes))),
            ("total_macs", .number(Double(profile.totalMacs))),
            ("total_params", .number(Double(profile.totalParams))),
            ("batch_size", graph.map { .number(Double($0.batchSize)) } ?? .null),
            ("layers", .array(layers)),
        ]))
    }
}
