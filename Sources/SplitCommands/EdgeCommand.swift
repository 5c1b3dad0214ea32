import ArgumentParser
import Dispatch
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import SplitControlPort
import SplitEdge
import SplitEngine
import SplitModels
import SplitONNX

/// `splitscope edge`: serves models over the Open Inference Protocol for split inference.
struct EdgeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "edge",
        abstract: "Serve models over the Open Inference Protocol (KServe V2 gRPC), computed by the engine.",
        discussion: """
            Each model is named after its zoo name or its ONNX file's stem. ModelInfer takes the model \
            input or any set of tensors that forms a cut (named as the model names them) and returns the \
            requested tensors, the model output by default. See docs/edge-protocol.md.

            Example: splitscope edge --listen 127.0.0.1:8001 --model smallcnn --model-file resnet18.onnx
            """)

    @Option(name: .long, help: "HOST:PORT to serve gRPC on (port 0 picks a free port, printed at start).")
    var listen: String

    @Option(name: .long, help: "A built-in model to serve (repeatable; see `splitscope models`).")
    var model: [String] = []

    @Option(name: .long, help: "An ONNX model file to serve, named after the file's stem (repeatable).")
    var modelFile: [String] = []

    @Option(name: .long, parsing: .unconditional, help: "Input side in pixels for zoo models (default: each model's own).")
    var inputSize: FlagInteger?

    @Option(name: .long, help: "Weights for zoo models: seed:N for seeded deterministic weights (default seed:1), or a weights folder.")
    var weights: String?

    @Option(name: .long, parsing: .unconditional,
            help: "Worker threads for the engine (default: all cores, \(EdgeCommand.allCores) here, unless one thread runs the first model faster at start).")
    var threads: FlagInteger?

    @Option(name: .long, parsing: .unconditional, help: "Requests that may wait before new ones get RESOURCE_EXHAUSTED.")
    var queue: FlagInteger = 16

    @Option(name: .long, help: "HOST:PORT for Prometheus metrics over HTTP (GET /metrics).")
    var metrics: String?

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp(
        "The uplink, in Mbit/s, that the devices naming themselves (device_id) share.",
        discussion: "Default: not constrained, so only the edge's compute is shared among them. See docs/edge-protocol.md."))
    var uplinkMbps: FlagNumber?

    /// The cores this process may use: the edge's default thread count (an edge server owns its machine).
    static var allCores: Int { ThreadCount.onlineCores }

    func validate() throws {
        try ThreadCount.validate(threads, flag: "--threads")
    }

    func run() throws {
        let address = try EdgeAddress(listen, flag: "--listen")
        let metricsAddress = try metrics.map { try EdgeAddress($0, flag: "--metrics") }
        let capacity = Int(try Quantity.queueCapacity.checked(queue, flag: "--queue"))
        let uplink = try Quantity.bandwidthMbps.checkedIfGiven(uplinkMbps, flag: "--uplink-mbps")
        let requested = try threads.map { try ThreadCount.checked($0, flag: "--threads") }
        guard !model.isEmpty || !modelFile.isEmpty else {
            throw CommandError("give at least one --model NAME (one of \(ModelZoo.names.joined(separator: ", "))) "
                + "or --model-file FILE.onnx")
        }
        // Zoo-only options with no zoo model to apply them to would be ignored: refuse them.
        if model.isEmpty {
            let given = [("--input-size", inputSize != nil), ("--weights", weights != nil)].filter(\.1).map(\.0)
            guard given.isEmpty else {
                throw CommandError("\(given.joined(separator: ", ")) \(given.count == 1 ? "applies" : "apply") to zoo models "
                    + "(--model) only: a model file brings its own input size and weights")
            }
        }
        var loaded = [LoadedModel]()
        for name in model { loaded.append(try zooModel(name)) }
        for path in modelFile { loaded.append(try fileModel(path)) }
        // Every core by default, unless one thread runs the first model faster here right now.
        let choice: EdgeThreadChoice? = if requested == nil, Self.allCores > 1, let first = loaded.first {
            try EdgeThreadChoice.measure(graph: first.graph, weights: first.weights, cores: Self.allCores)
        } else {
            nil
        }
        let threadsLine = choice?.description
        // The measurement built the first model on the chosen pool: serve that, build the rest on its pool.
        let pool = choice?.computer.pool ?? ThreadPool(threads: requested ?? Self.allCores)
        var models = [EdgeModel]()
        for (index, model) in loaded.enumerated() {
            let computer: EnginePartComputer
            if index == 0, let choice {
                computer = choice.computer
            } else {
                computer = try engineComputer(graph: model.graph, weights: model.weights, pool: pool)
            }
            models.append(EdgeModel(name: model.name, graph: model.graph, dynamicBatch: model.dynamicBatch, computer: computer))
        }
        var seen = Set<String>()
        for served in models where !seen.insert(served.name).inserted {
            throw CommandError("two models are named \(served.name): serve each name once")
        }
        var configuration = EdgeConfiguration(
            host: address.host, port: address.port, queueCapacity: capacity,
            metrics: metricsAddress.map { ($0.host, $0.port) })
        configuration.uplinkMbps = uplink
        let server = EdgeServer(configuration: configuration, models: models, log: { Console.error("splitscope edge: \($0)") })
        let names = models.map(\.name).joined(separator: ", ")
        do {
            try Mailbox.waitFor {
                try await server.run { port, metricsPort in
                    var line = "splitscope edge: serving \(names) on \(EdgeAddress.joined(address.host, port)) (Open Inference Protocol, gRPC, "
                        + (threadsLine ?? Format.counted(pool.threads, "engine thread")) + ")"
                    if let metricsPort, let metricsAddress {
                        line += "; metrics on http://\(EdgeAddress.joined(metricsAddress.host, metricsPort))/metrics"
                    }
                    Console.line(line)
                }
            }
        } catch {
            throw CommandError("\(error)", isUsage: false)
        }
    }

    /// A model read and checked, before its engine parts are built.
    private struct LoadedModel {
        var name: String
        var graph: ModelGraph
        var weights: ModelWeights
        var dynamicBatch: Bool
    }

    private func zooModel(_ name: String) throws -> LoadedModel {
        let side = try inputSize.map { Int(try Quantity.inputSide.checked($0, flag: "--input-size")) }
        let graph: ModelGraph
        do {
            graph = try ModelZoo.model(named: name, inputSize: side, inputElement: .float32)
        } catch {
            throw CommandError("--model: \(error)")
        }
        let weights = try EngineOptions.zooWeights(self.weights ?? "seed:1", for: graph)
        return LoadedModel(name: graph.name, graph: graph, weights: weights, dynamicBatch: true)
    }

    private func fileModel(_ path: String) throws -> LoadedModel {
        let options = ONNXImportOptions(inputElement: .float32, activationElement: .float32)
        let imported = try ModelFile.importModel(path, flag: "--model-file", options: options,
                                                 manifestHint: "the edge serves each version's ONNX file: give each its own --model-file")
        let name = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
        return LoadedModel(name: name, graph: imported.graph, weights: imported.weights, dynamicBatch: imported.dynamicBatch)
    }

    /// The engine computer with the whole model built, so a model the engine cannot run is refused
    /// at start and the first whole-model request does not wait for its weights to be packed.
    private func engineComputer(graph: ModelGraph, weights: ModelWeights, pool: ThreadPool) throws -> EnginePartComputer {
        let computer = EnginePartComputer(graph: graph, weights: weights, pool: pool)
        do {
            try computer.prepare(layers: [Bool](repeating: true, count: graph.layers.count),
                                 outputs: [.layer(graph.layers.count - 1)], batch: graph.batchSize)
        } catch {
            throw CommandError.engine(error, graph: graph)
        }
        return computer
    }
}

