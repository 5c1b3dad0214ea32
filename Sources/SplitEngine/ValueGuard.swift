/// The range of values the engine accepts into a part and lets out of it: finite, and within
/// ±1e18 going in.
///
/// Inside fused kernels an overflow can vanish: a convolution whose sum overflows to infinity and
/// is then clamped by its fused ReLU6 yields 6, a plausible number, where an unfused run would
/// show infinity or NaN. So the engine refuses inputs large enough to overflow float32 in one
/// product of two such values (1e18 is below √`Float.greatestFiniteMagnitude` ≈ 1.8e19), refuses
/// NaN and infinity on the way in, and reports any non-finite value on the way out as an overflow
/// rather than returning it as a result.
public enum ValueGuard {
    /// The largest magnitude a tensor given to a part may hold.
    public static let inputLimit: Float = 1e18
    /// The largest magnitude a weight may hold (no trained network comes near it): NaN, infinity
    /// and absurd weights would otherwise overflow inside a fused kernel and come out as a
    /// plausible number, as absurd inputs would.
    public static let weightLimit: Float = 1e9

    /// The index of the first element that is NaN or whose magnitude exceeds `limit`, if any.
    ///
    /// Sixteen lanes at a time; a NaN fails every comparison and is caught with the rest.
    public static func firstOutOfRange(_ elements: UnsafeBufferPointer<Float>, limit: Float) -> Int? {
        guard let base = elements.baseAddress else { return nil }
        let count = elements.count
        let bound = SIMD16<Float>(repeating: limit)
        var index = 0
        while index + 16 <= count {
            let lanes = UnsafeRawPointer(base + index).loadUnaligned(as: SIMD16<Float>.self)
            let inside = (lanes .<= bound) .& (lanes .>= -bound)
            if !all(inside) { break }
            index += 16
        }
        while index < count {
            let value = base[index]
            if !(value <= limit && value >= -limit) { return index }
            index += 1
        }
        return nil
    }

    /// Copies `elements` to `destination` and returns the index of the first element that is NaN
    /// or whose magnitude exceeds `limit`, if any: one pass where a copy and a scan would be two.
    ///
    /// Every element is copied whatever it holds; a caller that finds one refuses the whole tensor.
    /// This is the hand-off of every tensor into and out of a part, so a split's boundary tensor
    /// is read twice on its way from the device part to the edge part, not four times.
    public static func copy(_ elements: UnsafeBufferPointer<Float>, to destination: UnsafeMutablePointer<Float>,
                            limit: Float) -> Int? {
        guard let base = elements.baseAddress else { return nil }
        let count = elements.count
        let bound = SIMD16<Float>(repeating: limit)
        var firstBadChunk: Int?
        var index = 0
        while index + 16 <= count {
            let lanes = UnsafeRawPointer(base + index).loadUnaligned(as: SIMD16<Float>.self)
            UnsafeMutableRawPointer(destination + index).storeBytes(of: lanes, as: SIMD16<Float>.self)
            if firstBadChunk == nil, !all((lanes .<= bound) .& (lanes .>= -bound)) { firstBadChunk = index }
            index += 16
        }
        while index < count {
            destination[index] = base[index]
            index += 1
        }
        let from = firstBadChunk ?? (count - count % 16)
        return firstOutOfRange(UnsafeBufferPointer(rebasing: elements[from...]), limit: limit).map { from + $0 }
    }

    /// The index of the first element that is NaN or infinite, if any.
    public static func firstNonFinite(_ elements: UnsafeBufferPointer<Float>) -> Int? {
        firstOutOfRange(elements, limit: .greatestFiniteMagnitude)
    }

    /// The index of the first element of an input the engine would refuse (NaN, infinite, or
    /// beyond ``inputLimit``), if any; for checking a file before it reaches a part.
    public static func firstRefusedInput(_ elements: [Float]) -> Int? {
        elements.withUnsafeBufferPointer { firstOutOfRange($0, limit: inputLimit) }
    }

    /// Why element `index`, holding `value`, is refused: for messages that name the file first.
    public static func refusal(element index: Int, value: Float) -> String {
        "element \(index) is \(value); inputs must be finite numbers within ±\(inputLimit) "
            + "(larger ones can overflow float32 inside the model unseen)"
    }
}
