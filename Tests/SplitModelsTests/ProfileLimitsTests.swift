import Testing
import SplitModels

/// Every number a profile holds is checked against its quantity, and so are the model's totals,
/// so counts derived from a profile (bytes at a cut, device memory) always fit an `Int`.
@Suite("Profile and graph size limits")
struct ProfileLimitsTests {
    static func profile(outputBytes: String = "8192", deviceMs: String = "2.5", macs: String = "100",
                        params: String = "10", inputBytes: String = "3072", layers: Int = 1) -> String {
        let layerText = (0..<layers).map { i in
            """
            { "name": "l\(i)", "inputs": ["\(i == 0 ? "input" : "l\(i - 1)")"], "output_bytes": \(outputBytes),
              "device_ms": \(deviceMs), "edge_ms": 0.1, "macs": \(macs), "params": \(params) }
            """
        }.joined(separator: ",\n")
        return """
        { "format": "splitscope-profile", "version": 1, "name": "x", "input": { "bytes": \(inputBytes) },
          "layers": [\(layerText)] }
        """
    }

    static func error(_ text: String) -> ProfileError? {
        do {
            _ = try ModelProfile(jsonText: text)
            return nil
        } catch {
            return error
        }
    }

    @Test func theUnbrokenProfileReads() throws {
        let profile = try ModelProfile(jsonText: Self.profile(layers: 3))
        #expect(profile.layerCount == 3)
    }

    @Test func extremeFieldsNameTheFieldAndPrintCountsAsIntegers() {
        let cases: [(String, String, String)] = [
            (Self.profile(outputBytes: "9223372036854775807"), "layers[0].output_bytes", "got 9223372036854775808"),
            (Self.profile(outputBytes: "1e300"), "layers[0].output_bytes", "got 1e+300"),
            (Self.profile(outputBytes: "-1"), "layers[0].output_bytes", "got -1"),
            (Self.profile(deviceMs: "1e300"), "layers[0].device_ms", "time must be from 0 to 86400000 ms"),
            (Self.profile(deviceMs: "-5e-324"), "layers[0].device_ms", "got -5e-324"),
            (Self.profile(macs: "1e19"), "layers[0].macs", "MAC count"),
            (Self.profile(params: "1e16"), "layers[0].params", "parameter count"),
            (Self.profile(inputBytes: "0"), "input.bytes", "must be > 0"),
            (Self.profile(inputBytes: "2.5"), "input.bytes", "whole number"),
        ]
        for (text, field, words) in cases {
            let error = Self.error(text)
            #expect(error?.field == field, "\(text)")
            #expect(error?.reason.contains(words) == true, "\(String(describing: error)) should say \(words)")
            #expect(error?.reason.contains("e+18") == false)
        }
    }

    @Test func totalsTooLargeToCountAreRejected() {
        // Each tensor is in range (1e15 bytes), but 200 of them add up to more than 1e17.
        let tooMany = Self.error(Self.profile(outputBytes: "1e15", layers: 200))
        #expect(tooMany?.field == "layers")
        #expect(tooMany?.reason.contains("tensors") == true)
        let macs = Self.error(Self.profile(macs: "1e18", layers: 2))
        #expect(macs?.reason.contains("MACs") == true)
        let params = Self.error(Self.profile(params: "1e15", layers: 2))
        #expect(params?.reason.contains("parameters") == true)
    }

    @Test func aGraphTooLargeForItsBatchIsAShapeError() {
        var builder = GraphBuilder(name: "wide", input: TensorShape([3, 4096, 4096]))
        let x = builder.conv(builder.input, 65_536, kernel: 1, name: "conv")
        builder.linear(builder.flatten(x, name: "flatten"), 10, name: "fc")
        #expect(throws: ShapeError.self) { try builder.finish(batchSize: 65_536) }
        #expect(throws: Never.self) { try builder.finish(batchSize: 1) }
    }
}
