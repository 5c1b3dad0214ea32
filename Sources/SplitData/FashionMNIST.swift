import Foundation

/// Fashion-MNIST (Xiao, Rasul and Vollgraf 2017, MIT licence): 70,000 28×28 greyscale images of
/// clothing in ten classes, read from the gzipped IDX files Debian's `dataset-fashion-mnist`
/// package installs.
public enum FashionMNIST {
    /// Where Debian's `dataset-fashion-mnist` puts the files (installed by `scripts/setup`).
    public static let defaultDirectory = "/usr/share/datasets/fashion-mnist"

    /// The ten classes, in label order.
    public static let classNames = ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
                                    "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"]

    /// The image and label files of a split, inside `directory`.
    public static func files(for split: DataSplit, in directory: String) -> (images: String, labels: String) {
        let stem = split == .test ? "t10k" : "train"
        let base = URL(fileURLWithPath: directory)
        return (base.appendingPathComponent("\(stem)-images-idx3-ubyte.gz").path,
                base.appendingPathComponent("\(stem)-labels-idx1-ubyte.gz").path)
    }

    /// True when the four files (test and training images and labels) are in `directory`.
    public static func isInstalled(in directory: String = defaultDirectory) -> Bool {
        missingFiles(in: directory).isEmpty
    }

    /// The four files' paths that are not in `directory` (test images, test labels, training
    /// images, training labels, in that order).
    public static func missingFiles(in directory: String = defaultDirectory) -> [String] {
        let (images, labels) = files(for: .test, in: directory)
        let (trainImages, trainLabels) = files(for: .train, in: directory)
        return [images, labels, trainImages, trainLabels].filter { !FileManager.default.fileExists(atPath: $0) }
    }

    /// What to do when the files are not there.
    public static let installHint = "run scripts/setup, which installs Debian's dataset-fashion-mnist (into \(defaultDirectory)), or give --data-path DIR"

    /// One split, checked: images N×28×28, labels N, the same N, every label a class.
    public static func load(_ split: DataSplit, from directory: String = defaultDirectory) throws(DataError) -> LabelledImages {
        let paths = files(for: split, in: directory)
        for path in [paths.images, paths.labels] where !FileManager.default.fileExists(atPath: path) {
            throw DataError(path: path, reason: .unreadable("no such file: Fashion-MNIST is not installed there; \(installHint)"))
        }
        let all = try pair(images: IDXArray.read(path: paths.images, expecting: .images), imagesPath: paths.images,
                           labels: IDXArray.read(path: paths.labels, expecting: .labels), labelsPath: paths.labels)
        let chosen: LabelledImages
        switch split {
        case .test: chosen = all
        case .train: chosen = all.subset(all.labels.indices.filter { !DataSplit.isValidation(trainingIndex: $0) })
        case .validation: chosen = all.subset(all.labels.indices.filter { DataSplit.isValidation(trainingIndex: $0) })
        }
        guard chosen.count > 0 else {
            throw DataError(path: paths.images, reason: .idx("the \(split.rawValue) split has no images (the file holds \(all.count))"))
        }
        return chosen
    }

    /// Puts an image file and a label file together, checking that they agree.
    public static func pair(images: IDXArray, imagesPath: String, labels: IDXArray, labelsPath: String,
                            classCount: Int = classNames.count) throws(DataError) -> LabelledImages {
        guard images.shape.count == 3 else {
            throw DataError(path: imagesPath, reason: .idx("\(IDXContent.images.expectation), "
                + "this one \(images.shape.count) (\(IDXArray.shapeText(images.shape)))"))
        }
        guard labels.shape.count == 1 else {
            throw DataError(path: labelsPath, reason: .idx("\(IDXContent.labels.expectation), "
                + "this one \(labels.shape.count) (\(IDXArray.shapeText(labels.shape)))"))
        }
        guard images.shape[0] == labels.shape[0] else {
            throw DataError(path: labelsPath, reason: .mismatch("\(labels.shape[0]) labels but \(images.shape[0]) images in \(imagesPath)"))
        }
        guard images.shape[0] > 0 else {
            throw DataError(path: imagesPath, reason: .idx("no images in the file (its count is 0): a data set needs at least one sample"))
        }
        if let bad = labels.elements.firstIndex(where: { Int($0) >= classCount }) {
            throw DataError(path: labelsPath, reason: .idx("label \(bad) is \(labels.elements[bad]); classes are 0 to \(classCount - 1)"))
        }
        return LabelledImages(rows: images.shape[1], columns: images.shape[2], maxPixel: 255, pixels: images.elements,
                              labels: labels.elements, classCount: classCount)
    }
}
