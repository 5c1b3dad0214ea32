import GRPCNIOTransportCore
import GRPCNIOTransportHTTP2Posix
import Testing
@testable import SplitEdge

/// The settings tensors travel with reach both the edge's server transport and its clients'.
@Suite("HTTP2FlowControl")
struct HTTP2FlowControlTests {
    @Test("tensors: the server and client configurations get the frame size, window and no flush delay")
    func tensorsApplyToBothSides() {
        let tensors = HTTP2FlowControl.tensors
        var server = HTTP2ServerTransport.Posix.Config.defaults
        #expect(server.connection.flushCoalescing != nil, "the transport coalesces by default")
        tensors.apply(to: &server)
        #expect(server.http2.maxFrameSize == tensors.maxFrameSize)
        #expect(server.http2.targetWindowSize == tensors.targetWindowSize)
        #expect(server.connection.flushCoalescing == nil)

        var client = HTTP2ClientTransport.Posix.Config.defaults
        #expect(client.connection.flushCoalescing != nil, "the transport coalesces by default")
        tensors.apply(to: &client)
        #expect(client.http2.maxFrameSize == tensors.maxFrameSize)
        #expect(client.http2.targetWindowSize == tensors.targetWindowSize)
        #expect(client.connection.flushCoalescing == nil)
    }

    @Test("the defaults kept to measure against leave the transport's coalescing as it is")
    func defaultsKeepCoalescing() {
        var server = HTTP2ServerTransport.Posix.Config.defaults
        HTTP2FlowControl.serverDefaults.apply(to: &server)
        #expect(server.connection.flushCoalescing == HTTP2ServerTransport.Posix.Config.defaults.connection.flushCoalescing)
        var client = HTTP2ClientTransport.Posix.Config.defaults
        HTTP2FlowControl.clientDefaults.apply(to: &client)
        #expect(client.connection.flushCoalescing == HTTP2ClientTransport.Posix.Config.defaults.connection.flushCoalescing)
        #expect(client.http2 == HTTP2ClientTransport.Posix.Config.defaults.http2)
    }
}
