/// The AppealNet cascade's trade-off on a test set: per threshold, the appeal rate, the accuracy,
/// and the mean latency and device energy per input, against device-only and edge-only.
///
/// A pure function of the per-input samples, the link and the power model. An appealed input costs
/// the device its own compute (it ran the device model first), the transfer of the input at the
/// link's bandwidth, and idle power while it waits for the RTT and the edge's compute:
///
///     latency = device_ms + [appealed] (transfer_ms + rtt_ms + edge_ms)
///     energy  = compute W · device_ms + [appealed] (radio W · transfer_ms + idle W · (rtt_ms + edge_ms))
///
/// Edge-only sends every input without computing on the device.
///
/// ```swift
/// let curve = CascadeCurve(samples: samples, link: link, power: .jetsonOnLTE)
/// curve.point(threshold: 0.9).appealRatePct
/// curve.leastEnergyWithoutLoss()   // the cheapest threshold at least as accurate as edge-only
/// ```
public struct CascadeCurve: Sendable {
    public var samples: [CascadeSample]
    public var link: CascadeLink
    public var power: DevicePowerModel

    public init(samples: [CascadeSample], link: CascadeLink, power: DevicePowerModel) {
        self.samples = samples
        self.link = link
        self.power = power
    }

    private func appealCost(_ sample: CascadeSample) -> (latencyMs: Double, energyMJ: Double) {
        let transfer = link.transferMs
        return (transfer + link.rttMs + sample.edgeMs,
                power.energyMJ(deviceMs: 0, transferMs: transfer, waitMs: link.rttMs + sample.edgeMs))
    }

    private func mean(_ total: Double) -> Double {
        samples.isEmpty ? 0 : total / Double(samples.count)
    }

    /// The cascade at `threshold`: inputs with confidence below it are appealed.
    public func point(threshold: Double) -> CascadePoint {
        var appealed = 0, correct = 0
        var latency = 0.0, energy = 0.0
        for sample in samples {
            latency += sample.deviceMs
            energy += power.energyMJ(deviceMs: sample.deviceMs, transferMs: 0, waitMs: 0)
            if sample.isAppealed(at: threshold) {
                appealed += 1
                let cost = appealCost(sample)
                latency += cost.latencyMs
                energy += cost.energyMJ
                if sample.edgeCorrect { correct += 1 }
            } else if sample.deviceCorrect {
                correct += 1
            }
        }
        return CascadePoint(kind: .threshold(threshold), count: samples.count, appealed: appealed, correct: correct,
                            meanLatencyMs: mean(latency), meanEnergyMJ: mean(energy))
    }

    /// The device model alone: no input appealed.
    public var deviceOnly: CascadePoint {
        var point = point(threshold: -.infinity)
        point.kind = .deviceOnly
        return point
    }

    /// The edge model alone: every input sent, nothing computed on the device.
    public var edgeOnly: CascadePoint {
        var latency = 0.0, energy = 0.0
        for sample in samples {
            let cost = appealCost(sample)
            latency += cost.latencyMs
            energy += cost.energyMJ
        }
        return CascadePoint(kind: .edgeOnly, count: samples.count, appealed: samples.count,
                            correct: samples.filter(\.edgeCorrect).count, meanLatencyMs: mean(latency), meanEnergyMJ: mean(energy))
    }

    /// The cascade with the least device energy whose accuracy is at least edge-only's, searched
    /// over every threshold that makes a difference (each distinct confidence, and above the
    /// largest). There always is one: appealing every input is exactly as accurate as edge-only.
    ///
    /// The threshold returned is the smallest one that appeals exactly that set of inputs. It is
    /// chosen on the samples it is scored on, so it is the curve's best case, not a held-out figure.
    public func leastEnergyWithoutLoss() -> CascadePoint {
        let target = samples.filter(\.edgeCorrect).count
        let sorted = samples.sorted { $0.confidence < $1.confidence }
        // Appealing the k least confident inputs: running right answers and extra energy.
        var correct = samples.filter(\.deviceCorrect).count
        var extraEnergy = 0.0
        var best: (k: Int, energy: Double)?
        for k in 0...sorted.count {
            if k > 0 {
                let sample = sorted[k - 1]
                correct += (sample.edgeCorrect ? 1 : 0) - (sample.deviceCorrect ? 1 : 0)
                extraEnergy += appealCost(sample).energyMJ
            }
            // Only a cut between two different confidences is a threshold.
            let isCut = k == 0 || k == sorted.count || sorted[k - 1].confidence < sorted[k].confidence
            if isCut, correct >= target, best.map({ extraEnergy < $0.energy }) ?? true {
                best = (k, extraEnergy)
            }
        }
        let k = best?.k ?? sorted.count
        let threshold: Double
        if k == sorted.count {
            threshold = (sorted.last?.confidence ?? 0).nextUp
        } else {
            threshold = k == 0 ? 0 : sorted[k].confidence
        }
        return point(threshold: threshold)
    }
}
