import Foundation
import Testing

/// Bad input never crashes: a clear message naming the file and field, and exit status 2.
@Suite("Bad input on the command line")
struct BadInputTests {
    static let good = """
    { "format": "splitscope-profile", "version": 1, "name": "tiny",
      "input": { "bytes": 3072 },
      "layers": [
        { "name": "conv1", "inputs": ["input"], "output_bytes": 8192, "device_ms": 2.5, "edge_ms": 0.2, "op": "conv" },
        { "name": "fc", "inputs": ["conv1"], "output_bytes": 40, "device_ms": 0.5, "edge_ms": 0.1 }
      ] }
    """

    static let cases: [(name: String, text: String, mentions: [String])] = [
        ("malformed JSON", "{ \"format\": \"splitscope-profile\", ", ["line 1"]),
        ("NaN from Python", good.replacingOccurrences(of: "2.5", with: "NaN"), ["line", "column"]),
        ("unknown layer", good.replacingOccurrences(of: "[\"conv1\"]", with: "[\"conv9\"]"), ["layers[1].inputs[0]", "conv9"]),
        ("forward reference", good.replacingOccurrences(of: "[\"input\"]", with: "[\"fc\"]"), ["layers[0].inputs[0]", "later"]),
        ("self cycle", good.replacingOccurrences(of: "[\"conv1\"]", with: "[\"fc\"]"), ["layers[1].inputs[0]", "cycle"]),
        ("negative time", good.replacingOccurrences(of: "2.5", with: "-2.5"), ["layers[0].device_ms"]),
        ("infinite number", good.replacingOccurrences(of: "2.5", with: "1e999"), ["line"]),
        ("missing field", good.replacingOccurrences(of: ", \"edge_ms\": 0.1 ", with: ""), ["layers[1].edge_ms", "missing"]),
        ("empty layers", "{ \"format\": \"splitscope-profile\", \"version\": 1, \"name\": \"x\", \"input\": {\"bytes\": 1}, \"layers\": [] }",
         ["layers", "at least one"]),
        ("wrong format", good.replacingOccurrences(of: "splitscope-profile", with: "onnx"), ["format"]),
        ("future version", good.replacingOccurrences(of: "\"version\": 1", with: "\"version\": 7"), ["version 7"]),
        ("fractional bytes", good.replacingOccurrences(of: "8192", with: "81.5"), ["layers[0].output_bytes"]),
        ("string number", good.replacingOccurrences(of: "2.5", with: "\"2.5\""), ["layers[0].device_ms"]),
        ("zero input", good.replacingOccurrences(of: "3072", with: "0"), ["input.bytes"]),
        ("duplicate name", good.replacingOccurrences(of: "\"name\": \"fc\"", with: "\"name\": \"conv1\""), ["layers[1].name", "duplicate"]),
        ("binary garbage", "\u{01}\u{02}\u{FF}garbage", ["not valid JSON"]),
        ("empty file", "", ["not valid JSON"]),
    ]

    @Test func everyBrokenProfileIsRejectedClearly() throws {
        let dir = try SplitscopeBinary.temporaryDirectory()
        let goodFile = dir.appendingPathComponent("good.json")
        try Self.good.write(to: goodFile, atomically: true, encoding: .utf8)
        let ok = try SplitscopeBinary.run(["plan", "--profile", goodFile.path, "--bandwidth-mbps", "5"])
        #expect(ok.status == 0, "the unbroken profile must plan: \(ok.stderr)")
        for (index, broken) in Self.cases.enumerated() {
            let file = dir.appendingPathComponent("broken-\(index).json")
            try broken.text.write(to: file, atomically: true, encoding: .utf8)
            for command in [["plan", "--bandwidth-mbps", "5"], ["inspect"]] {
                let result = try SplitscopeBinary.run(command + ["--profile", file.path])
                #expect(result.status == 2, "\(broken.name): status \(result.status)")
                #expect(result.stderr.contains(file.path), "\(broken.name): \(result.stderr)")
                for word in broken.mentions {
                    #expect(result.stderr.contains(word), "\(broken.name): expected '\(word)' in \(result.stderr)")
                }
                #expect(result.stdout.isEmpty)
            }
        }
    }

    @Test func badFlagsExitTwoWithAMessage() throws {
        let cases: [(args: [String], mentions: String)] = [
            (["plan", "--model", "resnet99", "--bandwidth-mbps", "5"], "resnet99"),
            (["plan", "--model", "vgg16", "--bandwidth-mbps", "0"], "--bandwidth-mbps"),
            (["plan", "--model", "vgg16", "--bandwidth-mbps", "-3"], "bandwidth"),
            (["plan", "--model", "vgg16", "--bandwidth-mbps", "nan"], "--bandwidth-mbps"),
            (["plan", "--model", "vgg16"], "--bandwidth-mbps"),
            (["plan", "--model", "vgg16", "--bandwidth-mbps", "5", "--policy", "magic"], "magic"),
            (["plan", "--model", "vgg16", "--bandwidth-mbps", "5", "--policy", "static:99"], "static:99"),
            (["plan", "--model", "vgg16", "--bandwidth-mbps", "5", "--slo-ms", "-1"], "--slo-ms"),
            (["plan", "--model", "vgg16", "--bandwidth-mbps", "5", "--battery-floor", "140"], "--battery-floor"),
            (["plan", "--bandwidth-mbps", "5"], "--model"),
            (["plan", "--profile", "/nonexistent/p.json", "--bandwidth-mbps", "5"], "/nonexistent/p.json"),
            (["inspect", "--model", "resnet50", "--input-size", "8"], "--input-size: input size of resnet50 must be"),
            (["inspect", "--model", "resnet50", "--batch", "0"], "batch"),
            (["inspect", "--model", "resnet50", "--tensor-type", "int4"], "--tensor-type"),
            (["frobnicate"], "frobnicate"),
        ]
        for (args, word) in cases {
            let result = try SplitscopeBinary.run(args)
            #expect(result.status == 2, "\(args): status \(result.status) \(result.stderr)")
            #expect(result.stderr.contains(word), "\(args): \(result.stderr)")
        }
    }
}
