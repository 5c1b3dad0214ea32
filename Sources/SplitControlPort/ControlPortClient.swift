import Foundation
#if canImport(Glibc)
import Glibc
#endif
import SplitModels

/// A blocking line client of a control port on loopback: what any program speaking the control
/// protocol does (docs/control-protocol.md). Reads give up after `timeoutS` and return nil.
///
/// `bench live` times pins with it, and the tests use it as a plain client (`receiveBuffer`
/// shrinks the socket's receive buffer, so a client that never reads stalls fast).
public final class ControlPortClient: @unchecked Sendable {
    private let fd: Int32
    private var buffer: [UInt8] = []

    public init(port: Int, timeoutS: Int = 10, receiveBuffer: Int32? = nil) throws(ControlClientError) {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw ControlClientError("control client: socket failed (errno \(errno))") }
        var timeout = timeval(tv_sec: timeoutS, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        if var size = receiveBuffer {
            setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &size, socklen_t(MemoryLayout<Int32>.size))
        }
        var on: Int32 = 1
        setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &on, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else {
            let code = errno
            Glibc.close(fd)
            throw ControlClientError("control client: cannot connect to 127.0.0.1:\(port) (errno \(code))")
        }
    }

    deinit {
        Glibc.close(fd)
    }

    /// Sends `text` and a newline; false if the connection is gone.
    @discardableResult
    public func send(_ text: String) -> Bool {
        let bytes = Array((text + "\n").utf8)
        var sent = 0
        while sent < bytes.count {
            let n = bytes[sent...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if n < 0, errno == EINTR { continue }
            guard n > 0 else { return false }
            sent += n
        }
        return true
    }

    /// The next line without its newline; nil on timeout or once the server closed the connection.
    public func readLine() -> String? {
        while true {
            if let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                let line = String(decoding: buffer[..<newline], as: UTF8.self)
                buffer.removeSubrange(...newline)
                return line
            }
            var chunk = [UInt8](repeating: 0, count: 65_536)
            let n = recv(fd, &chunk, chunk.count, 0)
            if n < 0, errno == EINTR { continue }
            guard n > 0 else { return nil }
            buffer.append(contentsOf: chunk[..<n])
        }
    }

    /// Sends a request and returns the reply line.
    public func request(_ text: String) -> String? {
        send(text) ? readLine() : nil
    }

    /// Sends a typed request (`.operatorMessage(.command(.setBatch(4)))`) as its line for the
    /// session's model and returns the reply line.
    public func request(_ request: ControlRequest, profile: ModelProfile) -> String? {
        let line = request.line(profile: profile)
        return self.request(String(decoding: line.dropLast(), as: UTF8.self))
    }

    /// Ends the connection both ways (a blocked `readLine` on another thread returns nil).
    public func shutdownBoth() {
        shutdown(fd, Int32(SHUT_RDWR))
    }

    /// Reads lines until `condition` holds for one or `seconds` pass; every line read.
    public func readLines(seconds: Double, until condition: (String) -> Bool) -> [String] {
        var lines: [String] = []
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            while let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                let line = String(decoding: buffer[..<newline], as: UTF8.self)
                buffer.removeSubrange(...newline)
                lines.append(line)
                if condition(line) { return lines }
            }
            var pollfd = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            guard poll(&pollfd, 1, 100) > 0 else { continue }
            var chunk = [UInt8](repeating: 0, count: 65_536)
            let count = recv(fd, &chunk, chunk.count, 0)
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { break }
            buffer.append(contentsOf: chunk[..<count])
        }
        return lines
    }
}

/// A control-port client could not connect.
public struct ControlClientError: Error, CustomStringConvertible, Sendable {
    public var description: String

    public init(_ description: String) {
        self.description = description
    }
}
