import Foundation
import SplitControl
import SplitControlPort
import SplitCost
import SplitModels
import SplitSession

func resnet18() throws -> ModelProfile {
    RooflineEstimator().profile(of: try ModelZoo.model(named: "resnet18"))
}

func sampleTrace(_ name: String) -> String {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("SampleTraces/traces/\(name)").path
}

/// A control port on a free loopback port with its queue and publisher.
struct RunningPort {
    let server: ControlServer
    let operators = OperatorQueue()
    let publisher: SessionPublisher

    init(profile: ModelProfile, token: String? = nil, maximumLineBytes: Int = 64 * 1024, capacity: Int = 4_096,
         header: SessionHeader? = nil, admission: OperatorAdmission = .everything, versions: [ModelVersion] = []) throws {
        publisher = SessionPublisher(capacity: capacity)
        if let header { publisher.setHeader(header) }
        server = try ControlServer.start(ControlServer.Configuration(address: ControlAddress(host: "127.0.0.1", port: 0), token: token,
                                                                     maximumLineBytes: maximumLineBytes, admission: admission,
                                                                     versions: versions),
                                         profile: profile, operators: operators, publisher: publisher)
    }

    func client() throws -> ControlPortClient { try ControlPortClient(port: server.port) }
}

/// Polls `condition` every 10 ms for up to `seconds`; true once it holds.
func eventually(_ seconds: Double = 10, _ condition: () -> Bool) -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
        if condition() { return true }
        Thread.sleep(forTimeInterval: 0.01)
    }
    return condition()
}
