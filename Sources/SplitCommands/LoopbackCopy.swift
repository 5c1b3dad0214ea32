import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A plain TCP copy of a message over loopback and back: the baseline that tensor throughput
/// through ModelInfer is held to.
///
/// A server thread reads each whole message before it writes it back, as the edge must read a
/// whole request before it answers, so both sides move the same bytes in the same order. Both
/// sockets set TCP_NODELAY, as SwiftNIO does for gRPC.
///
/// ```swift
/// let copy = try LoopbackCopy(messageBytes: 1 << 20)
/// defer { copy.close() }
/// try copy.roundTrip()   // 1 MiB there, 1 MiB back
/// ```
final class LoopbackCopy: @unchecked Sendable {
    let messageBytes: Int
    private let listener: Int32
    private let client: Int32
    private var message: [UInt8]
    private var echo: [UInt8]
    private let server: Thread
    private let serverDone: DispatchSemaphore

    init(messageBytes: Int) throws {
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard listener >= 0 else { throw CommandError("TCP copy: socket failed (errno \(errno))", isUsage: false) }
        var address = Self.loopback(port: 0)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(listener, 1) == 0 else {
            let code = errno
            Glibc.close(listener)
            throw CommandError("TCP copy: cannot listen on 127.0.0.1 (errno \(code))", isUsage: false)
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(listener, $0, &length) }
        }
        let port = Int(UInt16(bigEndian: address.sin_port))
        let done = DispatchSemaphore(value: 0)
        let server = Thread {
            defer { done.signal() }
            let peer = accept(listener, nil, nil)
            guard peer >= 0 else { return }
            defer { Glibc.close(peer) }
            Self.noDelay(peer)
            var buffer = [UInt8](repeating: 0, count: messageBytes)
            while Self.readAll(peer, &buffer), Self.writeAll(peer, buffer) {}
        }
        server.start()
        let client = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var target = Self.loopback(port: port)
        let connected = client >= 0 && withUnsafePointer(to: &target) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(client, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        } == 0
        guard connected else {
            let code = errno
            if client >= 0 { Glibc.close(client) }
            shutdown(listener, Int32(SHUT_RDWR))
            Glibc.close(listener)
            done.wait()
            throw CommandError("TCP copy: cannot connect to 127.0.0.1:\(port) (errno \(code))", isUsage: false)
        }
        Self.noDelay(client)
        self.messageBytes = messageBytes
        self.listener = listener
        self.client = client
        self.server = server
        serverDone = done
        message = (0..<messageBytes).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        echo = [UInt8](repeating: 0, count: messageBytes)
    }

    /// Sends the message and reads it back whole; throws if the connection broke or the bytes differ.
    func roundTrip() throws {
        guard Self.writeAll(client, message), Self.readAll(client, &echo) else {
            throw CommandError("TCP copy: the loopback connection broke (errno \(errno))", isUsage: false)
        }
        guard echo.first == message.first, echo.last == message.last else {
            throw CommandError("TCP copy: the bytes came back changed", isUsage: false)
        }
    }

    /// Closes both ends and waits for the server thread.
    func close() {
        shutdown(client, Int32(SHUT_RDWR))
        Glibc.close(client)
        shutdown(listener, Int32(SHUT_RDWR))
        Glibc.close(listener)
        serverDone.wait()
    }

    private static func loopback(port: Int) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return address
    }

    private static func noDelay(_ fd: Int32) {
        var on: Int32 = 1
        setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &on, socklen_t(MemoryLayout<Int32>.size))
    }

    /// Fills `buffer` from `fd`; false at end of stream or on an error.
    private static func readAll(_ fd: Int32, _ buffer: inout [UInt8]) -> Bool {
        var done = 0
        let count = buffer.count
        while done < count {
            let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress.map { $0 + done }, count - done, 0) }
            if n < 0, errno == EINTR { continue }
            guard n > 0 else { return false }
            done += n
        }
        return true
    }

    /// Writes all of `bytes` to `fd`; false on an error.
    private static func writeAll(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
        var done = 0
        while done < bytes.count {
            let n = bytes.withUnsafeBytes { send(fd, $0.baseAddress.map { $0 + done }, bytes.count - done, Int32(MSG_NOSIGNAL)) }
            if n < 0, errno == EINTR { continue }
            guard n > 0 else { return false }
            done += n
        }
        return true
    }
}
