/// Which part of a data set: the fixed split that docs/datasets.md documents.
///
/// Fashion-MNIST's official 60,000 training images are divided by index: image `i` is in the
/// validation split when `i % 12 == 11` (5,000 images, spread evenly over the file), in the
/// training split otherwise (55,000); the official 10,000 test images are the test split, used
/// only to report accuracy. `scripts/train-fashion.py` applies the same rule.
public enum DataSplit: String, CaseIterable, Sendable {
    case train
    case validation
    case test

    /// Whether image `index` of the official training file belongs to the validation split.
    public static func isValidation(trainingIndex index: Int) -> Bool {
        index % 12 == 11
    }
}
