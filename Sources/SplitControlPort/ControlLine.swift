import NIOCore

/// One newline-terminated line from a control-port peer, or the news that a line was too long.
enum ControlLine: Sendable {
    /// The line's bytes, without `\n` (and without a `\r` before it).
    case line([UInt8])
    /// A line longer than the limit; its bytes up to the next newline were discarded.
    case oversized
}

/// Splits the byte stream into lines of at most `maximumLength` bytes.
///
/// A longer line is not buffered: the decoder reports ``ControlLine/oversized`` once and skips
/// bytes up to the next newline, so a client cannot make the port hold more than the limit, and
/// the connection goes on with the next line.
struct ControlLineDecoder: ByteToMessageDecoder {
    typealias InboundOut = ControlLine

    let maximumLength: Int
    /// True while skipping the rest of an oversized line.
    private var discarding = false

    init(maximumLength: Int) {
        self.maximumLength = maximumLength
    }

    mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        let view = buffer.readableBytesView
        guard let newline = view.firstIndex(of: UInt8(ascii: "\n")) else {
            if buffer.readableBytes > maximumLength {
                if !discarding { context.fireChannelRead(wrapInboundOut(.oversized)) }
                discarding = true
                buffer.moveReaderIndex(to: buffer.writerIndex)
            }
            return .needMoreData
        }
        let length = newline - view.startIndex
        var bytes = buffer.readBytes(length: length) ?? []
        buffer.moveReaderIndex(forwardBy: 1)
        if discarding {
            discarding = false
            return .continue
        }
        if bytes.last == UInt8(ascii: "\r") { bytes.removeLast() }
        context.fireChannelRead(wrapInboundOut(bytes.count > maximumLength ? .oversized : .line(bytes)))
        return .continue
    }

    mutating func decodeLast(context: ChannelHandlerContext, buffer: inout ByteBuffer, seenEOF: Bool) throws -> DecodingState {
        while try decode(context: context, buffer: &buffer) == .continue {}
        // A last line without its newline is incomplete: drop it.
        buffer.moveReaderIndex(to: buffer.writerIndex)
        return .needMoreData
    }
}
