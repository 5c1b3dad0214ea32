import ArgumentParser
import SplitData
import SplitModels

/// What a cascade's frames are and when one is appealed, for `simulate --cascade` and
/// `device --cascade` alike: the appeal threshold and the labelled images the frames show.
struct CascadeFrameOptions: ParsableArguments {
    /// The threshold when none is given.
    static let defaultThreshold = 0.9

    @Option(name: .long, parsing: .unconditional, help: "With --cascade: appeal a frame whose device confidence (max softmax probability) is below this, 0 to 1 (default 0.9).")
    var appealThreshold: FlagNumber?

    @Option(name: .long, help: "With --cascade: the labelled images the frames show: fashion-mnist or digits.")
    var data: String = EvalDataSet.fashionMNIST.rawValue

    @Option(name: .long, help: "With --cascade: where the data set's files are.")
    var dataPath: String?

    /// The appeal threshold, checked (0 to 1).
    func threshold() throws -> Double {
        try Quantity.confidence.checked(appealThreshold?.value ?? Self.defaultThreshold, flag: "--appeal-threshold")
    }

    /// The data set `--data` names, or a usage error naming the flag.
    func dataSet() throws -> EvalDataSet {
        try EvalDataSet.named(data)
    }

    /// The flags given that only a cascade reads.
    var givenFlags: [String] {
        [("--appeal-threshold", appealThreshold != nil), ("--data-path", dataPath != nil)].filter(\.1).map(\.0)
    }
}
