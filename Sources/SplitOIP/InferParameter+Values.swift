/// Building and reading parameter values without spelling out the oneof.
extension Inference_InferParameter {
    /// A double parameter.
    public static func double(_ value: Double) -> Self {
        var parameter = Self()
        parameter.doubleParam = value
        return parameter
    }

    /// An int64 parameter.
    public static func int64(_ value: Int64) -> Self {
        var parameter = Self()
        parameter.int64Param = value
        return parameter
    }

    /// A string parameter.
    public static func string(_ value: String) -> Self {
        var parameter = Self()
        parameter.stringParam = value
        return parameter
    }

    /// The value as a number, whichever numeric kind carries it (nil for a string or bool).
    public var number: Double? {
        switch parameterChoice {
        case .doubleParam(let value): value
        case .int64Param(let value): Double(value)
        case .uint64Param(let value): Double(value)
        default: nil
        }
    }

    /// The value as text, whatever kind carries it (a frame id may come as a string or a number).
    public var text: String {
        switch parameterChoice {
        case .stringParam(let value): value
        case .int64Param(let value): String(value)
        case .uint64Param(let value): String(value)
        case .doubleParam(let value): String(value)
        case .boolParam(let value): String(value)
        case nil: ""
        }
    }
}
