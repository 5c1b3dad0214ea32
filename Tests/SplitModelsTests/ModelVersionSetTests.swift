import Testing
import SplitModels

/// The model-versions manifest: every field checked, every error naming the field and version.
@Suite("ModelVersionSet: the manifest of a model family's versions")
struct ModelVersionSetTests {
    static func manifest(_ versions: String, format: String = "\"splitscope-model-versions\"", version: String = "1",
                         family: String = "\"fashion\"") -> String {
        """
        {"format": \(format), "version": \(version), "family": \(family), "data": "fashion-mnist",
         "versions": [\(versions)]}
        """
    }

    static let two = """
        {"name": "full", "file": "fashion-edge.onnx", "accuracy_pct": 90.21, "compression": "none"},
        {"name": "small", "file": "fashion-device.onnx", "accuracy_pct": 89.31}
        """

    static func error(_ text: String) -> ModelVersionSetError? {
        do {
            _ = try ModelVersionSet(bytes: Array(text.utf8))
            return nil
        } catch {
            return error
        }
    }

    @Test func readsTheAgreedFormat() throws {
        let set = try ModelVersionSet(bytes: Array(Self.manifest(Self.two).utf8))
        #expect(set.family == "fashion")
        #expect(set.data == "fashion-mnist")
        #expect(set.versions.map(\.name) == ["full", "small"])
        #expect(set.versions[0].source == .file("fashion-edge.onnx"))
        #expect(set.versions[1].accuracyPercent == 89.31)
        #expect(set.versions[1].compression == "none")
        #expect(set.mostAccurate.name == "full")
        #expect(set.version(named: "small")?.accuracyPercent == 89.31)
        #expect(set.version(named: "p50") == nil)
    }

    @Test func aVersionMayNameAZooModel() throws {
        let set = try ModelVersionSet(bytes: Array(Self.manifest("""
            {"name": "a", "model": "mobilenetv2", "accuracy_pct": 71.9}
            """).utf8))
        #expect(set.versions[0].source == .zooModel("mobilenetv2"))
        #expect(set.versions[0].filePath(relativeTo: "Models") == nil)
    }

    @Test func writesWhatItReads() throws {
        let set = try ModelVersionSet(bytes: Array(Self.manifest(Self.two).utf8))
        let again = try ModelVersionSet(json: set.json)
        #expect(again == set)
    }

    @Test func filesAreRelativeToTheManifestsFolder() {
        let version = ModelVersion(name: "v", source: .file("m.onnx"), accuracyPercent: 50)
        #expect(version.filePath(relativeTo: "Models") == "Models/m.onnx")
        #expect(version.filePath(relativeTo: "/a/b/") == "/a/b/m.onnx")
        #expect(version.filePath(relativeTo: "") == "m.onnx")
        let absolute = ModelVersion(name: "v", source: .file("/x/m.onnx"), accuracyPercent: 50)
        #expect(absolute.filePath(relativeTo: "Models") == "/x/m.onnx")
    }

    @Test(arguments: [
        ("\"accuracy_pct\": 101", "versions[1].accuracy_pct", "accuracy must be from 0 to 100 %, got 101"),
        ("\"accuracy_pct\": -0.5", "versions[1].accuracy_pct", "accuracy must be from 0 to 100 %, got -0.5"),
        ("\"accuracy_pct\": 1e400", "", "not valid JSON"),
        ("\"accuracy_pct\": \"90\"", "versions[1].accuracy_pct", "expected a number"),
        ("\"accuracy_pct\": null", "versions[1].accuracy_pct", "missing"),
        ("\"compression\": 3", "versions[1].compression", "expected a description"),
    ])
    func badAccuracyNamesTheVersion(field: String, expectedField: String, reason: String) throws {
        let text = Self.manifest("""
            {"name": "full", "file": "a.onnx", "accuracy_pct": 90},
            {"name": "p50", "file": "b.onnx", \(field.hasPrefix("\"accuracy") ? field : "\"accuracy_pct\": 80, " + field)}
            """)
        let error = try #require(Self.error(text))
        #expect(error.field == expectedField)
        #expect(error.reason.contains(reason), "\(error)")
    }

