import Foundation
import SplitData
import SplitTerminal

/// The data sets `eval --data` names, and where each one's test split is read from.
enum EvalDataSet: String, CaseIterable {
    case fashionMNIST = "fashion-mnist"
    case digits

    /// The digits file beside a clone (`shared/` next to the repository, found by ``BundledFile`` from
    /// any working directory), unless `--data-path` says otherwise.
    static let defaultDigitsPath = "../shared/data/digits.csv.gz"

    /// The data set a `--data` value names, or a usage error listing the names.
    static func named(_ name: String) throws -> EvalDataSet {
        guard let dataSet = EvalDataSet(rawValue: name) else {
            throw CommandError("--data must be \(allCases.map(\.rawValue).joined(separator: " or ")), got \"\(name)\"")
        }
        return dataSet
    }

    /// The test split, or a usage error saying how to get the data.
    func load(from path: String?) throws -> LabelledImages {
        try load(.test, from: path)
    }

    /// A split of the data set (the UCI digits have only the one set, read as the test split).
    func load(_ split: DataSplit, from path: String?) throws -> LabelledImages {
        do {
            switch self {
            case .fashionMNIST:
                let directory = path ?? FashionMNIST.defaultDirectory
                let missing = FashionMNIST.missingFiles(in: directory)
                guard missing.isEmpty else {
                    let names = missing.map { ($0 as NSString).lastPathComponent }
                    let what = names.count == 4 ? "none of its four files is there (\(names.joined(separator: ", ")))"
                        : "\(names.dropLast().joined(separator: ", "))\(names.count > 1 ? " and " : "")\(names.last ?? "") \(names.count == 1 ? "is" : "are") missing"
                    throw CommandError("Fashion-MNIST is not installed in \(directory): \(what); \(FashionMNIST.installHint)")
                }
                return try FashionMNIST.load(split, from: directory)
            case .digits:
                guard split == .test else { throw CommandError("the UCI digits have no \(split.rawValue) split; use --data fashion-mnist") }
                let file = path ?? BundledFile.path(Self.defaultDigitsPath)
                guard FileManager.default.fileExists(atPath: file) else {
                    throw CommandError("the UCI digits are not at \(file): no such file; they are shared/data/digits.csv.gz beside "
                        + "the clone: give --data-path FILE")
                }
                try InputFile.check(path: file, what: "UCI digits file")
                return try UCIDigits.load(path: file)
            }
        } catch let error as DataError {
            throw CommandError("\(error)")
        }
    }

    /// What to say when a model's input does not fit this data set's images.
    var modelHint: String {
        switch self {
        case .fashionMNIST: "a Fashion-MNIST model takes [N, 1, 28, 28] (Models/fashion-device.onnx, Models/fashion-edge.onnx)"
        case .digits: "no model in Models/ takes UCI's 8×8 digits (both take Fashion-MNIST's 28×28 images)"
        }
    }
}
