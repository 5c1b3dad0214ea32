/// An object that keeps its members in source order (for readable, stable output).
///
/// Lookup by key is a linear scan, which is the fast choice for the small objects this
/// package reads and writes. Two objects are equal when they hold the same members in the
/// same order: order is part of the value, just as it is part of the serialized text.
///
/// The parser never produces duplicate keys: when a key repeats, the member stays where the
/// key first appeared and takes the later value. Objects built by hand may hold duplicates;
/// they are serialized as stored, and the subscript sees only the first.
///
/// ```swift
/// var layer: JSONObject = ["name": "conv1"]
/// layer["flops"] = 118_013_952   // appended
/// layer["name"] = "conv1_1"      // replaced in place
/// layer.keys                     // ["name", "flops"]
/// ```
public struct JSONObject: Hashable, Sendable, Sequence {
    /// The members in order.
    public var members: [(key: String, value: JSONValue)]

    /// Creates an object with the given members, in the given order, stored as given.
    public init(_ members: [(String, JSONValue)] = []) {
        self.members = members.map { (key: $0.0, value: $0.1) }
    }

    /// Creates an object from members that already carry labels.
    init(labeledMembers: [(key: String, value: JSONValue)]) {
        self.members = labeledMembers
    }

    /// The value of the first member with this key.
    ///
    /// Setting a value replaces the first member with that key in place, or appends a new
    /// member; setting `nil` removes every member with that key.
    public subscript(key: String) -> JSONValue? {
        get {
            for member in members where member.key == key {
                return member.value
            }
            return nil
        }
        set {
            if let newValue {
                if let position = members.firstIndex(where: { $0.key == key }) {
                    members[position].value = newValue
                } else {
                    members.append((key: key, value: newValue))
                }
            } else {
                members.removeAll { $0.key == key }
            }
        }
    }

    /// The keys in order.
    public var keys: [String] {
        members.map(\.key)
    }

    /// The number of members.
    public var count: Int {
        members.count
    }

    /// Whether the object has no members.
    public var isEmpty: Bool {
        members.isEmpty
    }

    /// Iterates the members in order.
    public func makeIterator() -> IndexingIterator<[(key: String, value: JSONValue)]> {
        members.makeIterator()
    }

    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        guard lhs.members.count == rhs.members.count else { return false }
        for (left, right) in zip(lhs.members, rhs.members) where left.key != right.key || left.value != right.value {
            return false
        }
        return true
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(members.count)
        for member in members {
            hasher.combine(member.key)
            hasher.combine(member.value)
        }
    }
}

extension JSONObject: ExpressibleByDictionaryLiteral {
    /// Creates an object whose members are in the order written.
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self.init(elements)
    }
}
