import SplitJSON

/// Finds the `"t"` of an event line without decoding the event.
///
/// Walks the top-level object member by member, skipping values it does not need (strings
/// with escapes, nested containers by depth), and converts only the `t` number. Writers put
/// `t` second, after `"type"`, so the walk usually stops within 30 bytes. Lines it cannot
/// walk (an escaped key, say) fall back to a full JSON parse, so it agrees with the decoder on
/// every valid line.
enum TimestampScanner {
    /// The line's `t`, or `nil` if the line is not an object with a finite number `t` ≥ 0.
    static func time(in line: UnsafeBufferPointer<UInt8>) -> Double? {
        switch quickTime(in: line) {
        case .found(let t):
            return t
        case .absent:
            return nil
        case .unsure:
            guard let value = try? JSONValue.parse(bytes: line), let t = value.objectValue?["t"]?.doubleValue,
                  t >= 0 else { return nil }
            return t
        }
    }

    private enum Scan {
        case found(Double)
        /// A well-formed object walked to its end without a `t`, or clearly not an object.
        case absent
        /// Something the quick walk does not handle; ask the full parser.
        case unsure
    }

    private static let quote = UInt8(ascii: "\"")
    private static let backslash = UInt8(ascii: "\\")

    private static func quickTime(in line: UnsafeBufferPointer<UInt8>) -> Scan {
        var i = skipSpace(line, 0)
        guard i < line.count, line[i] == UInt8(ascii: "{") else { return .absent }
        i += 1
        // An escaped key might spell "t" (`"\u0074"`); only the full parser can tell.
        var sawEscapedKey = false
        while true {
            i = skipSpace(line, i)
            guard i < line.count, line[i] == quote else { return .unsure }
            let isT = i + 2 < line.count && line[i + 1] == UInt8(ascii: "t") && line[i + 2] == quote
            guard let afterKey = skipString(line, i) else { return .unsure }
            if !isT, UnsafeBufferPointer(rebasing: line[i..<afterKey]).contains(backslash) {
                sawEscapedKey = true
            }
            i = skipSpace(line, afterKey)
            guard i < line.count, line[i] == UInt8(ascii: ":") else { return .unsure }
            i = skipSpace(line, i + 1)
            if isT {
                guard let t = number(line, at: i), t >= 0 else { return .unsure }
                return .found(t)
            }
            guard let afterValue = skipValue(line, i) else { return .unsure }
            i = skipSpace(line, afterValue)
            guard i < line.count else { return .unsure }
            if line[i] == UInt8(ascii: "}") { return sawEscapedKey ? .unsure : .absent }
            guard line[i] == UInt8(ascii: ",") else { return .unsure }
            i += 1
        }
    }

    private static func skipSpace(_ line: UnsafeBufferPointer<UInt8>, _ start: Int) -> Int {
        var i = start
        while i < line.count, line[i] == 0x20 || line[i] == 0x09 || line[i] == 0x0D || line[i] == 0x0A {
            i += 1
        }
        return i
    }

    /// The index after the string starting at `start` (a quote), or `nil` if it does not end.
    private static func skipString(_ line: UnsafeBufferPointer<UInt8>, _ start: Int) -> Int? {
        var i = start + 1
        while i < line.count {
            switch line[i] {
            case quote: return i + 1
            case backslash: i += 2
            default: i += 1
            }
        }
        return nil
    }

    /// The index after the value starting at `start`, or `nil` if it does not end.
    private static func skipValue(_ line: UnsafeBufferPointer<UInt8>, _ start: Int) -> Int? {
        guard start < line.count else { return nil }
        switch line[start] {
        case quote:
            return skipString(line, start)
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            var depth = 0
            var i = start
            while i < line.count {
                switch line[i] {
                case quote:
                    guard let end = skipString(line, i) else { return nil }
                    i = end
                    continue
                case UInt8(ascii: "{"), UInt8(ascii: "["):
                    depth += 1
                case UInt8(ascii: "}"), UInt8(ascii: "]"):
                    depth -= 1
                    if depth == 0 { return i + 1 }
                default:
                    break
                }
                i += 1
            }
            return nil
        default:
            var i = start
            while i < line.count, line[i] != UInt8(ascii: ","), line[i] != UInt8(ascii: "}") {
                i += 1
            }
            return i
        }
    }

    /// The JSON number at `start`, or `nil` if there is none (or it is not finite).
    private static func number(_ line: UnsafeBufferPointer<UInt8>, at start: Int) -> Double? {
        var i = start
        while i < line.count, isNumberByte(line[i]) {
            i += 1
        }
        let length = i - start
        guard length > 0, length <= 64 else { return nil }
        let text = String(decoding: UnsafeBufferPointer(rebasing: line[start..<i]), as: UTF8.self)
        guard let value = Double(text), value.isFinite, isJSONNumber(line, start, i) else { return nil }
        return value
    }

    private static func isNumberByte(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "+")
            || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E")
    }

    /// Whether `line[start..<end]` has JSON's number shape (Swift's parser accepts a little more,
    /// such as a leading `+` or `.5`).
    private static func isJSONNumber(_ line: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        var i = start
        func digits() -> Int {
            let first = i
            while i < end, (0x30...0x39).contains(line[i]) { i += 1 }
            return i - first
        }
        if line[i] == UInt8(ascii: "-") { i += 1 }
        guard i < end else { return false }
        if line[i] == UInt8(ascii: "0") {
            i += 1
        } else if digits() == 0 {
            return false
        }
        if i < end, line[i] == UInt8(ascii: ".") {
            i += 1
            guard digits() > 0 else { return false }
        }
        if i < end, line[i] == UInt8(ascii: "e") || line[i] == UInt8(ascii: "E") {
            i += 1
            if i < end, line[i] == UInt8(ascii: "+") || line[i] == UInt8(ascii: "-") { i += 1 }
            guard digits() > 0 else { return false }
        }
        return i == end
    }
}
