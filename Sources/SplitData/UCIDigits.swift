import Foundation
import SplitGzip

/// UCI's optical recognition of handwritten digits (Alpaydin and Kaynak 1998, CC BY 4.0): 8×8
/// images with pixel values 0 to 16, one per line of a CSV file (64 pixels, then the label).
///
/// The whole file (1,797 images, the UCI test set) is the test split.
public enum UCIDigits {
    /// Reads the CSV, gzipped or not; a malformed line is an error naming the file and the line.
    public static func load(path: String) throws(DataError) -> LabelledImages {
        guard let contents = FileManager.default.contents(atPath: path) else {
            throw DataError(path: path, reason: DataError.unreadable(path))
        }
        var bytes = [UInt8](contents)
        if GzipInflater.isGzip(bytes) {
            do { bytes = try GzipData.decompress(bytes) } catch { throw DataError(path: path, reason: error) }
        }
        do {
            return try parse(bytes)
        } catch {
            throw DataError(path: path, reason: error)
        }
    }

    /// Parses the CSV text: 65 whole numbers a line, pixels 0...16 then a label 0...9.
    public static func parse(_ bytes: [UInt8]) throws(DataError.Reason) -> LabelledImages {
        var pixels = [UInt8](), labels = [UInt8]()
        var lineNumber = 0
        for line in String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            let text = line.trimmingCharacters(in: .whitespacesAndNewlines)
            if text.isEmpty { continue }
            let fields = text.split(separator: ",", omittingEmptySubsequences: false)
            guard fields.count == 65 else { throw .record(line: lineNumber, "\(fields.count) fields; expected 64 pixels and a label") }
            for (column, field) in fields.enumerated() {
                let limit = column == 64 ? 9 : 16
                guard let value = Int(field.trimmingCharacters(in: .whitespaces)), (0...limit).contains(value) else {
                    let what = column == 64 ? "the label" : "pixel \(column + 1)"
                    throw .record(line: lineNumber, "\(what) is \"\(field)\"; expected a whole number from 0 to \(limit)")
                }
                if column == 64 { labels.append(UInt8(value)) } else { pixels.append(UInt8(value)) }
            }
        }
        guard !labels.isEmpty else { throw .record(line: lineNumber, "no images in the file") }
        return LabelledImages(rows: 8, columns: 8, maxPixel: 16, pixels: pixels, labels: labels, classCount: 10)
    }
}
