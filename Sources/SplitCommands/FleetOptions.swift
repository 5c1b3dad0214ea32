import ArgumentParser
import Foundation
import SplitAllocation
import SplitModels
import SplitTerminal

/// `simulate --devices N` flags: many devices sharing one edge (issue 10 §4, MCIA).
///
/// Each device runs one of the versions of a model family at one split, with a share of the
/// edge's compute and of the uplink that an allocator gives it every second.
struct FleetOptions: ParsableArguments {
    @Option(name: .long, parsing: .unconditional,
            help: "Simulate this many devices sharing one edge: each second the exact, fast and greedy allocators choose every device's version, split and shares of the edge's compute and uplink.")
    var devices: FlagInteger?

    @Option(name: .long, help: "With --devices: bandwidth traces, files or folders separated by commas, one per device in turn (cycled; a folder gives its trace files in name order, skipping README and LICENSE files; default: SampleTraces/traces of the checkout or install).")
    var traces: String?


    @Option(name: .long, parsing: .unconditional, help: "With --devices: each task's weight on accuracy against latency, 0…1 as device --task-weight (1 counts as 0.999999: the shares need some weight on latency), separated by commas and cycled over the devices.")
    var accuracyWeights: String = "0.8,0.2"

    @Option(name: .long, parsing: .unconditional, help: "With --devices: the devices' compute in GMAC/s, separated by commas and cycled (default: --device-gmacs-per-s for all).")
    var deviceSpeeds: String?

    @Option(name: .long, parsing: .unconditional, help: "With --devices: the edge's total uplink in Mbit/s, shared among the devices.")
    var edgeUplinkMbps: FlagNumber = 50

    @Option(name: .long, parsing: .unconditional, help: "With --devices: run the exact allocator only up to this many devices.")
    var exactMaxDevices: FlagInteger = 8

    @Option(name: .long, help: "With --devices and --out: the allocator whose session is recorded: exact, fast or greedy (default fast; exact only up to --exact-max-devices).")
    var allocator: String?

    /// The allocator whose session `--out` records: `--allocator`, fast by default.
    func recordedAllocator(devices n: Int, exactMax: Int, out: String?) throws(CommandError) -> AllocatorKind? {
        guard out != nil else {
            if allocator != nil { throw CommandError("--allocator chooses whose session --out records; give --out FILE too") }
            return nil
        }
        guard let kind = AllocatorKind(rawValue: allocator ?? AllocatorKind.fast.rawValue) else {
            throw CommandError("--allocator: expected exact, fast or greedy, got \"\(allocator ?? "")\"")
        }
        if kind == .exact, n > exactMax {
            throw CommandError("--allocator exact: the exact allocator runs only up to --exact-max-devices (\(exactMax)); "
                + "\(Format.counted(n, "device")) were asked for: record fast or greedy, or raise --exact-max-devices")
        }
        return kind
    }

    /// The default versions: the two trained Fashion-MNIST models, as the training manifest records
    /// them (found by ``BundledFile``, from any working directory).
    static let defaultManifest = "Models/fashion-expected.json"

    /// The default traces: the shipped sample traces (found by ``BundledFile``).
    static let defaultTraces = "SampleTraces/traces"

    /// The trace files `--traces` names, folders expanded, in order.
    func traceFiles() throws(CommandError) -> [String] {
        var files: [String] = []
        for item in try CommaList.names(traces ?? BundledFile.path(Self.defaultTraces), flag: "--traces") {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: item, isDirectory: &isFolder) else {
                throw CommandError("--traces: \(item): no such file or folder")
            }
            guard isFolder.boolValue else {
                files.append(item)
                continue
            }
            let names = (try? FileManager.default.contentsOfDirectory(atPath: item)) ?? []
            let traceNames = names.sorted().filter { name in
                var nested: ObjCBool = false
                let path = (item as NSString).appendingPathComponent(name)
                return !name.hasPrefix(".") && !name.uppercased().hasPrefix("README") && !name.uppercased().hasPrefix("LICENSE")
                    && FileManager.default.fileExists(atPath: path, isDirectory: &nested) && !nested.boolValue
            }
            guard !traceNames.isEmpty else { throw CommandError("--traces: \(item) holds no trace files") }
            files += traceNames.map { (item as NSString).appendingPathComponent($0) }
        }
        return files
    }
}
