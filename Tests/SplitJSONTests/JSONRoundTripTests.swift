import SplitRandom
import Testing
import SplitJSON

@Suite("Round trips")
struct JSONRoundTripTests {
    @Test("random trees survive serialize then parse", arguments: [1, 2, 3, 0xC0FFEE] as [UInt64])
    func randomTrees(seed: UInt64) throws {
        var generator = SplitMix64(seed: seed)
        for _ in 0..<250 {
            let value = Self.randomValue(depth: 0, using: &generator)
            let compact = value.serialized()
            let parsed = try JSONValue.parse(compact)
            #expect(parsed == value)
            // Equal text also catches what `==` forgives, such as the sign of zero.
            #expect(parsed.serialized() == compact)
            #expect(try JSONValue.parse(value.prettySerialized()) == value)
        }
    }

    /// A random value; containers get rarer with depth so trees stay small.
    static func randomValue(depth: Int, using generator: inout SplitMix64) -> JSONValue {
        let containerWeight = max(0, 4 - depth)
        switch Int.random(in: 0..<(6 + containerWeight * 2), using: &generator) {
        case 0:
            return .null
        case 1:
            return .bool(Bool.random(using: &generator))
        case 2, 3:
            return .number(randomNumber(using: &generator))
        case 4, 5:
            return .string(randomString(using: &generator))
        case let pick where pick % 2 == 0:
            let count = Int.random(in: 0...6, using: &generator)
            return .array((0..<count).map { _ in randomValue(depth: depth + 1, using: &generator) })
        default:
            var object = JSONObject()
            for _ in 0..<Int.random(in: 0...6, using: &generator) {
                let key = randomString(using: &generator)
                // Parsing merges repeated keys, so a round trip needs unique ones.
                if object[key] == nil {
                    object[key] = randomValue(depth: depth + 1, using: &generator)
                }
            }
            return .object(object)
        }
    }

    /// Integers, simple decimals, and arbitrary finite bit patterns.
    static func randomNumber(using generator: inout SplitMix64) -> Double {
        switch Int.random(in: 0..<5, using: &generator) {
        case 0:
            return Double(Int.random(in: -1_000_000...1_000_000, using: &generator))
        case 1:
            return Double(Int.random(in: -100_000...100_000, using: &generator)) / 100
        case 2:
            return [0.0, -0.0, 0.1, 1e-7, 1e300, -1e-300, Double.leastNonzeroMagnitude, 0x1p53, Double.greatestFiniteMagnitude]
                .randomElement(using: &generator) ?? 0
        default:
            while true {
                let number = Double(bitPattern: generator.next())
                if number.isFinite {
                    return number
                }
            }
        }
    }

    /// Short strings drawn from ASCII, escapes, control characters and astral scalars.
    static func randomString(using generator: inout SplitMix64) -> String {
        let alphabet: [Unicode.Scalar] = [
            "a", "b", "Z", "0", " ", "\"", "\\", "/", "\n", "\t", "\r", "\u{0}", "\u{1F}", "\u{7F}",
            "é", "€", "\u{2028}", "\u{FFFD}", "😀", "𝄞", "\u{10FFFF}",
        ]
        let count = Int.random(in: 0...12, using: &generator)
        var scalars = String.UnicodeScalarView()
        for _ in 0..<count {
            if let scalar = alphabet.randomElement(using: &generator) {
                scalars.append(scalar)
            }
        }
        return String(scalars)
    }

    @Test("serialized text is stable: parse then serialize gives the same text")
    func stableText() throws {
        let text = #"{"b":[1,2.5,-0,"x\n\u0001"],"a":{"c":null,"d":true},"e":1e-07}"#
        #expect(try JSONValue.parse(text).serialized() == text)
    }
}
