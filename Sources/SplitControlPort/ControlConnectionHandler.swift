import NIOCore
import SplitControl
import SplitModels

/// One client of the control port: reads its lines, checks them, answers each with one reply.
///
/// Until the client authenticates (when the port has a token) only `auth` is accepted. Valid
/// operator commands go into the ``OperatorQueue`` the frame loop drains; `subscribe` adds the
/// client to the ``SessionPublisher``. No request, however broken, closes the connection.
final class ControlConnectionHandler: ChannelInboundHandler {
    typealias InboundIn = ControlLine
    typealias OutboundOut = ByteBuffer

    private let profile: ModelProfile
    private let token: String?
    private let maximumLineBytes: Int
    private let admission: OperatorAdmission
    private let versions: [ModelVersion]
    private let operators: OperatorQueue
    private let publisher: SessionPublisher
    private var authenticated: Bool

    init(profile: ModelProfile, token: String?, maximumLineBytes: Int, admission: OperatorAdmission, versions: [ModelVersion] = [],
         operators: OperatorQueue, publisher: SessionPublisher) {
        self.profile = profile
        self.token = token
        self.maximumLineBytes = maximumLineBytes
        self.admission = admission
        self.versions = versions
        self.operators = operators
        self.publisher = publisher
        authenticated = token == nil
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .oversized:
            reply(ControlReply.error("line longer than \(maximumLineBytes) bytes; it was ignored"), context: context)
        case .line(let bytes):
            guard bytes.contains(where: { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\t") }) else { return }
            handle(bytes, context: context)
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        publisher.unsubscribe(context.channel)
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        // A reset by the peer or a failed write: the connection is gone, the session goes on.
        context.close(promise: nil)
    }

    private func handle(_ bytes: [UInt8], context: ChannelHandlerContext) {
        let request: ControlRequest
        do {
            request = try ControlRequest(parsing: bytes, profile: profile)
        } catch {
            reply(ControlReply.error(error.message), context: context)
            return
        }
        if case .auth(let presented) = request {
            guard let token else {
                reply(ControlReply.ok, context: context)
                return
            }
            authenticated = TokenCheck.matches(presented, token)
            reply(authenticated ? ControlReply.ok : ControlReply.error("wrong token"), context: context)
            return
        }
        guard authenticated else {
            reply(ControlReply.error("authentication required: send {\"cmd\":\"auth\",\"token\":\"…\"} first"), context: context)
            return
        }
        switch request {
        case .auth:
            break
        case .subscribe:
            reply(ControlReply.ok, context: context)
            publisher.subscribe(context.channel)
        case .operatorMessage(let message):
            operators.push(message)
            guard case .command(let command) = message else {
                reply(ControlReply.ok, context: context)
                return
            }
            if let reason = admission.refusal(of: command) {
                reply(ControlReply.error(reason), context: context)
            } else {
                reply(ControlReply.ok(note: OperatorAdmission.note(on: command, versions: versions)), context: context)
            }
        }
    }

    private func reply(_ bytes: [UInt8], context: ChannelHandlerContext) {
        context.writeAndFlush(wrapOutboundOut(context.channel.allocator.buffer(bytes: bytes)), promise: nil)
    }
}
