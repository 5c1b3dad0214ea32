import SplitModels

/// The three fields of a `.npy` header dict, parsed from its Python literal.
struct NumPyHeader: Equatable {
    var descr: String
    var fortranOrder: Bool
    var shape: [Int]

    /// Parses `{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }`; the keys may come
    /// in any order, quoted either way; each must appear once and no other key may.
    init(parsing text: String) throws(NumPyError) {
        var scanner = Scanner(Array(text.utf8))
        var descr: String?
        var fortran: Bool?
        var shape: [Int]?
        try scanner.expect(UInt8(ascii: "{"))
        while true {
            scanner.skipSpaces()
            if scanner.take(UInt8(ascii: "}")) { break }
            let key = try scanner.string()
            try scanner.expect(UInt8(ascii: ":"))
            switch key {
            case "descr" where descr == nil: descr = try scanner.string()
            case "fortran_order" where fortran == nil: fortran = try scanner.boolean()
            case "shape" where shape == nil: shape = try scanner.tuple()
            case "descr", "fortran_order", "shape": throw NumPyError("bad header: the key \(DisplayText.quoted(key)) appears twice")
            default: throw NumPyError("bad header: unexpected key \(DisplayText.quoted(key))")
            }
            scanner.skipSpaces()
            if scanner.take(UInt8(ascii: "}")) { break }
            try scanner.expect(UInt8(ascii: ","))
        }
        scanner.skipSpaces()
        guard scanner.atEnd else { throw NumPyError("bad header: text after the closing brace") }
        guard let descr else { throw NumPyError("bad header: no 'descr' (the dtype)") }
        guard let fortran else { throw NumPyError("bad header: no 'fortran_order'") }
        guard let shape else { throw NumPyError("bad header: no 'shape'") }
        self.descr = descr
        self.fortranOrder = fortran
        self.shape = shape
    }
}

/// A cursor over header bytes, reading the few Python literals a header holds.
private struct Scanner {
    let bytes: [UInt8]
    var position = 0

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    var atEnd: Bool { position >= bytes.count }

    mutating func skipSpaces() {
        while position < bytes.count, [0x20, 0x0A, 0x0D, 0x09].contains(bytes[position]) { position += 1 }
    }

    mutating func take(_ byte: UInt8) -> Bool {
        guard position < bytes.count, bytes[position] == byte else { return false }
        position += 1
        return true
    }

    mutating func expect(_ byte: UInt8) throws(NumPyError) {
        skipSpaces()
        guard take(byte) else {
            let found = position < bytes.count ? DisplayText.quoted(String(Character(Unicode.Scalar(bytes[position])))) : "the end"
            throw NumPyError("bad header: expected '\(Character(Unicode.Scalar(byte)))' at offset \(position), found \(found)")
        }
    }

    mutating func string() throws(NumPyError) -> String {
        skipSpaces()
        guard position < bytes.count, bytes[position] == UInt8(ascii: "'") || bytes[position] == UInt8(ascii: "\"") else {
            throw NumPyError("bad header: expected a quoted string at offset \(position)")
        }
        let quote = bytes[position]
        position += 1
        let start = position
        while position < bytes.count, bytes[position] != quote { position += 1 }
        guard position < bytes.count else { throw NumPyError("bad header: unterminated string") }
        let value = String(decoding: bytes[start..<position], as: UTF8.self)
        position += 1
        return value
    }

    mutating func boolean() throws(NumPyError) -> Bool {
        skipSpaces()
        for (word, value) in [("True", true), ("False", false)] where bytes[position...].starts(with: word.utf8) {
            position += word.utf8.count
            return value
        }
        throw NumPyError("bad header: 'fortran_order' must be True or False")
    }

    mutating func tuple() throws(NumPyError) -> [Int] {
        try expect(UInt8(ascii: "("))
        var values = [Int]()
        while true {
            skipSpaces()
            if take(UInt8(ascii: ")")) { return values }
            let start = position
            while position < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[position]) { position += 1 }
            guard position > start, position - start <= 15,
                  let value = Int(String(decoding: bytes[start..<position], as: UTF8.self)) else {
                throw NumPyError("bad header: 'shape' must be a tuple of non-negative integers")
            }
            values.append(value)
            skipSpaces()
            if take(UInt8(ascii: ")")) { return values }
            try expect(UInt8(ascii: ","))
        }
    }
}
