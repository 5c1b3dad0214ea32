import SplitCost
import SplitData
import SplitEngine
import SplitModels

/// Both models of an AppealNet cascade run on every test input, one input at a time, as a device
/// and an edge would: each answer, the device's max-softmax confidence, and each model's compute time.
struct CascadeMeasurement {
    /// One per test input, in order.
    var samples: [CascadeSample]
    /// The device model's and the edge model's answer per input.
    var devicePredictions: [Int]
    var edgePredictions: [Int]
    var labels: [Int]

    /// A model ready to run on one input, and where its logits come out.
    struct Model {
        var runner: Runner
        var logits: TensorSource

        /// The model's answer to test image `image` of `data` and its compute time in ms, or an
        /// error naming the model (`name`) when it gives no finite logit per class.
        func answer(_ data: LabelledImages, image: Int, name: String) throws -> (MaxSoftmax, Double) {
            let shape = TensorShape([1, data.rows, data.columns])
            guard let input = BatchTensor(sampleShape: shape, batch: 1, elements: data.floatPixels(image..<(image + 1))) else {
                throw CommandError("cannot make a \(data.rows)×\(data.columns) input", isUsage: false)
            }
            let result = try runner.run(input)
            guard let logits = result.outputs[self.logits], logits.sampleShape.elementCount == data.classCount,
                  let answer = MaxSoftmax(logits: logits.elements) else {
                throw CommandError("the \(name) model gave no \(data.classCount) finite logits for test image \(image)", isUsage: false)
            }
            return (answer, result.milliseconds)
        }
    }

    /// Runs `device` then `edge` (both built for batch 1) on every image, after `warmUp` untimed runs of each.
    static func run(_ data: LabelledImages, device: Model, edge: Model, warmUp: Int = 5,
                    progress: (Int) -> Void = { _ in }) throws -> CascadeMeasurement {
        if data.count > 0 {
            for _ in 0..<warmUp {
                _ = try device.answer(data, image: 0, name: "device")
                _ = try edge.answer(data, image: 0, name: "edge")
            }
        }
        var measurement = CascadeMeasurement(samples: [], devicePredictions: [], edgePredictions: [],
                                             labels: data.labels.map(Int.init))
        for image in 0..<data.count {
            let (onDevice, deviceMs) = try device.answer(data, image: image, name: "device")
            let (onEdge, edgeMs) = try edge.answer(data, image: image, name: "edge")
            let label = measurement.labels[image]
            measurement.devicePredictions.append(onDevice.predictedClass)
            measurement.edgePredictions.append(onEdge.predictedClass)
            measurement.samples.append(CascadeSample(confidence: onDevice.confidence, deviceCorrect: onDevice.predictedClass == label,
                                                     edgeCorrect: onEdge.predictedClass == label, deviceMs: deviceMs, edgeMs: edgeMs))
            progress(image + 1)
        }
        return measurement
    }

    /// One line per input: index, label, the device's answer and confidence, the edge's answer, after a header.
    var csv: String {
        var lines = ["index,label,device_prediction,device_confidence,edge_prediction,device_ms,edge_ms"]
        for (i, sample) in samples.enumerated() {
            lines.append("\(i),\(labels[i]),\(devicePredictions[i]),\(sample.confidence),\(edgePredictions[i]),"
                + "\(sample.deviceMs),\(sample.edgeMs)")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
