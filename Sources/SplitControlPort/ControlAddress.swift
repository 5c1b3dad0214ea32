import SplitModels

/// A `HOST:PORT` to listen on or connect to (`127.0.0.1:7070`, `localhost:7070`, `[::1]:7070`).
public struct ControlAddress: Hashable, Sendable, CustomStringConvertible {
    public var host: String
    public var port: Int

    public init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    /// Reads `HOST:PORT`; the port is decimal digits, checked against ``Quantity/port`` for an
    /// address to listen on (0: any free port), against ``Quantity/remotePort`` for one to connect
    /// to. The one reader of an address splitscope is given (`edge --listen` and `device --edge` too).
    public init(parsing text: String, connecting: Bool = false) throws(ControlRequestError) {
        guard let colon = text.lastIndex(of: ":") else {
            throw ControlRequestError("\(DisplayText.quoted(text)): expected HOST:PORT, e.g. 127.0.0.1:7070")
        }
        var host = String(text[..<colon])
        let portText = String(text[text.index(after: colon)...])
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        guard !host.isEmpty else { throw ControlRequestError("\(DisplayText.quoted(text)): the host is missing, e.g. 127.0.0.1:\(portText)") }
        guard PlainDecimal.isDigits(portText), let port = Double(portText) else { throw ControlRequestError("\(DisplayText.quoted(text)): \(DisplayText.quoted(portText)) is not a port number") }
        do {
            self.port = Int(try (connecting ? Quantity.remotePort : Quantity.port).check(port))
        } catch {
            throw ControlRequestError("\(DisplayText.quoted(text)): \(error)")
        }
        self.host = host
    }

    /// Whether the host is this machine's loopback (`127.0.0.0/8`, `::1`, `localhost`).
    public var isLoopback: Bool {
        let lower = host.lowercased()
        if lower == "localhost" || lower == "::1" { return true }
        let parts = lower.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts[0] == "127" && parts.allSatisfy { UInt8($0) != nil }
    }

    public var description: String {
        host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
    }
}
