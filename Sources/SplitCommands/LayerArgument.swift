import SplitModels

/// A layer named on the command line by its name or by its output value's name (`run --outputs`,
/// `run --device-layers`, `export --device-layers`), read the same way by every flag.
enum LayerArgument {
    /// The index of the layer `name` stands for in `graph`, or a usage error naming `flag`: when no
    /// layer or value has that name, or when it is one layer's name and another layer's output
    /// value name (then the error says both and how to name each: `layer:NAME`, `value:NAME`).
    static func index(of name: String, in graph: ModelGraph, flag: String) throws(CommandError) -> Int {
        switch graph.match(layerOrValue: name) {
        case .layer(let index):
            return index
        case .none:
            throw CommandError("\(flag): \(graph.name) has no layer or tensor named \"\(name)\"")
        case .ambiguous(let layer, let value):
            let byLayer = graph.layers[layer], byValue = graph.layers[value]
            throw CommandError("\(flag): \"\(name)\" is ambiguous in \(graph.name): it names layer \(byLayer.name) "
                + "(whose output is \(byLayer.tensorName)) and the value \(byValue.tensorName) (the output of layer \(byValue.name)); "
                + "say \(TensorNameMatch.layerPrefix)\(name) for the first or \(TensorNameMatch.valuePrefix)\(name) for the second")
        }
    }
}
