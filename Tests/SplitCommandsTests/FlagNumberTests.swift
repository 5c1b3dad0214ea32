import ArgumentParser
import Foundation
import Testing
@testable import SplitCommands

/// Every numeric flag of every subcommand takes plain decimal numbers only, shows its default as
/// the user would type it, and every thread count is bounded by this machine's cores.
@Suite("Numbers in flags")
struct FlagNumberTests {
    @Test(arguments: [("16", 16.0), ("-2", -2), ("+3", 3), ("0.25", 0.25), (".5", 0.5), ("5.", 5), ("1e9", 1e9),
                      ("2.5E-3", 0.0025), ("1e+2", 100), ("007", 7)])
    func plainDecimalsAreRead(text: String, value: Double) {
        #expect(FlagNumber(argument: text)?.value == value)
    }

    @Test(arguments: ["0x10", "0X10", "0x1p4", "nan", "NaN", "inf", "-inf", "infinity", "", " ", " 16", "16 ", "16abc", "1e",
                      "e5", ".", "-", "+-1", "--1", "1_000", "1,5", "1.2.3", "1e5.5", "١٦", "16ms"])
    func everythingElseIsRefused(text: String) {
        #expect(FlagNumber(argument: text) == nil)
    }

    @Test func defaultsPrintAsTyped() {
        #expect(FlagNumber(1).defaultValueDescription == "1")
        #expect(FlagNumber(0.9).defaultValueDescription == "0.9")
        #expect(FlagNumber(224).defaultValueDescription == "224")
        #expect(FlagNumber(1_048_576).defaultValueDescription == "1048576")
        #expect(FlagNumber(-3).description == "-3")
    }

    // MARK: - Every subcommand's flags

    /// One subcommand: the words that select it and its type.
    struct Subcommand: CustomStringConvertible, Sendable {
        var path: [String]
        var type: ParsableCommand.Type
        var description: String { path.joined(separator: " ") }
    }

    /// Every subcommand of `splitscope`, nested ones included.
    static var subcommands: [Subcommand] {
        func walk(_ type: ParsableCommand.Type, _ path: [String]) -> [Subcommand] {
            let children = type.configuration.subcommands
            let here = path.isEmpty ? [] : [Subcommand(path: path, type: type)]
            return here + children.flatMap { walk($0, path + [$0.configuration.commandName ?? "\($0)"]) }
        }
        return walk(SplitscopeCommand.self, [])
    }

    /// A subcommand with its help screen, the options that take a value and those it requires.
    struct Probe: Sendable {
        var command: Subcommand
        var help: String
        var valueOptions: [String]
        var required: [String]
    }

    /// Every subcommand's ``Probe``, worked out once for all the tests here.
    ///
    /// A help screen or a parse of a large subcommand (simulate has 51 options) costs a tenth of a
    /// second in a debug build, most of it argument-parser's own debug checks of the command tree,
    /// so the suite makes each help screen and finds each subcommand's required options only once.
    static let probes: [Probe] = subcommands.map { command in
        let help = SplitscopeCommand.helpMessage(for: command.type, columns: 10_000)
        return Probe(command: command, help: help, valueOptions: valueOptions(inHelp: help),
                     required: requiredArguments(of: command))
    }

    /// The options that take a value in a subcommand's help (`--split <split>`), each once.
    static func valueOptions(inHelp help: String) -> [String] {
        var flags = [String]()
        for line in help.split(separator: "\n") {
            let words = line.split(separator: " ")
            for (index, word) in words.enumerated() where word.hasPrefix("--") && index + 1 < words.count
                && words[index + 1].hasPrefix("<") {
                let flag = String(word.trimmingCharacters(in: CharacterSet(charactersIn: ",")))
                if !flags.contains(flag) { flags.append(flag) }
            }
        }
        return flags
    }

    /// The options `command` requires (each given as `1`), so that a flag's value is what is
    /// judged when it is parsed: found by parsing with nothing but them until nothing is missing.
    static func requiredArguments(of command: Subcommand) -> [String] {
        var extra = [String]()
        for _ in 0..<6 {
            do {
                _ = try SplitscopeCommand.parseAsRoot(command.path + extra)
                return extra
            } catch {
                let message = SplitscopeCommand.message(for: error)
                // "Missing expected argument '--listen <listen>'" or "… '<file>'": give it.
                guard message.hasPrefix("Missing expected argument '"),
                      let missing = message.split(separator: "'").dropFirst().first?.split(separator: " ").first else {
                    return extra
                }
                extra += missing.hasPrefix("--") ? [String(missing), "1"] : ["1"]
            }
        }
        return extra
    }