/// A `HOST:PORT` argument.
struct EdgeAddress: Hashable {
    var host: String
    var port: Int

    /// Reads `text` as every address is read (``ControlAddress/init(parsing:connecting:)``);
    /// `connecting` for an address splitscope connects to, whose port cannot be 0 (a listener's
    /// "any free port"). The gRPC transports take no host names: the host is an IP literal, or
    /// `localhost` for 127.0.0.1.
    init(_ text: String, flag: String, connecting: Bool = false) throws {
        let parsed: ControlAddress
        do {
            parsed = try ControlAddress(parsing: text, connecting: connecting)
        } catch {
            throw CommandError("\(flag): \(error)")
        }
        let host = parsed.host == "localhost" ? "127.0.0.1" : parsed.host
        guard Self.isIPLiteral(host) else {
            throw CommandError("\(flag): \(DisplayText.quoted(host)) is not an IP address; give one such as 127.0.0.1, 0.0.0.0 or [::1]")
        }
        self.host = host
        port = parsed.port
    }
}

extension EdgeAddress {
    /// `host:port`, with an IPv6 host in brackets (`[::1]:8001`) so the port cannot be read as part of it.
    static func joined(_ host: String, _ port: Int) -> String {
        ControlAddress(host: host, port: port).description
    }

    /// Whether `host` is an IPv4 or IPv6 address literal (the transports take no names).
    static func isIPLiteral(_ host: String) -> Bool {
        var v4 = in_addr()
        var v6 = in6_addr()
        return inet_pton(AF_INET, host, &v4) == 1 || inet_pton(AF_INET6, host, &v6) == 1
    }
}
