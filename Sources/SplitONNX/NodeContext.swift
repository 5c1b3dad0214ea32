import Foundation
import SplitModels

/// One node being converted: its attributes by name, typed reads of them, and errors that name
/// the file, the node, its op type and the attribute.
struct NodeContext {
    let node: Onnx_NodeProto
    let file: String
    /// The default-domain opset of the model (attributes and defaults changed across opsets).
    let opset: Int
    private let attributes: [String: Onnx_AttributeProto]

    init(node: Onnx_NodeProto, file: String, opset: Int) {
        self.node = node
        self.file = file
        self.opset = opset
        var byName: [String: Onnx_AttributeProto] = [:]
        for attribute in node.attribute { byName[attribute.name] = attribute }
        attributes = byName
    }

    var opType: String { node.opType }

    /// An error about this node (and, when given, one of its attributes or tensors).
    func error(_ kind: ONNXImportError.Kind, attribute: String? = nil, tensor: String? = nil,
               _ reason: String) -> ONNXImportError {
        ONNXImportError(kind, file: file, node: node.name, opType: node.opType, attribute: attribute, tensor: tensor,
                        reason: reason)
    }

    /// Throws for any attribute outside `known`: an attribute splitscope does not read could
    /// change the result, so it is never ignored.
    func allowOnly(_ known: Set<String>) throws(ONNXImportError) {
        for attribute in node.attribute where !known.contains(attribute.name) {
            throw error(.unsupportedAttribute, attribute: attribute.name,
                        "is not supported for \(DisplayText.escaped(opType))" + (known.isEmpty ? "" : " (splitscope reads \(known.sorted().joined(separator: ", ")))"))
        }
    }

    func has(_ name: String) -> Bool { attributes[name] != nil }

    /// An integer attribute, or `defaultValue` when absent.
    func int(_ name: String, default defaultValue: Int) throws(ONNXImportError) -> Int {
        guard let attribute = attributes[name] else { return defaultValue }
        try expect(attribute, .int)
        guard let value = Int(exactly: attribute.i), abs(value) <= Int(Int32.max) else {
            throw error(.unsupportedAttribute, attribute: name, "\(attribute.i) is out of range")
        }
        return value
    }

    /// A list of integers, or `nil` when absent.
    func ints(_ name: String) throws(ONNXImportError) -> [Int]? {
        guard let attribute = attributes[name] else { return nil }
        try expect(attribute, .ints)
        var values: [Int] = []
        for raw in attribute.ints {
            guard abs(raw) <= Int64(Int32.max) else {
                throw error(.unsupportedAttribute, attribute: name, "\(raw) is out of range")
            }
            values.append(Int(raw))
        }
        return values
    }

    /// A float attribute, or `defaultValue` when absent.
    func float(_ name: String, default defaultValue: Float) throws(ONNXImportError) -> Float {
        guard let attribute = attributes[name] else { return defaultValue }
        try expect(attribute, .float)
        guard attribute.f.isFinite else { throw error(.unsupportedAttribute, attribute: name, "\(attribute.f) is not finite") }
        return attribute.f
    }

    /// A float attribute that may be infinite (Clip's bounds), or `nil` when absent.
    func optionalFloat(_ name: String) throws(ONNXImportError) -> Float? {
        guard let attribute = attributes[name] else { return nil }
        try expect(attribute, .float)
        guard !attribute.f.isNaN else { throw error(.unsupportedAttribute, attribute: name, "is NaN") }
        return attribute.f
    }

    /// A string attribute, or `nil` when absent.
    func string(_ name: String) throws(ONNXImportError) -> String? {
        guard let attribute = attributes[name] else { return nil }
        try expect(attribute, .string)
        guard let text = String(data: attribute.s, encoding: .utf8) else {
            throw error(.unsupportedAttribute, attribute: name, "is not UTF-8 text")
        }
        return text
    }

    /// The attribute itself (a Constant's `value` tensor), or `nil` when absent.
    func raw(_ name: String) -> Onnx_AttributeProto? { attributes[name] }

    /// Checks the declared type; files of IR version 1 leave it unset, which passes.
    private func expect(_ attribute: Onnx_AttributeProto, _ type: Onnx_AttributeProto.AttributeType) throws(ONNXImportError) {
        guard attribute.hasType, attribute.type != .undefined else { return }
        guard attribute.type == type else {
            throw error(.unsupportedAttribute, attribute: attribute.name,
                        "has type \("\(attribute.type)".uppercased()), expected \("\(type)".uppercased())")
        }
    }

    /// The name of input `i`, or `nil` when the node leaves it out (absent or empty).
    func inputName(_ i: Int) -> String? {
        guard node.input.indices.contains(i), !node.input[i].isEmpty else { return nil }
        return node.input[i]
    }
}
