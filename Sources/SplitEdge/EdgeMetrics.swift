import Prometheus

/// The edge's Prometheus metrics: requests, failures by gRPC status, queue length and a
/// compute-time histogram per model.
public final class EdgeMetrics: Sendable {
    public let registry: PrometheusCollectorRegistry
    private let queueLength: Gauge
    private let busyFraction: Gauge

    /// Compute-time buckets in seconds: 1 ms to 10 s.
    static let buckets: [Double] = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]

    public init(registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry()) {
        self.registry = registry
        queueLength = registry.makeGauge(
            descriptor: MetricNameDescriptor(namespace: "splitscope", subsystem: "edge", metricName: "queue", unitName: "length",
                                             helpText: "Inference requests waiting for a worker"))
        busyFraction = registry.makeGauge(
            descriptor: MetricNameDescriptor(namespace: "splitscope", subsystem: "edge", metricName: "busy", unitName: "ratio",
                                             helpText: "Share of the last window the workers spent computing"))
    }

    /// Counts one ModelInfer request for `model`.
    public func recordRequest(model: String) {
        registry.makeCounter(descriptor: Self.requests, labels: [("model", model)]).increment()
    }

    /// Counts one failed request with the status it got.
    public func recordFailure(model: String, code: String) {
        registry.makeCounter(descriptor: Self.failures, labels: [("model", model), ("code", code)]).increment()
    }

    /// Records one computation's time.
    public func recordCompute(model: String, milliseconds: Double) {
        registry.makeValueHistogram(descriptor: Self.computeSeconds, labels: [("model", model)], buckets: Self.buckets)
            .record(milliseconds / 1000)
    }

    /// Sets the load gauges.
    public func recordLoad(_ load: EdgeLoad) {
        queueLength.set(Double(load.queueLength))
        busyFraction.set(load.busyFraction)
    }

    /// The metrics in Prometheus text format.
    public func text() -> String {
        registry.emitToString()
    }

    private static var requests: MetricNameDescriptor {
        MetricNameDescriptor(namespace: "splitscope", subsystem: "edge", metricName: "requests", unitName: "total",
                             helpText: "ModelInfer requests received")
    }

    private static var failures: MetricNameDescriptor {
        MetricNameDescriptor(namespace: "splitscope", subsystem: "edge", metricName: "failures", unitName: "total",
                             helpText: "ModelInfer requests answered with an error, by gRPC status")
    }

    private static var computeSeconds: MetricNameDescriptor {
        MetricNameDescriptor(namespace: "splitscope", subsystem: "edge", metricName: "compute", unitName: "seconds",
                             helpText: "Time the engine spent computing one request")
    }
}