    /// argument-parser's message for `command flag value` (with the command's required options),
    /// nil when it parses.
    static func parseError(_ command: Subcommand, _ flag: String, _ value: String, required: [String]) -> String? {
        do {
            _ = try SplitscopeCommand.parseAsRoot(command.path + required + [flag, value])
            return nil
        } catch {
            return SplitscopeCommand.message(for: error)
        }
    }

    /// Whether argument-parser refused `value` as a value of `flag` (not some other problem).
    static func refusesValue(_ command: Subcommand, _ flag: String, _ value: String, required: [String]) -> Bool {
        guard let message = parseError(command, flag, value, required: required) else { return false }
        // "The value '0x10' is invalid for '--split <split>'", or for "-inf" on an option that does
        // not take a leading dash, "Missing value for '--seed <seed>'".
        return message.contains("is invalid for '\(flag) ") || message.contains("Missing value for '\(flag) ")
    }

    /// ``numericFlags``, worked out once for all the tests here.
    static let numericFlagList = numericFlags

    /// The flags that take numbers: they take `16` and refuse `abc` as their value.
    static var numericFlags: [(command: Subcommand, flag: String, required: [String])] {
        probes.flatMap { probe in
            probe.valueOptions
                .filter { refusesValue(probe.command, $0, "abc", required: probe.required)
                    && !refusesValue(probe.command, $0, "16", required: probe.required) }
                .map { (probe.command, $0, probe.required) }
        }
    }

    @Test("no numeric flag of any subcommand takes hex, nan, inf or trailing junk")
    func noNumericFlagTakesAnythingButDecimals() {
        let numeric = Self.numericFlagList
        let found = Set(numeric.map { "\($0.command) \($0.flag)" })
        // The walk finds them: those the review named, and dozens more.
        for known in ["run --split", "run --threads", "run --repeat", "profile --edge-threads", "edge --threads",
                      "eval --threads", "bench engine --rounds", "simulate --hysteresis", "plan --bandwidth-mbps",
                      "device --repeat", "export --split"] {
            #expect(found.contains(known), "\(known) not found among \(found.sorted())")
        }
        #expect(numeric.count > 60)
        var accepted = [String]()
        for (command, flag, required) in numeric {
            for text in ["0x10", "inf", "nan"]
            where !Self.refusesValue(command, flag, text, required: required) {
                accepted.append("\(command) \(flag) \(text)")
            }
        }
        #expect(accepted.isEmpty, "accepted: \(accepted)")
    }

    @Test(arguments: [("16", 16.0), ("0", 0), ("007", 7), ("-1", -1), ("65536", 65_536)])
    func wholeDecimalsAreReadAsIntegers(text: String, value: Double) {
        #expect(FlagInteger(argument: text)?.value == value)
    }

    @Test(arguments: ["1e1", "2.0", "2.", ".5", "+3", "0x10", "nan", "inf", "", " 1", "1 ", "-", "--1", "+-1", "1_000", "1,5", "16k", "١٦"])
    func everythingElseIsRefusedAsAnInteger(text: String) {
        #expect(FlagInteger(argument: text) == nil)
        #expect(FlagSeed(argument: text) == nil)
    }

    @Test func seedsTakeEvery64BitValueAndNothingMore() {
        #expect(FlagSeed(argument: "18446744073709551615")?.value == UInt64.max)
        #expect(FlagSeed(argument: "18446744073709551616") == nil)
        #expect(FlagSeed(argument: "-1") == nil)
        #expect(FlagSeed(argument: "7")?.value == 7)
    }

