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

    /// The session writer and every command's output file open a path one way (``WritableFile``),
    /// so they refuse a reader-less pipe and a directory in the same words.
    @Test func theWriterSaysWhyInTheWordsEveryWriterUses() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let fifo = dir + "/s.jsonl"
        #expect(mkfifo(fifo, 0o600) == 0)
        for (path, code) in [(fifo, ENXIO), (dir, EISDIR)] {
            guard case .failure(let refusal) = WritableFile.open(path) else {
                Issue.record("\(path) opened for writing")
                continue
            }
            #expect(refusal.code == code)
            #expect {
                _ = try SessionWriter(path: path, header: SyntheticSession.header)
            } throws: { error in
                "\(error)".hasSuffix("cannot create: \(refusal.reason)")
            }
        }
        #expect(WritableFile.reason(EISDIR) == "it is a directory, not a file")
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
