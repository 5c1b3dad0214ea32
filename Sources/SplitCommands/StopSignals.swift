import Dispatch
import Foundation
import SplitDevice

/// SIGINT and SIGTERM ask a live session to stop, so it can close its recording, rather than kill
/// the process; until ``cancel()``.
struct StopSignals {
    private let sources: [any DispatchSourceSignal]

    init(stopping stop: LiveStop) {
        sources = [SIGINT, SIGTERM].map { number -> any DispatchSourceSignal in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { stop.stop() }
            source.resume()
            return source
        }
    }

    /// Stops listening for the signals.
    func cancel() {
        sources.forEach { $0.cancel() }
    }
}