    @Test("every whole-number flag of every subcommand takes plain digits only: not 1e1, 2.0 or +3")
    func wholeNumberFlagsTakeDigitsOnly() {
        // A whole-number flag is one that refuses 2.5 (however it words it) but takes 16; found by
        // the walk, so a flag added tomorrow is judged too.
        let whole = Self.numericFlagList.filter { command, flag, required in
            Self.parseError(command, flag, "2.5", required: required)?.contains(flag) ?? false
        }
        let found = Set(whole.map { "\($0.command) \($0.flag)" })
        for known in ["run --split", "run --repeat", "run --batch", "run --threads", "eval --batch", "eval --limit",
                      "export --split", "plan --current-split", "simulate --seed", "simulate --devices", "edge --queue",
                      "bench engine --rounds", "bench replay --events", "bench live --tensor-bytes", "device --seed"] {
            #expect(found.contains(known), "\(known) not found among \(found.sorted())")
        }
        var accepted = [String]()
        for (command, flag, required) in whole {
            for text in ["1e1", "2.0", "+3", "16.0", "1E1"] {
                let message = Self.parseError(command, flag, text, required: required)
                if message != "The value '\(text)' is invalid for '\(flag) <\(flag.dropFirst(2))>'" {
                    accepted.append("\(command) \(flag) \(text): \(message ?? "accepted")")
                }
            }
        }
        #expect(accepted.isEmpty, "\(accepted)")
    }

    @Test("no help shows a whole-number default as N.0")
    func noHelpShowsWholeDefaultsWithAFraction() throws {
        let wholeWithFraction = try Regex(#"\(default: -?[0-9]+\.0\)"#)
        var shown = [String]()
        for probe in Self.probes {
            for line in probe.help.split(separator: "\n") where line.contains(wholeWithFraction) {
                shown.append("\(probe.command): \(line.trimmingCharacters(in: .whitespaces))")
            }
        }
        #expect(shown.isEmpty, "\(shown)")
        let run = SplitscopeCommand.helpMessage(for: RunCommand.self, columns: 10_000)
        #expect(run.contains("(default: 1)"), "\(run)")
    }

    // MARK: - Thread counts

    @Test func aThreadCountAboveTheCoresIsRefusedNamingThem() throws {
        #expect(throws: Never.self) { try ThreadCount.checked(FlagInteger(2), flag: "--threads", cores: 2) }
        #expect(try ThreadCount.checked(FlagInteger(1), flag: "--threads", cores: 2) == 1)
        do {
            _ = try ThreadCount.checked(FlagInteger(1024), flag: "--threads", cores: 2)
            Issue.record("1024 threads on 2 cores was accepted")
        } catch {
            #expect(error.message == "--threads 1024: this machine has 2 cores; give 1 to 2")
        }
        do {
            _ = try ThreadCount.checked(FlagInteger(2), flag: "--edge-threads", cores: 1)
            Issue.record("2 threads on 1 core was accepted")
        } catch {
            #expect(error.message == "--edge-threads 2: this machine has 1 core; give 1")
        }
        // Below one or not whole: the thread-count quantity's own message.
        for bad in [FlagNumber(0), FlagNumber(1.5), FlagNumber(-1)] {
            #expect(throws: CommandError.self) { try ThreadCount.checked(bad, flag: "--threads", cores: 8) }
        }
    }

    @Test("every flag that sets a thread count refuses one above this machine's cores, before the command runs")
    func everyThreadFlagIsBoundedByTheCores() {
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let threadFlags = Self.probes.flatMap { probe in
            probe.valueOptions.filter { $0.hasSuffix("threads") }.map { (probe, $0) }
        }
        let found = Set(threadFlags.map { "\($0.0.command) \($0.1)" })
        for known in ["run --threads", "device --threads", "edge --threads", "eval --threads", "profile --threads",
                      "profile --edge-threads", "bench live --edge-threads"] {
            #expect(found.contains(known), "\(known) not among \(found.sorted())")
        }
        for (probe, flag) in threadFlags {
            let (command, required) = (probe.command, probe.required)
            let message = Self.parseError(command, flag, "\(cores + 1)", required: required)
            #expect(message == "\(flag) \(cores + 1): this machine has \(cores) core\(cores == 1 ? "" : "s"); "
                + (cores == 1 ? "give 1" : "give 1 to \(cores)"), "\(command) \(flag)")
            // However far above: the engine's own ceiling (1024) is not what the user meets.
            let far = Self.parseError(command, flag, "100000", required: required)
            #expect(far == "\(flag) 100000: this machine has \(cores) core\(cores == 1 ? "" : "s"); "
                + (cores == 1 ? "give 1" : "give 1 to \(cores)"), "\(command) \(flag)")
            let accepted = Self.parseError(command, flag, "\(cores)", required: required)
            #expect(!(accepted?.contains("this machine has") ?? false), "\(command) \(flag) \(cores): \(accepted ?? "")")
        }
    }
}
