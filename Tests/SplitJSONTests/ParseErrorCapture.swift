import SplitJSON

/// The error `JSONValue.parse` throws for `text`, or `nil` if it parses.
func parseError(_ text: String) -> JSONParseError? {
    do {
        _ = try JSONValue.parse(text)
        return nil
    } catch {
        return error
    }
}

/// The error `JSONValue.parse(bytes:)` throws for `bytes`, or `nil` if they parse.
func parseError(bytes: [UInt8]) -> JSONParseError? {
    do {
        _ = try JSONValue.parse(bytes: bytes)
        return nil
    } catch {
        return error
    }
}
