import Foundation
import SplitModels
import SplitTestSupport
import Testing
@testable import SplitCommands

/// No number crashes splitscope: every numeric option of every subcommand, given seeded extreme
/// values, gives an answer (status 0) or a clear message naming the option (status 2).
@Suite("Extreme numbers on the command line")
struct ExtremeNumberTests {
    /// One numeric option of one subcommand, with the arguments that make the command otherwise valid.
    struct NumericOption: CustomStringConvertible {
        var command: [String]
        var flag: String
        /// The option's range, for drawing values at and just outside it.
        var quantity: Quantity
        /// True when an accepted value would start a long run (a benchmark): only refused values are tried.
        var onlyRefused = false
        /// A template for the value (`"1:cap=%"`), for options whose value is not a bare number.
        var template = "%"

        var description: String { "\(command.first ?? "") \(flag)" }
    }

    static let traceDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("SampleTraces")
    static let trace = traceDirectory.appendingPathComponent("traces/pensieve-norway_bus_1").path
    static let session = traceDirectory.appendingPathComponent("sessions/resnet50-lte-walk.jsonl").path

    static var options: [NumericOption] {
        let plan = ["plan", "--model", "smallcnn", "--bandwidth-mbps", "5"]
        let dag = ["plan", "--model", "resnet18", "--bandwidth-mbps", "5"]
        let simulate = ["simulate", "--model", "smallcnn", "--bandwidth-trace", trace, "--duration", "2"]
        var options: [NumericOption] = []
        let model: [(String, Quantity)] = [
            ("--input-size", .inputSide), ("--batch", .batch), ("--device-gmacs-per-s", .gmacsPerSecond),
            ("--edge-gmacs-per-s", .gmacsPerSecond), ("--device-mem-gbps", .memoryGBps), ("--edge-mem-gbps", .memoryGBps),
        ]
        for command in [["inspect", "--model", "smallcnn"], ["profile", "--model", "smallcnn"], plan] {
            options += model.map { NumericOption(command: command, flag: $0.0, quantity: $0.1) }
        }
        let link: [(String, Quantity)] = [
            ("--bandwidth-mbps", .bandwidthMbps), ("--rtt-ms", .rttMs), ("--battery", .batteryPercent),
            ("--slo-ms", .sloMs), ("--memory-mb", .memoryMB), ("--min-device-layers", Quantity.layerCount.capped(at: 69)),
            ("--bandwidth-cap-mbps", .bandwidthMbps), ("--battery-floor", .batteryPercent),
            ("--compute-watts", .watts), ("--radio-watts", .watts), ("--idle-watts", .watts),
        ]
        options += link.map { NumericOption(command: dag, flag: $0.0, quantity: $0.1) }
        options.append(NumericOption(command: dag + ["--policy", "gads"], flag: "--current-split", quantity: .split(layerCount: 69)))
        options.append(NumericOption(command: dag, flag: "--policy", quantity: .split(layerCount: 69), template: "static:%"))
        let simulation: [(String, Quantity)] = [
            ("--fps", Quantity.fps.capped(at: 200)), ("--rtt-ms", .rttMs), ("--battery-mwh", .batteryMWh),
            ("--battery-start", .batteryPercent), ("--probe-interval", .probeInterval), ("--hysteresis", .fraction),
            ("--timeout-factor", .factor), ("--slo-ms", .sloMs), ("--memory-mb", .memoryMB),
            ("--min-device-layers", Quantity.layerCount.capped(at: 15)), ("--bandwidth-cap-mbps", .bandwidthMbps),
            ("--battery-floor", .batteryPercent), ("--compute-watts", .watts),
        ]
        options += simulation.map { NumericOption(command: simulate, flag: $0.0, quantity: $0.1) }
        // A long session would be a correct answer too, but too slow for a test: try refused lengths only.
        options.append(NumericOption(command: ["simulate", "--model", "smallcnn", "--bandwidth-trace", trace], flag: "--duration",
                                     quantity: .sessionLength, onlyRefused: true))
        let actions: [(String, Quantity)] = [
            ("1:pin=%", .split(layerCount: 15)), ("1:slo=%", .sloMs), ("1:memory=%", .memoryMB),
            ("1:min-layers=%", Quantity.layerCount.capped(at: 15)), ("1:cap=%", .bandwidthMbps), ("1:floor=%", .batteryPercent),
            ("%:unpin", Quantity.seconds.capped(at: 2)), ("1:batch=%", .batch),
        ]
        options += actions.map { NumericOption(command: simulate, flag: "--operator", quantity: $0.1, template: $0.0) }
        options.append(NumericOption(command: ["replay", session], flag: "--speed", quantity: .replaySpeed))
        options.append(NumericOption(command: ["replay", session], flag: "--start", quantity: .seconds))
        // The engine's commands: a value that is accepted starts a run, so only quick ones are tried
        // accepted (a split, a slowdown); threads, repeats, batches and sizes only refused.
        let run = ["run", "--model", "smallcnn"]
        options.append(NumericOption(command: run, flag: "--split", quantity: .split(layerCount: 15)))
        options += [("--repeat", Quantity.repeats), ("--threads", .threads), ("--batch", .batch), ("--input-size", .inputSide)]
            .map { NumericOption(command: run, flag: $0.0, quantity: $0.1, onlyRefused: true) }
        let measure = ["profile", "--model", "smallcnn", "--measure", "--repeat", "1"]
        options.append(NumericOption(command: measure, flag: "--slowdown", quantity: .slowdown))
        options += [("--threads", Quantity.threads), ("--edge-threads", .threads)]
            .map { NumericOption(command: measure, flag: $0.0, quantity: $0.1, onlyRefused: true) }
        options.append(NumericOption(command: ["profile", "--model", "smallcnn", "--measure"], flag: "--repeat", quantity: .repeats,
                                     onlyRefused: true))
        options += [("--repeat", Quantity.repeats), ("--rounds", .repeats), ("--input-size", .inputSide)]
            .map { NumericOption(command: ["bench", "engine", "--models", "smallcnn"], flag: $0.0, quantity: $0.1, onlyRefused: true) }
        options += [("--threads", Quantity.threads), ("--queue", .queueCapacity), ("--input-size", .inputSide)]
            .map { NumericOption(command: ["edge", "--listen", "127.0.0.1:0", "--model", "smallcnn"], flag: $0.0, quantity: $0.1,
                                 onlyRefused: true) }
        let trained = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Models/fashion-device.onnx").path
        options += [("--limit", Quantity.samples), ("--batch", .batch), ("--threads", .threads), ("--split", .split(layerCount: 12))]
            .map { NumericOption(command: ["eval", "--model-file", trained], flag: $0.0, quantity: $0.1, onlyRefused: true) }
        let edgeModel = URL(fileURLWithPath: trained).deletingLastPathComponent().appendingPathComponent("fashion-edge.onnx").path
        let cascade = ["eval", "--cascade", "--model-file", trained, "--edge-model-file", edgeModel]
        options += [("--bandwidth-mbps", Quantity.bandwidthMbps), ("--rtt-ms", .rttMs), ("--limit", .samples), ("--threads", .threads),
                    ("--thresholds", .confidence)]
            .map { NumericOption(command: cascade, flag: $0.0, quantity: $0.1, onlyRefused: true) }
        options.append(NumericOption(command: ["simulate", "--cascade", "--model-file", trained, "--edge-model-file", edgeModel,
                                               "--bandwidth-trace", trace, "--duration", "2"],
                                     flag: "--appeal-threshold", quantity: .confidence, onlyRefused: true))
        var decisions = Quantity.repetitions
        decisions.lowest = 10
        options.append(NumericOption(command: ["bench", "planner"], flag: "--decisions", quantity: decisions, onlyRefused: true))
        options.append(NumericOption(command: ["bench", "render"], flag: "--idle-seconds", quantity: .seconds, onlyRefused: true))
        var events = Quantity.repetitions
        events.lowest = 2
        options.append(NumericOption(command: ["bench", "replay"], flag: "--events", quantity: events, onlyRefused: true))
        // Many devices sharing one edge (`simulate --devices`).
        let fleet = ["simulate", "--devices", "2", "--duration", "2", "--traces", trace, "--versions", FleetCommandTests.manifest]
        options += [("--edge-uplink-mbps", Quantity.bandwidthMbps), ("--exact-max-devices", .deviceCount), ("--accuracy-weights", .fraction),
                    ("--device-speeds", .gmacsPerSecond), ("--slo-ms", .sloMs), ("--rtt-ms", .rttMs), ("--edge-gmacs-per-s", .gmacsPerSecond),
                    ("--device-gmacs-per-s", .gmacsPerSecond)]
            .map { NumericOption(command: fleet, flag: $0.0, quantity: $0.1) }
        let versions = ["--traces", trace, "--versions", FleetCommandTests.manifest]
        options.append(NumericOption(command: ["simulate", "--duration", "2"] + versions, flag: "--devices", quantity: .deviceCount,
                                     onlyRefused: true))
        options.append(NumericOption(command: ["simulate", "--devices", "2"] + versions, flag: "--duration", quantity: .sessionLength,
                                     onlyRefused: true))
        options += [("--devices", Quantity.deviceCount), ("--options", .repetitions), ("--instances", .repetitions)]
            .map { NumericOption(command: ["bench", "allocation"], flag: $0.0, quantity: $0.1, onlyRefused: true) }
        // The same table the command checks its flags against.
        let live = BenchLiveCommand.ranges.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        options += live.map { NumericOption(command: ["bench", "live"], flag: $0.0, quantity: $0.1, onlyRefused: true) }
        return options
    }

