import Foundation
import Testing
@testable import SplitData

/// Pairing image and label files, the fixed split rule, and the real Fashion-MNIST files when installed.
struct FashionMNISTTests {
    private func tiny(labels: String) throws -> LabelledImages {
        let images = IDXArrayTests.fixture("tiny-images-idx3-ubyte.gz")
        let labelsPath = IDXArrayTests.fixture(labels)
        return try FashionMNIST.pair(images: IDXArray.read(path: images), imagesPath: images,
                                     labels: IDXArray.read(path: labelsPath), labelsPath: labelsPath)
    }

    @Test func pairsImagesWithLabels() throws {
        let data = try tiny(labels: "tiny-labels-idx1-ubyte.gz")
        #expect(data.count == 3)
        #expect(data.rows == 2 && data.columns == 2)
        #expect(data.labels == [9, 0, 4])
        // value / 255 for the first image, as the training script scales it.
        #expect(data.floatPixels(0..<1) == [0, 1, Float(128) / 255, Float(64) / 255])
        #expect(data.subset([2, 0]).labels == [4, 9])
        #expect(data.subset([2]).pixels == [250, 251, 252, 253])
        #expect(data.prefix(10) == data)
    }

    @Test func refusesLabelsThatDoNotMatchTheImages() {
        let labels = IDXArrayTests.fixture("labels-mismatch-idx1-ubyte.gz")
        #expect(throws: DataError(path: labels, reason: .mismatch(
            "2 labels but 3 images in \(IDXArrayTests.fixture("tiny-images-idx3-ubyte.gz"))"))) {
            _ = try tiny(labels: "labels-mismatch-idx1-ubyte.gz")
        }
    }

    @Test func refusesAPairWithNoImages() {
        let images = IDXArrayTests.fixture("empty-images-idx3-ubyte.gz")
        let labels = IDXArrayTests.fixture("empty-labels-idx1-ubyte.gz")
        #expect(throws: DataError(path: images, reason: .idx("no images in the file (its count is 0): a data set needs at least one sample"))) {
            _ = try FashionMNIST.pair(images: IDXArray.read(path: images), imagesPath: images,
                                      labels: IDXArray.read(path: labels), labelsPath: labels)
        }
    }

    @Test func refusesALabelOutsideTheClasses() {
        let labels = IDXArrayTests.fixture("bad-label-idx1-ubyte.gz")
        #expect(throws: DataError(path: labels, reason: .idx("label 1 is 10; classes are 0 to 9"))) {
            _ = try tiny(labels: "bad-label-idx1-ubyte.gz")
        }
    }

    @Test func refusesImagesGivenAsLabels() {
        let images = IDXArrayTests.fixture("tiny-images-idx3-ubyte.gz")
        #expect {
            _ = try FashionMNIST.pair(images: IDXArray.read(path: images), imagesPath: images,
                                      labels: IDXArray.read(path: images), labelsPath: images)
        } throws: { error in
            "\(error)" == "\(images): a label file has 1 dimension (count), this one 3 (3×2×2)"
        }
    }

    /// Every twelfth training image is validation: 5,000 of 60,000, none in both.
    @Test func validationSplitRule() {
        let validation = (0..<60_000).filter { DataSplit.isValidation(trainingIndex: $0) }
        #expect(validation.count == 5_000)
        #expect(validation.first == 11)
        #expect(validation.last == 59_999)
    }

    /// A missing file is named, with what installs it.
    @Test func aMissingDirectoryIsNotInstalled() {
        #expect(!FashionMNIST.isInstalled(in: "/nonexistent/fashion-mnist"))
        #expect(FashionMNIST.missingFiles(in: "/nonexistent/fashion-mnist").count == 4)
        #expect {
            _ = try FashionMNIST.load(.test, from: "/nonexistent/fashion-mnist")
        } throws: { error in
            let text = "\(error)"
            return text.hasPrefix("/nonexistent/fashion-mnist/t10k-images-idx3-ubyte.gz: no such file")
                && text.contains("run scripts/setup, which installs Debian's dataset-fashion-mnist")
        }
    }

    /// With the test images there but not their labels, the labels file is the one named.
    @Test func aMissingLabelsFileIsNamed() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("fashion-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.copyItem(atPath: IDXArrayTests.fixture("tiny-images-idx3-ubyte.gz"),
                                         toPath: dir.appendingPathComponent("t10k-images-idx3-ubyte.gz").path)
        #expect(FashionMNIST.missingFiles(in: dir.path).map { ($0 as NSString).lastPathComponent }
            == ["t10k-labels-idx1-ubyte.gz", "train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz"])
        #expect {
            _ = try FashionMNIST.load(.test, from: dir.path)
        } throws: { error in
            "\(error)".hasPrefix(dir.appendingPathComponent("t10k-labels-idx1-ubyte.gz").path + ": no such file")
        }
    }

    /// The real files from Debian's dataset-fashion-mnist: sizes, the split, and the classes balanced.
    @Test(.enabled(if: FashionMNIST.isInstalled(), "Fashion-MNIST is not installed in \(FashionMNIST.defaultDirectory): run scripts/setup"))
    func realFiles() throws {
        let test = try FashionMNIST.load(.test)
        #expect(test.count == 10_000)
        #expect(test.rows == 28 && test.columns == 28)
        #expect(test.pixels.count == 10_000 * 784)
        // The official test set has 1,000 images of each class.
        #expect((0..<10).map { c in test.labels.filter { Int($0) == c }.count } == Array(repeating: 1_000, count: 10))
        let train = try FashionMNIST.load(.train)
        let validation = try FashionMNIST.load(.validation)
        #expect(train.count == 55_000)
        #expect(validation.count == 5_000)
        #expect(Set(train.labels) == Set(0..<10))
    }
}