    @Test func missingAccuracyNamesTheVersion() throws {
        let error = try #require(Self.error(Self.manifest("""
            {"name": "full", "file": "a.onnx", "accuracy_pct": 90}, {"name": "p50", "file": "b.onnx"}
            """)))
        #expect(error.description == "versions[1].accuracy_pct: missing (the version's measured accuracy, in %)")
    }

    @Test func nonFiniteAccuracyIsRefusedWhenBuiltInCode() {
        for bad in [Double.nan, .infinity, -.infinity, 100.000_001] {
            #expect(throws: ModelVersionSetError.self) {
                try ModelVersionSet(family: "f", versions: [ModelVersion(name: "v", source: .zooModel("x"), accuracyPercent: bad)])
            }
        }
    }

    @Test(arguments: [
        (#"{"name": "a", "file": "a.onnx", "accuracy_pct": 90}, {"name": "a", "file": "b.onnx", "accuracy_pct": 80}"#,
         "versions[1].name", "duplicate version name \"a\" (also versions[0])"),
        (#"{"file": "a.onnx", "accuracy_pct": 90}"#, "versions[0].name", "expected a non-empty string"),
        (#"{"name": "", "file": "a.onnx", "accuracy_pct": 90}"#, "versions[0].name", "expected a non-empty string"),
        (#"{"name": "a", "accuracy_pct": 90}"#, "versions[0].file", "missing"),
        (#"{"name": "a", "file": "", "accuracy_pct": 90}"#, "versions[0].file", "expected a file name"),
        (#"{"name": "a", "file": 7, "accuracy_pct": 90}"#, "versions[0].file", "expected a file name"),
        (#"{"name": "a", "model": "", "accuracy_pct": 90}"#, "versions[0].model", "expected a zoo model name"),
        (#"{"name": "a", "file": "a.onnx", "model": "alexnet", "accuracy_pct": 90}"#, "versions[0]", "not both"),
        (#""a""#, "versions[0]", "expected an object"),
        ("", "versions", "at least one version"),
    ])
    func badVersionsNameTheField(versions: String, field: String, reason: String) throws {
        let error = try #require(Self.error(Self.manifest(versions)))
        #expect(error.field == field)
        #expect(error.reason.contains(reason), "\(error)")
    }

    @Test func badHeadersNameTheField() throws {
        let cases: [(String, String, String)] = [
            (Self.manifest(Self.two, format: "\"splitscope-profile\""), "format", "expected \"splitscope-model-versions\""),
            (Self.manifest(Self.two, format: "null"), "format", "expected"),
            (Self.manifest(Self.two, version: "2"), "version", "version 2 is not supported (this build reads 1)"),
            (Self.manifest(Self.two, version: "1.5"), "version", "expected an integer"),
            (Self.manifest(Self.two, family: "\"\""), "family", "expected a non-empty string"),
            (#"{"format": "splitscope-model-versions", "version": 1, "family": "f", "versions": {}}"#, "versions", "expected an array"),
            (#"{"format": "splitscope-model-versions", "version": 1, "family": "f", "data": 3, "versions": []}"#, "data", "expected a data set"),
            ("[]", "", "expected a JSON object"),
            ("{\"format\": ", "", "not valid JSON"),
        ]
        for (text, field, reason) in cases {
            let error = try #require(Self.error(text), "\(text)")
            #expect(error.field == field, "\(text)")
            #expect(error.reason.contains(reason), "\(error)")
        }
    }

    @Test func invalidUTF8IsAnErrorNotACrash() throws {
        var bytes = Array(Self.manifest(#"{"name": "a", "file": "a.onnx", "accuracy_pct": 90}"#).utf8)
        bytes.insert(0xFF, at: bytes.firstIndex(of: UInt8(ascii: "a")) ?? 0)
        #expect(throws: ModelVersionSetError.self) { try ModelVersionSet(bytes: bytes) }
    }
}
