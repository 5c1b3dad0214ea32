import Foundation
import Testing

/// `profile --measure` chooses the thread count of `edge_ms` the way the edge chooses its own
/// (EdgeThreadChoice), says which and why, and `--edge-threads N` insists.
@Suite struct ProfileEdgeThreadsTests {
    @Test func theEdgeThreadCountIsChosenAsTheEdgeChoosesAndSaid() throws {
        let result = try SplitscopeBinary.run(["profile", "--model", "smallcnn", "--measure", "--repeat", "1"])
        #expect(result.status == 0, "\(result.stderr)")
        let cores = ProcessInfo.processInfo.activeProcessorCount
        if cores > 1 {
            let all = result.stderr.contains("profile --measure: edge_ms of smallcnn with \(cores) engine threads: all cores ran the model in ")
            let one = result.stderr.contains("profile --measure: edge_ms of smallcnn with 1 engine thread: one ran the model in ")
                && result.stderr.contains("all \(cores) cores in ") && result.stderr.contains("--edge-threads N insists")
            #expect(all != one, "\(result.stderr)")
        } else {
            #expect(result.stderr.contains("edge_ms with 1 engine thread (this machine has 1 core)"), "\(result.stderr)")
        }
        // Standard output stays the profile alone.
        #expect(result.stdout.hasPrefix("{"))
    }

    @Test func givenEdgeThreadsAreTakenWithoutMeasuringTheChoice() throws {
        let result = try SplitscopeBinary.run(["profile", "--model", "smallcnn", "--measure", "--repeat", "1", "--edge-threads", "1"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!result.stderr.contains("edge_ms of smallcnn with"), "\(result.stderr)")
    }

    @Test func aThreadCountAboveTheCoresIsRefusedBeforeMeasuring() throws {
        let cores = ProcessInfo.processInfo.activeProcessorCount
        for flag in ["--threads", "--edge-threads"] {
            let result = try SplitscopeBinary.run(["profile", "--model", "smallcnn", "--measure", flag, "\(cores + 1)"])
            #expect(result.status == 2)
            #expect(result.stderr.hasPrefix("splitscope: \(flag) \(cores + 1): this machine has \(cores) core"), "\(result.stderr)")
            #expect(result.stdout.isEmpty)
        }
    }
}
