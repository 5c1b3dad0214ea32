import NIOCore
import NIOPosix
import SplitControl
import SplitModels

/// The control port of a running session: operator commands in, the session event stream out.
///
/// A TCP server on SwiftNIO that speaks JSON lines (`docs/control-protocol.md`). It binds to
/// loopback unless told otherwise, and refuses any other address without a token; with a token,
/// every client must send `{"cmd":"auth","token":…}` before anything else. Commands go into
/// `operators`, which the session's frame loop drains before each frame; events published on
/// `publisher` go to every subscribed client.
///
/// ```swift
/// let server = try ControlServer.start(ControlServer.Configuration(address: ControlAddress(host: "127.0.0.1", port: 7070)),
///                                      profile: profile, operators: queue, publisher: publisher)
/// defer { server.close() }
/// ```
public final class ControlServer: Sendable {
    /// Where and how the port listens.
    public struct Configuration: Sendable {
        public var address: ControlAddress
        /// The token every client must present first; required off loopback.
        public var token: String?
        /// Longest accepted line in bytes; a longer one gets an error reply and is skipped.
        public var maximumLineBytes: Int
        /// The commands the session can carry out; the others get an error reply with the reason
        /// (and still reach the session, which records the attempt).
        public var admission: OperatorAdmission
        /// The model versions the session chooses among (empty for one model): a floor none of
        /// them meets is answered `{"ok":true,"note":"…"}`.
        public var versions: [ModelVersion]

        public init(address: ControlAddress, token: String? = nil, maximumLineBytes: Int = 64 * 1024,
                    admission: OperatorAdmission = .everything, versions: [ModelVersion] = []) {
            self.address = address
            self.token = token
            self.maximumLineBytes = maximumLineBytes
            self.admission = admission
            self.versions = versions
        }
    }

    /// The port it listens on (the one the system chose when asked for port 0).
    public let port: Int
    public let address: ControlAddress
    private let channel: any Channel

    private init(channel: any Channel, address: ControlAddress, port: Int) {
        self.channel = channel
        self.address = address
        self.port = port
    }

    /// Starts listening, or explains why it cannot.
    public static func start(_ configuration: Configuration, profile: ModelProfile, operators: OperatorQueue,
                             publisher: SessionPublisher) throws(ControlServerError) -> ControlServer {
        let address = configuration.address
        let token = configuration.token.flatMap { $0.isEmpty ? nil : $0 }
        guard address.isLoopback || token != nil else {
            throw ControlServerError("refusing to listen on \(address) without --token: anyone who can reach it could steer the session; "
                + "use 127.0.0.1 or give a token")
        }
        let maximum = max(1, configuration.maximumLineBytes)
        let bootstrap = ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.backlog, value: 64)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(ControlLineDecoder(maximumLength: maximum)))
                    try channel.pipeline.syncOperations.addHandler(ControlConnectionHandler(
                        profile: profile, token: token, maximumLineBytes: maximum, admission: configuration.admission,
                        versions: configuration.versions, operators: operators, publisher: publisher))
                }
            }
        do {
            let channel = try bootstrap.bind(host: address.host, port: address.port).wait()
            let port = channel.localAddress?.port ?? address.port
            return ControlServer(channel: channel, address: address, port: port)
        } catch {
            throw ControlServerError("cannot listen on \(address): \(error)")
        }
    }

    /// Stops listening and closes the listening socket (clients' connections close as the process ends).
    public func close() {
        try? channel.close().wait()
    }
}

/// Why the control port could not start.
public struct ControlServerError: Error, Hashable, Sendable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
