/// How many terminal columns text occupies: a small `wcwidth` for layout.
///
/// Deliberately small rather than complete: East Asian wide and fullwidth ranges and emoji
/// presentation characters count 2, combining marks, format characters (ZWJ, ZWSP, variation
/// selectors) and controls count 0, everything else 1. A grapheme cluster takes the width of
/// its first non-zero-width scalar, and 2 when it is an emoji sequence (VS16, ZWJ, flags).
/// It agrees with glibc's `wcwidth` for the characters splitscope draws.
public enum TerminalWidth {
    /// Columns taken by one Unicode scalar: 0, 1 or 2.
    public static func columns(of scalar: Unicode.Scalar) -> Int {
        let value = scalar.value
        if value == 0 { return 0 }
        if value < 0x20 || (0x7f..<0xa0).contains(value) { return 0 }
        if value < 0x300 { return 1 }
        // Hot path for what dashboards draw: arrows, box drawing, blocks, shapes, braille (all one
        // column, none combining) skip the Unicode property look-ups.
        if (0x2190...0x21ff).contains(value) || (0x2500...0x25ff).contains(value) || (0x2800...0x28ff).contains(value) {
            return 1
        }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return 0
        default: break
        }
        if (0x1160...0x11ff).contains(value) { return 0 }  // Hangul medial vowels and final consonants
        if isWide(value) || scalar.properties.isEmojiPresentation { return 2 }
        return 1
    }

    /// The columns of a one-scalar symbol the dashboard draws most, read straight from its
    /// UTF-8 bytes: printable ASCII (1), controls (0), and arrows, box drawing, blocks,
    /// shapes and braille (U+2190–21FF, U+2500–25FF, U+2800–28FF: 1); nil for anything else.
    @inline(__always)
    static func fastColumns(ofUTF8 utf8: some Collection<UInt8>) -> Int? {
        var iterator = utf8.makeIterator()
        guard let b0 = iterator.next() else { return 0 }
        guard let b1 = iterator.next() else { return b0 >= 0x20 && b0 < 0x7f ? 1 : (b0 < 0x80 ? 0 : nil) }
        guard b0 == 0xE2, let b2 = iterator.next(), iterator.next() == nil else { return nil }
        _ = b2
        // U+2xxx is E2 then 10xxxxxx: the second byte's six bits are bits 6–11 of the scalar.
        switch b1 {
        case 0x86, 0x87, 0x94...0x97, 0xA0...0xA3: return 1
        default: return nil
        }
    }

    /// Columns taken by one grapheme cluster.
    public static func columns(of character: Character) -> Int {
        if let fast = fastColumns(ofUTF8: character.utf8) { return fast }
        var width = 0
        var sawEmojiJoiner = false
        for scalar in character.unicodeScalars {
            if scalar.value == 0xfe0f || scalar.value == 0x200d { sawEmojiJoiner = true }
            if width == 0 { width = columns(of: scalar) }
        }
        if sawEmojiJoiner && width > 0 {
            return character.unicodeScalars.first?.properties.isEmoji == true ? 2 : width
        }
        return width
    }

    /// Columns taken by a string, the sum over its grapheme clusters.
    public static func columns(of string: String) -> Int {
        // ASCII text (most of it) is one column per byte.
        if string.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7f }) { return string.utf8.count }
        // Text made only of simple scalars is one column per scalar, without grapheme breaking.
        if let simple = simpleScalarCount(string) { return simple }
        var total = 0
        for character in string { total += columns(of: character) }
        return total
    }

    /// Whether a scalar always stands alone as a one-column grapheme: printable ASCII and
    /// Latin-1 up to the combining marks, dashes, bullets and the ellipsis, arrows and math
    /// operators, box drawing, blocks and shapes, braille.
    @inline(__always)
    static func isSimpleScalar(_ value: UInt32) -> Bool {
        switch value {
        case 0x20..<0x7f, 0xa0..<0x300, 0x2010...0x2027, 0x2030...0x205e, 0x2190...0x22ff, 0x2500...0x25ff, 0x2800...0x28ff:
            return true
        default:
            return false
        }
    }

    /// The number of scalars when every one is simple (so each is a one-column grapheme), else nil.
    static func simpleScalarCount(_ string: String) -> Int? {
        var count = 0
        for scalar in string.unicodeScalars {
            guard isSimpleScalar(scalar.value) else { return nil }
            count += 1
        }
        return count
    }

    /// The longest prefix of `string` that fits in `width` columns.
    public static func prefix(of string: String, fitting width: Int) -> String {
        guard width > 0 else { return "" }
        var used = 0
        var end = string.startIndex
        for index in string.indices {
            let w = columns(of: string[index])
            if used + w > width { break }
            used += w
            end = string.index(after: index)
        }
        return String(string[..<end])
    }

    /// `string` cut to `width` columns, ending in `ellipsis` when something was cut.
    ///
    /// ```swift
    /// TerminalWidth.truncate("latency", to: 5)  // "late…"
    /// ```
    public static func truncate(_ string: String, to width: Int, ellipsis: String = "…") -> String {
        guard width > 0 else { return "" }
        if columns(of: string) <= width { return string }
        let ellipsisWidth = columns(of: ellipsis)
        guard ellipsisWidth <= width else { return prefix(of: string, fitting: width) }
        return prefix(of: string, fitting: width - ellipsisWidth) + ellipsis
    }

    /// As many whole words of `string` as fit in `width` columns, followed by `ellipsis` when
    /// some were cut, so no number is cut in half; leading spaces are kept. When not even the
    /// first word fits, a word without digits is cut by characters, a number not at all.
    public static func truncateWords(_ string: String, to width: Int, ellipsis: String = "…") -> String {
        guard width > 0 else { return "" }
        if columns(of: string) <= width { return string }
        let indent = String(string.prefix { $0 == " " })
        let room = width - columns(of: ellipsis) - indent.count
        guard room >= 0 else { return "" }
        var kept = ""
        for word in string.dropFirst(indent.count).split(separator: " ", omittingEmptySubsequences: false) {
            let next = kept.isEmpty ? String(word) : kept + " " + word
            // A number just before the ellipsis gets a space, so "150 …" cannot read as "150…0".
            let gap = next.last.map { $0.isNumber || $0 == "." } == true ? 1 : 0
            if columns(of: next) + gap > room { break }
            kept = next
        }
        while kept.hasSuffix(" ") { kept.removeLast() }
        if let last = kept.last, last.isNumber || last == "." { kept += " " }
        if kept.isEmpty, let first = string.dropFirst(indent.count).split(separator: " ").first,
           !first.contains(where: \.isNumber) {
            // One long word without digits ("Transfer"): cutting it hides no number.
            return indent + truncate(String(string.dropFirst(indent.count)), to: width - indent.count, ellipsis: ellipsis)
        }
        return indent + (kept.isEmpty ? ellipsis : kept + ellipsis)
    }

    /// East Asian Wide and Fullwidth blocks; emoji are found by their Emoji_Presentation property,
    /// which (since Unicode 9) is what makes them wide, so text-style symbols such as ⏸ stay narrow.
    private static func isWide(_ value: UInt32) -> Bool {
        switch value {
        case 0x1100...0x115f,  // Hangul Jamo initial consonants
             0x231a...0x231b, 0x2329...0x232a,
             0x2e80...0x303e,  // CJK radicals, Kangxi, CJK symbols and punctuation
             0x3041...0x33ff,  // Hiragana, Katakana, Bopomofo, CJK compatibility
             0x3400...0x4dbf,  // CJK extension A
             0x4e00...0x9fff,  // CJK unified ideographs
             0xa000...0xa4cf,  // Yi
             0xa960...0xa97f,  // Hangul Jamo extended A
             0xac00...0xd7a3,  // Hangul syllables
             0xf900...0xfaff,  // CJK compatibility ideographs
             0xfe10...0xfe19, 0xfe30...0xfe6f,  // vertical forms, CJK compatibility forms
             0xff00...0xff60, 0xffe0...0xffe6,  // fullwidth forms
             0x20000...0x2fffd, 0x30000...0x3fffd:
            return true
        default:
            return false
        }
    }
}
