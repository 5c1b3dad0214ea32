extension JSONValue {
    /// Compact single-line output, members in stored order.
    ///
    /// Integral numbers below 2^53 in magnitude print without a fraction (`150528`, `-0`);
    /// others print the shortest text that reads back as the same `Double` (`12.5`,
    /// `1e-07`, `1e+300`). Non-finite numbers have no JSON form and print as `null`.
    /// Strings escape `"`, `\` and control characters and leave other Unicode as is.
    ///
    /// `JSONValue.parse(v.serialized()) == v` for every value without non-finite numbers
    /// or duplicate object keys.
    public func serialized() -> String {
        var writer = JSONWriter(pretty: false)
        writer.write(self)
        return writer.text
    }

    /// Pretty output with a 2-space indent and `": "` after keys, with no trailing newline.
    ///
    /// Arrays holding only scalars stay on one line when that line is short, so shapes and
    /// small vectors read naturally:
    ///
    /// ```
    /// {
    ///   "layer": "conv1",
    ///   "output_shape": [1, 64, 112, 112]
    /// }
    /// ```
    public func prettySerialized() -> String {
        var writer = JSONWriter(pretty: true)
        writer.write(self)
        return writer.text
    }
}
