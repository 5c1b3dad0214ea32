import Foundation
import SplitModels
import Testing
@testable import SplitCommands

/// `splitscope edge` refuses bad flags before it listens: exit 2 and a message naming the flag.
@Suite("edge command")
struct EdgeCommandTests {
    @Test("bad flags exit 2 naming the flag or file", arguments: [
        (["--listen", "localhost", "--model", "smallcnn"], "--listen"),
        (["--listen", ":8001", "--model", "smallcnn"], "--listen"),
        (["--listen", "127.0.0.1:70000", "--model", "smallcnn"], "port"),
        (["--listen", "127.0.0.1:x", "--model", "smallcnn"], "port"),
        // The port is digits, as every address's is: Double would read hex, Int a plus sign.
        (["--listen", "127.0.0.1:0x1F90", "--model", "smallcnn"], "--listen: \"127.0.0.1:0x1F90\": \"0x1F90\" is not a port number"),
        (["--listen", "127.0.0.1:+80", "--model", "smallcnn"], "\"+80\" is not a port number"),
        (["--listen", "256.1.1.1:0", "--model", "smallcnn"], "\"256.1.1.1\" is not an IP address"),
        (["--listen", "edge.example:0", "--model", "smallcnn"], "is not an IP address"),
        (["--listen", "127.0.0.1:0"], "--model"),
        (["--listen", "127.0.0.1:0", "--model", "nope"], "nope"),
        (["--listen", "127.0.0.1:0", "--model-file", "/no/such/model.onnx"], "model.onnx"),
        (["--listen", "127.0.0.1:0", "--model", "smallcnn", "--queue", "-1"], "--queue"),
        (["--listen", "127.0.0.1:0", "--model", "smallcnn", "--threads", "0"], "--threads"),
        (["--listen", "127.0.0.1:0", "--model", "smallcnn", "--metrics", "nowhere"], "--metrics"),
        (["--listen", "127.0.0.1:0", "--model", "smallcnn", "--model", "smallcnn"], "smallcnn"),
    ])
    func badFlags(arguments: [String], mention: String) throws {
        let result = try SplitscopeBinary.run(["edge"] + arguments)
        #expect(result.status == 2, "\(arguments): \(result.stderr)")
        #expect(result.stderr.contains(mention), "\(arguments): \(result.stderr)")
    }
}

/// Addresses are printed so that they can be pasted back.
@Suite("edge addresses")
struct EdgeAddressTests {
    @Test func anIPv6HostIsBracketedAndAnIPv4HostIsNot() {
        #expect(EdgeAddress.joined("::1", 8001) == "[::1]:8001")
        #expect(EdgeAddress.joined("127.0.0.1", 8001) == "127.0.0.1:8001")
    }

    @Test func onlyIPLiteralsAreAddresses() {
        #expect(EdgeAddress.isIPLiteral("::1") && EdgeAddress.isIPLiteral("0.0.0.0"))
        #expect(!EdgeAddress.isIPLiteral("256.1.1.1") && !EdgeAddress.isIPLiteral("edge.example") && !EdgeAddress.isIPLiteral(""))
    }
}

/// `edge` without `--threads` uses every core unless one thread ran the first model faster at
/// start, and says which and why; `--threads N` is taken as given. (No timing is asserted: which
/// one wins depends on the machine's load.)
@Suite("edge threads")
struct EdgeThreadsTests {
    static func servingLine(_ extra: [String]) throws -> String {
        let edge = try ChildProcess(["edge", "--listen", "127.0.0.1:0", "--model", "smallcnn"] + extra)
        defer { edge.killNow() }
        let (out, _) = try edge.waitFor("the serving line", seconds: 120) { out, _ in out.contains("\n") }
        return out
    }

    @Test func theDefaultIsMeasuredAndSaid() throws {
        let line = try Self.servingLine([])
        let cores = ProcessInfo.processInfo.activeProcessorCount
        if cores > 1 {
            let allCores = line.contains("\(cores) engine threads: all cores ran the first model in ")
            let oneThread = line.contains("1 engine thread: one ran the first model in ") && line.contains("--threads N insists")
            #expect(allCores != oneThread, "\(line)")
        } else {
            #expect(line.contains("1 engine thread)"), "\(line)")
        }
    }

    @Test("the measured computer is the one served: the first model on a pool of the threads it reports")
    func theMeasuredComputerIsServed() throws {
        let graph = try ModelZoo.model(named: "smallcnn")
        let choice = try EdgeThreadChoice.measure(graph: graph, weights: .seeded(for: graph, seed: 1), cores: 2, repeats: 1)
        #expect(choice.threads == 1 || choice.threads == 2)
        #expect(choice.computer.pool.threads == choice.threads)
        #expect(choice.computer.graph == graph)
    }

    @Test func givenThreadsAreTakenAsGiven() throws {
        #expect(try Self.servingLine(["--threads", "1"]).contains("gRPC, 1 engine thread)"))
        let cores = ProcessInfo.processInfo.activeProcessorCount
        if cores > 1 {
            #expect(try Self.servingLine(["--threads", "\(cores)"]).contains("gRPC, \(cores) engine threads)"))
        }
    }
}
