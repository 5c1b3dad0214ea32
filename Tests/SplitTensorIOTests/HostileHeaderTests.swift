import SplitModels
import SplitTestSupport
import Testing
@testable import SplitTensorIO

/// What a `.npy` header says (its dtype, its keys, a stray byte) reaches an error only through
/// ``DisplayText``: an ESC and a 10,000-character string print escaped and bounded.
@Suite("NumPy headers: hostile text")
struct HostileHeaderTests {
    static let hostile = [HostileText.escape(after: "f"), HostileText.huge]

    /// A version-3 (UTF-8) `.npy` file with `dict` as its header and no data.
    static func file(_ dict: String) -> [UInt8] {
        let unpadded = 12 + dict.utf8.count + 1
        let header = dict + String(repeating: " ", count: (64 - unpadded % 64) % 64) + "\n"
        let n = header.utf8.count
        return [0x93] + Array("NUMPY".utf8) + [3, 0] + [UInt8(n & 0xFF), UInt8(n >> 8 & 0xFF), UInt8(n >> 16 & 0xFF), 0]
            + Array(header.utf8)
    }

    @Test("dtype, key and stray characters in a header print escaped and bounded", arguments: hostile.map(HostileText.init))
    fileprivate func headerErrors(hostile: HostileText) {
        let text = hostile.text
        let headers = [
            "{'descr': '\(text)', 'fortran_order': False, 'shape': (0,), }",
            "{'descr': '<f4', 'fortran_order': False, 'shape': (0,), '\(text)': 1}",
            "{'descr': '<f4', 'fortran_order': False, 'shape': (0,), '\(text)': 1, '\(text)': 2}",
            "{'descr'\(text): '<f4'}",
        ]
        for header in headers {
            do {
                _ = try NumPyFile.decode(Self.file(header))
                Issue.record("accepted \(DisplayText.quoted(header))")
            } catch {
                let message = "\(error)"
                #expect(HostileText.printsSafely(message), "\(DisplayText.quoted(message, limit: 300))")
                #expect(message.count < 400, "\(message.count) characters")
            }
        }
    }
}
