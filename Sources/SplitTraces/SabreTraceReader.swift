import Foundation
import SplitModels

/// Reads a SABRE network trace: a JSON array of `{"duration_ms", "bandwidth_kbps", "latency_ms"}` slots.
///
/// Slots are replayed in order, each for `duration_ms` milliseconds at `bandwidth_kbps / 1000`
/// Mbit/s, and the whole array loops. Both keys are required numbers, non-negative and finite
/// (JSON `true`/`false` and strings are rejected); slots of 0 ms are allowed and skipped.
/// `latency_ms` is ignored: SABRE's converter sets it to a constant 20, it was not measured.
/// The time-weighted mean is then SABRE's duration-weighted mean (17.559 Mbit/s for
/// `report_foot_0002.json`).
///
/// Errors name the slot as a JSON path (`[3].duration_ms`) and the line where that slot begins.
public struct SabreTraceReader: BandwidthTraceReader {
    /// Creates a reader.
    public init() {}

    public func read(text: String, name: String) throws(TraceError) -> BandwidthTrace {
        guard text.contains(where: { !$0.isWhitespace && $0 != "\u{FEFF}" }) else {
            throw TraceError(.emptyTrace, file: name)
        }
        let json: Any
        do {
            json = try JSONSerialization.jsonObject(with: Data(text.utf8))
        } catch {
            throw TraceError(.invalidJSON(Self.reason(for: error)), file: name)
        }
        guard let slots = json as? [Any] else {
            throw TraceError(.invalidJSON("the top level is not an array of slots"), file: name, line: 1)
        }
        guard !slots.isEmpty else { throw TraceError(.emptyTrace, file: name) }
        var steps: [(seconds: Double, mbps: Double)] = []
        steps.reserveCapacity(slots.count)
        for (index, slot) in slots.enumerated() {
            func error(_ kind: TraceError.Kind, key: String? = nil) -> TraceError {
                let path = key.map { "[\(index)].\($0)" } ?? "[\(index)]"
                return TraceError(kind, file: name, line: Self.lineOfSlot(index, in: text), field: path)
            }
            guard let object = slot as? [String: Any] else {
                throw error(.invalidJSON("slot \(index) is not an object"))
            }
            func number(_ key: String) throws(TraceError) -> Double {
                guard let value = object[key] else { throw error(.missingField, key: key) }
                guard let number = value as? NSNumber, !Self.isBoolean(number) else {
                    throw error(.notANumber(TraceLine.shortened(Substring(String(describing: value)))), key: key)
                }
                let double = number.doubleValue
                guard double.isFinite else { throw error(.notFinite("\(double)"), key: key) }
                return double
            }
            let milliseconds = try number("duration_ms")
            guard milliseconds >= 0 else { throw error(.negativeDuration(milliseconds), key: "duration_ms") }
            guard Quantity.milliseconds.accepts(milliseconds) else {
                throw error(.outOfRange(QuantityError(quantity: .milliseconds, value: milliseconds).description), key: "duration_ms")
            }
            let kbps = try number("bandwidth_kbps")
            guard kbps >= 0 else { throw error(.negativeRate(kbps), key: "bandwidth_kbps") }
            if let problem = TraceLine.rateProblem(mbps: kbps / 1000) {
                throw error(.outOfRange(problem + " (as Mbit/s)"), key: "bandwidth_kbps")
            }
            steps.append((milliseconds / 1000, kbps / 1000))
        }
        return try BandwidthTrace(name: name, steps: steps)
    }

    /// Whether `number` came from JSON `true` or `false`, which Foundation also boxes as `NSNumber`.
    private static func isBoolean(_ number: NSNumber) -> Bool {
        type(of: number) == type(of: NSNumber(value: true))
    }

    /// Foundation's explanation of a JSON syntax error, shortened.
    private static func reason(for error: any Error) -> String {
        let nsError = error as NSError
        let detail = nsError.userInfo[NSDebugDescriptionErrorKey] as? String ?? nsError.localizedDescription
        return String(detail.prefix(200))
    }

    /// The 1-based line on which element `index` of the top-level JSON array begins, if found.
    ///
    /// A small scan that tracks nesting depth and skips strings; only run when reporting an error.
    static func lineOfSlot(_ index: Int, in text: String) -> Int? {
        var line = 1
        var depth = 0
        var inString = false
        var escaped = false
        var expectingElement = false
        var element = 0
        for byte in text.utf8 {
            if byte == UInt8(ascii: "\n") { line += 1 }
            if inString {
                if escaped {
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                }
                continue
            }
            let isSpace = byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
            if depth == 1, expectingElement, !isSpace, byte != UInt8(ascii: "]") {
                if element == index { return line }
                element += 1
                expectingElement = false
            }
            switch byte {
            case UInt8(ascii: "\""):
                inString = true
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                depth += 1
                if depth == 1 { expectingElement = true }
            case UInt8(ascii: "]"), UInt8(ascii: "}"):
                depth -= 1
            case UInt8(ascii: ","):
                if depth == 1 { expectingElement = true }
            default:
                break
            }
        }
        return nil
    }
}
