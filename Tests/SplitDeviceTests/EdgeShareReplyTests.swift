import SplitEdge
import SplitModels
import SplitOIP
import SplitSession
import Testing
@testable import SplitDevice

/// What a device reads of an edge's reply about its share: leniently, and never to a crash.
@Suite("Edge share replies at the device")
struct EdgeShareReplyTests {
    @Test("the edge's allocation becomes the session's shares event")
    func allocationToEvent() throws {
        let text = #"{"generation":4,"allocator":"exact","edge":{"gmacs_per_s":3.5,"uplink_mbps":20},"devices":["#
            + #"{"device":"cam-1","task_weight":0.95,"version":"full","split":0,"compute_share":0.4,"bandwidth_share":0.3,"predicted_ms":9.5,"utility":0.8},"#
            + #"{"device":"cam-2","task_weight":0.2,"version":"p50","split":0,"compute_share":0.6,"bandwidth_share":0.7}]}"#
        let shares = try EdgeAllocation.sharesEvent(parsing: text).get()
        #expect(shares.allocator == .exact && shares.edge?.uplinkMbps == 20)
        #expect(shares.devices.map(\.device) == ["cam-1", "cam-2"])
        #expect(shares.share(of: "cam-1")?.version == "full")
    }

    @Test("a malformed allocation is refused with the field named", arguments: [
        ("[", "allocation"),
        ("[1]", "allocation"),
        (#"{"allocator":"exact","devices":[]}"#, "devices"),
        (#"{"allocator":"exact","devices":[{"device":"a","split":0,"compute_share":0.8,"bandwidth_share":0},{"device":"b","split":0,"compute_share":0.8,"bandwidth_share":0}]}"#, "compute_share"),
        (#"{"allocator":"exact","devices":[{"device":"a","split":-1,"compute_share":0.5,"bandwidth_share":0}]}"#, "split"),
    ])
    func malformedAllocation(text: String, field: String) {
        guard case .failure(let error) = EdgeAllocation.sharesEvent(parsing: text) else {
            Issue.record("\(text) was read")
            return
        }
        #expect("\(error)".contains(field), "\(error)")
    }

    @Test("a response without share parameters is no reply; out-of-range numbers are left out")
    func lenient() throws {
        #expect(EdgeShareReply([EdgeParameter.computeMilliseconds: .double(1)]) == nil)
        let reply = try #require(EdgeShareReply([EdgeParameter.computeShare: .double(1.5), EdgeParameter.allocationGeneration: .int64(3),
                                                 EdgeParameter.assignedSplit: .int64(-2), EdgeParameter.uplinkMbps: .double(.nan)]))
        #expect(reply.computeShare == nil && reply.split == nil && reply.uplinkMbps == nil && reply.generation == 3)
    }

    @Test("each number is read within its quantity's range, as the edge's own checks are", arguments: [
        (EdgeParameter.computeShare, Quantity.share),
        (EdgeParameter.bandwidthShare, Quantity.share),
        (EdgeParameter.assignedSplit, Quantity.layerCount),
        (EdgeParameter.allocationGeneration, Quantity.generation),
        (EdgeParameter.uplinkMbps, Quantity.bandwidthMbps),
    ])
    func catalogueRanges(key: String, quantity: Quantity) throws {
        func read(_ value: Double) -> Double? {
            // Another field keeps the reply from being empty, so only `key` is in question.
            let reply = EdgeShareReply([key: .double(value), EdgeParameter.allocationError: .string("x")])
            return switch key {
            case EdgeParameter.computeShare: reply?.computeShare
            case EdgeParameter.bandwidthShare: reply?.bandwidthShare
            case EdgeParameter.assignedSplit: reply?.split.map(Double.init)
            case EdgeParameter.allocationGeneration: reply?.generation.map(Double.init)
            default: reply?.uplinkMbps
            }
        }
        #expect(read(quantity.lowest) == quantity.lowest)
        #expect(read(quantity.highest) == quantity.highest)
        let above = quantity.highest == 0 ? 1 : quantity.highest * 2
        #expect(read(above) == nil, "\(key) above \(quantity.rangeDescription)")
        #expect(read(quantity.lowest - max(1, abs(quantity.lowest))) == nil, "\(key) below \(quantity.rangeDescription)")
        if quantity.wholeNumber { #expect(read(quantity.lowest + 0.5) == nil, "\(key): not a whole number") }
    }
}
