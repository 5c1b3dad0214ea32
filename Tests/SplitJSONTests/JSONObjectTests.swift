import Testing
import SplitJSON

@Suite("JSONObject and value accessors")
struct JSONObjectTests {
    @Test("subscript reads the first member, sets in place or appends, removes with nil")
    func subscriptSemantics() {
        var object = JSONObject([("name", "conv1"), ("flops", 10), ("name", "shadowed")])
        #expect(object["name"] == "conv1")
        #expect(object["missing"] == nil)

        object["flops"] = 20
        object["bytes"] = 4
        #expect(object.keys == ["name", "flops", "name", "bytes"])
        #expect(object["flops"] == 20)

        object["name"] = nil
        #expect(object.keys == ["flops", "bytes"])
        #expect(object.count == 2)
        #expect(!object.isEmpty)
    }

    @Test("iteration follows member order")
    func iteration() {
        let object: JSONObject = ["c": 3, "a": 1, "b": 2]
        #expect(object.map(\.key) == ["c", "a", "b"])
        #expect(object.map(\.value) == [3, 1, 2])
    }

    @Test("equality and hashing respect member order")
    func equalityAndHashing() {
        let first: JSONObject = ["a": 1, "b": 2]
        let same: JSONObject = ["a": 1, "b": 2]
        let reordered: JSONObject = ["b": 2, "a": 1]
        #expect(first == same)
        #expect(first.hashValue == same.hashValue)
        #expect(first != reordered)
        #expect(first != ["a": 1])
        #expect(first != ["a": 1, "b": 3])
        let set: Set<JSONValue> = [.object(first), .object(same), .object(reordered), 1, 1.0, "1"]
        #expect(set.count == 4)
    }

    @Test("literals build every kind of value")
    func literals() {
        let value: JSONValue = ["n": nil, "b": true, "i": 3, "d": 2.5, "s": "x", "a": [1, "two"], "o": ["k": false]]
        let expected = JSONValue.object(JSONObject([
            ("n", .null), ("b", .bool(true)), ("i", .number(3)), ("d", .number(2.5)), ("s", .string("x")),
            ("a", .array([.number(1), .string("two")])), ("o", .object(JSONObject([("k", .bool(false))]))),
        ]))
        #expect(value == expected)
    }

    @Test("typed accessors return nil on a mismatch")
    func accessors() {
        let object: JSONValue = ["a": 1]
        #expect(object.objectValue?.keys == ["a"])
        #expect(object.arrayValue == nil)
        #expect(object.stringValue == nil)
        #expect(JSONValue.array([1]).arrayValue == [1])
        #expect(JSONValue.string("s").stringValue == "s")
        #expect(JSONValue.string("1").doubleValue == nil)
        #expect(JSONValue.bool(false).boolValue == false)
        #expect(JSONValue.number(0).boolValue == nil)
        #expect(JSONValue.null.isNull)
        #expect(!JSONValue.bool(false).isNull)
        #expect(JSONValue.number(2.5).doubleValue == 2.5)
    }

    @Test("intValue needs an integral number in range", arguments: [
        (.number(3), 3),
        (.number(-150_528), -150_528),
        (.number(-0.0), 0),
        (.number(3.5), nil),
        (.number(1e30), nil),
        (.number(9.3e18), nil),
        (.number(.nan), nil),
        (.number(.infinity), nil),
        (.string("3"), nil),
        (.null, nil),
    ] as [(JSONValue, Int?)])
    func intValue(value: JSONValue, expected: Int?) {
        #expect(value.intValue == expected)
    }
}
