import Foundation
import Glibc
@testable import SplitSession
import Testing

/// A session writer never waits in `open`: a named pipe with no reader is refused at once, naming
/// the file, and a directory too; a pipe someone reads is written to.
@Suite struct SessionWriterPathTests {
    private func folder() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("session-writer-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test func aPipeWithNoReaderIsRefusedNotWaitedOn() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let fifo = dir + "/s.jsonl"
        #expect(mkfifo(fifo, 0o600) == 0)
        #expect {
            _ = try SessionWriter(path: fifo, header: SyntheticSession.header)
        } throws: { error in
            "\(error)".contains(fifo) && "\(error)".contains("pipe with no reader")
        }
        #expect(throws: SessionError.self) { _ = try SessionWriter(path: dir, header: SyntheticSession.header) }
    }

    @Test func aPipeWithAReaderGetsTheSession() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let fifo = dir + "/s.jsonl"
        #expect(mkfifo(fifo, 0o600) == 0)
        let reader = open(fifo, O_RDONLY | O_NONBLOCK)
        #expect(reader >= 0)
        defer { close(reader) }
        let writer = try SessionWriter(path: fifo, header: SyntheticSession.header, compression: SessionCompression.none)
        try writer.close()
        var bytes = [UInt8](repeating: 0, count: 11)
        #expect(read(reader, &bytes, 11) == 11)
        #expect(String(decoding: bytes, as: UTF8.self).hasPrefix("{\""))
    }
}