    /// Numbers as a user might type them, beyond what a Double prints.
    static let typed = ["-1", "0", "-0", "nan", "inf", "-inf", "1e999", "9223372036854775807", "-9223372036854775808",
                        "99999999999999999999999", "1e-310", "0x1p-1074", "1e13"]

    @Test func everyNumericOptionAnswersOrRefusesClearly() throws {
        var values = ExtremeDoubles(seed: 2026)
        var failures: [String] = []
        var runs = 0
        for (index, option) in Self.options.enumerated() {
            var texts = [Self.typed[index % Self.typed.count]]
            for _ in 0..<4 {
                texts.append(Self.text(values.next(around: option.quantity)))
            }
            for text in texts {
                let value = option.template.replacingOccurrences(of: "%", with: text)
                if option.onlyRefused, let number = Double(text), option.quantity.accepts(number) { continue }
                let result = try RunWithDeadline.splitscope(option.command + [option.flag, value])
                runs += 1
                if let problem = Self.problem(with: result, option: option) {
                    failures.append("\(option) \(value): \(problem)")
                }
            }
        }
        #expect(failures.isEmpty, "\(failures.count) of \(runs) runs:\n\(failures.prefix(20).joined(separator: "\n"))")
        #expect(runs > 200)
    }

    /// What is wrong with a run's outcome, or nil when it answered or refused clearly.
    static func problem(with result: RunWithDeadline.Result, option: NumericOption) -> String? {
        if result.timedOut { return "still running after \(RunWithDeadline.limit) s" }
        if result.signalled { return "killed by signal \(result.status): \(result.stderr.prefix(300))" }
        for trap in ["Fatal error", "Backtrac", "Illegal instruction"] where result.stderr.contains(trap) {
            return "trapped: \(result.stderr.prefix(300))"
        }
        switch result.status {
        case 0:
            return result.stdout.isEmpty ? "status 0 with no output" : nil
        case 1 where option.command.first == "replay" && result.stderr.contains("cannot start the terminal UI"):
            return nil  // the value was accepted; tests have no terminal for the dashboard
        case 2:
            let named = result.stderr.contains(option.flag) || result.stderr.contains("'\(option.flag)")
            return named && result.stderr.hasPrefix("splitscope: ") ? nil : "status 2 without naming \(option.flag) in splitscope's words: \(result.stderr.prefix(300))"
        default:
            return "status \(result.status): \(result.stderr.prefix(300))"
        }
    }

