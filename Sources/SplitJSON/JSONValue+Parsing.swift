extension JSONValue {
    /// Parses one JSON value from `text`, strictly per RFC 8259.
    ///
    /// Accepts exactly one value with optional surrounding whitespace; anything after it is
    /// an error. Nesting is limited to 512 arrays and objects. Numbers that overflow a
    /// `Double` are an error. In an object, a repeated key keeps the position of its first
    /// occurrence and takes the later value.
    ///
    /// ```swift
    /// let value = try JSONValue.parse(#"{"split": 7, "layers": ["conv1", "fc"]}"#)
    /// value.objectValue?["split"]?.intValue   // 7
    /// ```
    ///
    /// - Throws: ``JSONParseError`` naming the 1-based line and column of the first problem.
    public static func parse(_ text: String) throws(JSONParseError) -> JSONValue {
        let result = text.utf8.withContiguousStorageIfAvailable(parseResult(of:))
        return try (result ?? parseResult(of: Array(text.utf8))).get()
    }

    /// Parses one JSON value from UTF-8 bytes; see ``parse(_:)``.
    ///
    /// Invalid UTF-8 inside strings is reported as an error with its position. Contiguous
    /// collections (`[UInt8]`, `ArraySlice`, buffer pointers) are read in place.
    public static func parse<Bytes: Collection>(bytes: Bytes) throws(JSONParseError) -> JSONValue
    where Bytes.Element == UInt8 {
        let result = bytes.withContiguousStorageIfAvailable(parseResult(of:))
        return try (result ?? parseResult(of: Array(bytes))).get()
    }

    private static func parseResult(of buffer: UnsafeBufferPointer<UInt8>) -> Result<JSONValue, JSONParseError> {
        var parser = JSONParser(bytes: buffer)
        do throws(JSONParseError) {
            return .success(try parser.parseDocument())
        } catch {
            return .failure(error)
        }
    }

    private static func parseResult(of array: [UInt8]) -> Result<JSONValue, JSONParseError> {
        array.withUnsafeBufferPointer(parseResult(of:))
    }
}
