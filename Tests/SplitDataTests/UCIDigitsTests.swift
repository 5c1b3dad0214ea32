import Foundation
import Testing
@testable import SplitData

/// UCI digits: good records, a malformed one named by its line, and the shared file when it is there.
struct UCIDigitsTests {
    @Test func readsRecords() throws {
        let digits = try UCIDigits.load(path: IDXArrayTests.fixture("digits-good.csv"))
        #expect(digits.count == 2)
        #expect(digits.labels == [7, 3])
        #expect(digits.rows == 8 && digits.maxPixel == 16)
        #expect(digits.floatPixels(1..<2) == Array(repeating: Float(5) / 16, count: 64))
    }

    @Test func namesTheBadLine() {
        let path = IDXArrayTests.fixture("digits-bad-record.csv")
        #expect(throws: DataError(path: path, reason: .record(line: 2, "64 fields; expected 64 pixels and a label"))) {
            _ = try UCIDigits.load(path: path)
        }
    }

    @Test(arguments: [
        ("x," + String(repeating: "0,", count: 63) + "3", "line 1: pixel 1 is \"x\"" as String),
        (String(repeating: "17,", count: 64) + "3", "line 1: pixel 1 is \"17\"; expected a whole number from 0 to 16"),
        (String(repeating: "0,", count: 64) + "10", "line 1: the label is \"10\"; expected a whole number from 0 to 9"),
        ("", "no images in the file"),
    ])
    func refusesABadRecord(_ text: String, _ message: String) {
        #expect {
            _ = try UCIDigits.parse(Array(text.utf8))
        } throws: { error in
            "\(error)".contains(message)
        }
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: sharedDigits), "no shared/data/digits.csv.gz beside the clone"))
    func sharedFile() throws {
        let digits = try UCIDigits.load(path: Self.sharedDigits)
        #expect(digits.count == 1_797)
    }

    static let sharedDigits = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/data/digits.csv.gz").path
}