    /// A Double as a user would type it (Swift's shortest form).
    static func text(_ value: Double) -> String {
        "\(value)"
    }

    @Test func theIssuesCommandsEachGiveAClearMessage() throws {
        let cases: [(args: [String], message: String)] = [
            (["plan", "--model", "resnet50", "--bandwidth-mbps", "10", "--memory-mb", "1e13"],
             "splitscope: --memory-mb: memory budget must be from 1e-6 to 1e9 MB, got 10000000000000\n"),
            (["simulate", "--model", "resnet50", "--bandwidth-trace", Self.trace, "--memory-mb", "1e308"],
             "splitscope: --memory-mb: memory budget must be from 1e-6 to 1e9 MB, got 1e+308\n"),
            (["simulate", "--model", "resnet50", "--bandwidth-trace", Self.trace, "--operator", "2:memory=1e13"],
             "splitscope: --operator \"2:memory=1e13\": memory budget must be from 1e-6 to 1e9 MB, got 10000000000000\n"),
            (["plan", "--model", "resnet50", "--bandwidth-mbps", "1e-305"],
             "splitscope: --bandwidth-mbps: bandwidth must be from 1e-6 to 1000000 Mbit/s, got 1e-305\n"),
            (["plan", "--model", "resnet50", "--bandwidth-mbps", "10", "--bandwidth-cap-mbps", "1e-305"],
             "splitscope: --bandwidth-cap-mbps: bandwidth must be from 1e-6 to 1000000 Mbit/s, got 1e-305\n"),
            (["simulate", "--model", "resnet50", "--bandwidth-trace", Self.trace, "--operator", "1:cap=1e-310"],
             "splitscope: --operator \"1:cap=1e-310\": bandwidth must be from 1e-6 to 1000000 Mbit/s, got 1e-310\n"),
            (["plan", "--model", "resnet50", "--bandwidth-mbps", "-1"],
             "splitscope: --bandwidth-mbps: bandwidth must be > 0 (from 1e-6 to 1000000 Mbit/s), got -1\n"),
            // The engine's flags speak the same words (ArgumentParser's own said "Missing value" and "invalid").
            (["profile", "--model", "smallcnn", "--measure", "--slowdown", "-1"],
             "splitscope: --slowdown: slowdown factor must be > 0 (from 0.001 to 1000000 ×), got -1\n"),
            // Whole-number flags take digits only (1e308 and 2.5 are refused as they are parsed,
            // FlagNumberTests): twenty digits are still a number, refused with its range.
            (["run", "--model", "smallcnn", "--split", "99999999999999999999"],
             "splitscope: --split: split must be a whole number from 0 to 15, got 1e+20\n"),
            (["run", "--model", "smallcnn", "--repeat", "99999999999999999999"],
             "splitscope: --repeat: repeat count must be a whole number from 1 to 1000000, got 1e+20\n"),
            (["edge", "--listen", "127.0.0.1:0", "--model", "smallcnn", "--threads", "0"],
             "splitscope: --threads: thread count must be > 0 (a whole number from 1 to 1024), got 0\n"),
        ]
        for (args, message) in cases {
            let result = try RunWithDeadline.splitscope(args)
            #expect(result.status == 2 && !result.signalled, "\(args)")
            #expect(result.stderr == message, "\(args)")
            #expect(result.stdout.isEmpty)
        }
    }

