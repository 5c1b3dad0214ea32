import Foundation
import SplitJSON
import Testing

@Suite("The splitscope binary")
struct CommandTests {
    @Test func modelsListsTheZoo() throws {
        let result = try SplitscopeBinary.run(["models"])
        #expect(result.status == 0)
        for name in ["alexnet", "vgg16", "resnet18", "resnet50", "mobilenetv2", "efficientnet-b0", "smallcnn"] {
            #expect(result.stdout.contains(name))
        }
        #expect(result.stdout.contains("4.089"))
    }

    @Test func inspectJSONHasTheDocumentedFields() throws {
        let result = try SplitscopeBinary.run(["inspect", "--model", "resnet50", "--json"])
        #expect(result.status == 0)
        let json = try JSONValue.parse(result.stdout).objectValue
        #expect(json?["name"]?.stringValue == "resnet50")
        #expect(json?["input_bytes"]?.intValue == 602_112)
        #expect(json?["total_params"]?.intValue == 25_557_032)
        let layers = json?["layers"]?.arrayValue ?? []
        #expect(layers.count == 175)
        let layer4 = layers.compactMap(\.objectValue).last { $0["name"]?.stringValue?.hasPrefix("layer4.") == true }
        #expect(layer4?["output_shape"]?.arrayValue == [2048, 7, 7])
        let marks = Set(layers.compactMap { $0.objectValue?["bottleneck"]?.stringValue })
        #expect(marks.isSubset(of: ["none", "natural", "compressive"]))
        #expect(marks.contains("compressive"))
        for key in ["name", "op", "inputs", "output_shape", "output_bytes", "macs", "params", "bottleneck"] {
            #expect(layers.first?.objectValue?[key] != nil, "missing \(key)")
        }
    }

    @Test func inspectTableMarksBottlenecks() throws {
        let result = try SplitscopeBinary.run(["inspect", "--model", "vgg16"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("compressive"))
        #expect(result.stdout.contains("features.30"))
    }

    @Test func planJSONAgreesWithTheHumanTable() throws {
        let json = try SplitscopeBinary.run(["plan", "--model", "vgg16", "--bandwidth-mbps", "2", "--rtt-ms", "30", "--json"])
        #expect(json.status == 0)
        let plan = try JSONValue.parse(json.stdout).objectValue
        for key in ["policy", "latency_ms", "energy_mj", "device_layers", "split", "transfer_bytes", "decision_us", "binding"] {
            #expect(plan?[key] != nil, "missing \(key)")
        }
        #expect(plan?["policy"]?.stringValue == "mincut")
        let latency = plan?["latency_ms"]?.doubleValue ?? 0
        let human = try SplitscopeBinary.run(["plan", "--model", "vgg16", "--bandwidth-mbps", "2", "--rtt-ms", "30"])
        #expect(human.status == 0)
        #expect(human.stdout.contains(String(format: "%.2f ms", latency)))
        // On a chain the exact optimum equals Neurosurgeon's exhaustive split.
        let ns = try SplitscopeBinary.run(["plan", "--model", "vgg16", "--bandwidth-mbps", "2", "--rtt-ms", "30",
                                           "--policy", "neurosurgeon", "--json"])
        let nsLatency = try JSONValue.parse(ns.stdout).objectValue?["latency_ms"]?.doubleValue ?? -1
        #expect(abs(nsLatency - latency) < 1e-9 * latency)
    }

    @Test func constraintsShowUpInThePlan() throws {
        let result = try SplitscopeBinary.run(["plan", "--model", "vgg16", "--bandwidth-mbps", "50", "--min-device-layers", "3", "--json"])
        #expect(result.status == 0)
        let plan = try JSONValue.parse(result.stdout).objectValue
        #expect((plan?["split"]?.intValue ?? 0) >= 3)
        #expect(plan?["binding"]?.arrayValue?.contains("min_device_layers") == true)
    }

    @Test func aWrittenProfilePlansLikeTheZooModel() throws {
        let dir = try SplitscopeBinary.temporaryDirectory()
        let profile = try SplitscopeBinary.run(["profile", "--model", "resnet18"])
        #expect(profile.status == 0)
        let file = dir.appendingPathComponent("resnet18.json")
        try profile.stdout.write(to: file, atomically: true, encoding: .utf8)
        let fromFile = try SplitscopeBinary.run(["plan", "--profile", file.path, "--bandwidth-mbps", "12", "--json"])
        let fromZoo = try SplitscopeBinary.run(["plan", "--model", "resnet18", "--bandwidth-mbps", "12", "--json"])
        #expect(fromFile.status == 0 && fromZoo.status == 0)
        let a = try JSONValue.parse(fromFile.stdout).objectValue
        let b = try JSONValue.parse(fromZoo.stdout).objectValue
        #expect(a?["latency_ms"] == b?["latency_ms"])
        #expect(a?["device_layers"] == b?["device_layers"])
    }

    @Test func helpExitsZero() throws {
        let result = try SplitscopeBinary.run(["plan", "--help"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("--bandwidth-mbps"))
    }
}