    @Test func outOfRangeSplitsAndLayerCountsAreRefusedAlike() throws {
        // The same words for a layer count, a pinned split and a static split beyond a 175-layer model.
        let cases: [(args: [String], message: String)] = [
            (["plan", "--model", "resnet50", "--bandwidth-mbps", "10", "--min-device-layers", "1000"],
             "splitscope: --min-device-layers: layer count must be a whole number from 0 to 175, got 1000\n"),
            (["simulate", "--model", "resnet50", "--bandwidth-trace", Self.trace, "--duration", "20", "--operator", "10:pin=9999"],
             "splitscope: --operator \"10:pin=9999\": split must be a whole number from 0 to 175, got 9999\n"),
            (["plan", "--model", "resnet50", "--bandwidth-mbps", "10", "--policy", "static:999"],
             "splitscope: --policy static:999: split must be a whole number from 0 to 175, got 999\n"),
            (["simulate", "--model", "resnet50", "--bandwidth-trace", Self.trace, "--duration", "2", "--policy", "static:999"],
             "splitscope: --policy static:999: split must be a whole number from 0 to 175, got 999\n"),
            (["simulate", "--model", "resnet50", "--bandwidth-trace", Self.trace, "--duration", "20", "--operator", "10:min-layers=176"],
             "splitscope: --operator \"10:min-layers=176\": layer count must be a whole number from 0 to 175, got 176\n"),
            (["simulate", "--model", "resnet50", "--bandwidth-trace", Self.trace, "--duration", "20", "--operator", "30:unpin"],
             "splitscope: --operator \"30:unpin\": time must be from 0 to 20 s, got 30\n"),
        ]
        for (args, message) in cases {
            let result = try RunWithDeadline.splitscope(args)
            #expect(result.status == 2, "\(args)")
            #expect(result.stderr == message, "\(args)")
        }
        // At the limits the same commands answer.
        let atLimit = try RunWithDeadline.splitscope(["plan", "--model", "resnet50", "--bandwidth-mbps", "10",
                                                     "--min-device-layers", "175", "--json"])
        #expect(atLimit.status == 0)
        #expect(atLimit.stdout.contains("\"split\": 175"))
    }
}

/// Runs the built `splitscope` with a deadline, telling a crash (a signal) from an exit.
enum RunWithDeadline {
    struct Result {
        var status: Int32
        var signalled: Bool
        var timedOut: Bool
        var stdout: String
        var stderr: String
    }

    /// Seconds a run may take before it counts as hung.
    static let limit = 120.0

    static func splitscope(_ arguments: [String]) throws -> Result {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("splitscope-run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let outURL = directory.appendingPathComponent("out")
        let errURL = directory.appendingPathComponent("err")
        FileManager.default.createFile(atPath: outURL.path, contents: nil)
        FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: outURL)
        let err = try FileHandle(forWritingTo: errURL)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: SplitscopeBinary.path)
        process.arguments = arguments
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(limit)
        while process.isRunning && Date() < deadline { usleep(5_000) }
        let timedOut = process.isRunning
        if timedOut { process.terminate() }
        process.waitUntilExit()
        try out.close()
        try err.close()
        return Result(status: process.terminationStatus, signalled: process.terminationReason == .uncaughtSignal,
                      timedOut: timedOut,
                      stdout: (try? String(contentsOf: outURL, encoding: .utf8)) ?? "",
                      stderr: (try? String(contentsOf: errURL, encoding: .utf8)) ?? "")
    }
}
