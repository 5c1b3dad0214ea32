// swift-tools-version:6.0
import PackageDescription

/// splitscope: a runtime and terminal dashboard for collaborative (split) DNN inference.
///
/// Targets depend one way: JSON ← Models ← Cost ← Planners ← Control ← Simulator ← Commands.
/// Traces stands beside Models; Session (the event stream, its files and replay index) beside
/// Cost, reading gzip through SplitGzip (the CZlib system library). Planners and the cost model do no I/O.
/// Control also depends on Session: it holds the one mapping between the controller's and cost
/// model's types and the session vocabulary (partitions, decision reasons, operator actions,
/// constraint names, power model) and the frame loop that the simulator drives against a trace
/// and the live device will drive against a real link; Session never depends on Control.
/// SplitTerminal (cells, widgets, themes and the ncurses backend, through the CNcursesw system
/// library) depends on no other splitscope target; SplitDashboard (state, reduce, view) puts the
/// session stream on it. SplitONNX reads ONNX files into Models' graph and weights through
/// swift-protobuf (code generated once from Protos/, see scripts/generate-protos). SplitData reads
/// data sets (IDX files, UCI digits) for measured accuracy; it depends only on SplitGzip (CZlib).
/// SplitEngine runs real layers through XNNPACK (the CXNNPACK system library) for any
/// partition; SplitTensorIO reads and writes NumPy `.npy` tensors. SplitOIP holds the Open
/// Inference Protocol (KServe V2 gRPC) messages and stubs, generated once from Protos/, and its
/// tensors; SplitEdge serves models over it on grpc-swift-2's NIO transport, computed by the
/// engine, with Prometheus metrics.
/// SplitControlPort (SwiftNIO) is a running session's control port: operator commands in (into
/// Control's OperatorQueue), the session event stream out, and the dashboard's LiveFeed.
/// SplitDevice is the live device: Control's FrameLoop driven against the engine, an OIP client
/// to the edge (grpc-swift-2), an uplink shaped by a bandwidth trace and the wall clock.
/// SplitAllocation shares one edge among many devices (MCIA): each device's version × split and
/// its shares of the edge's compute and uplink, exact and fast, and simulated over traces.
let package = Package(
    name: "splitscope",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "splitscope", targets: ["splitscope"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-protobuf", from: "1.39.0"),
        .package(url: "https://github.com/grpc/grpc-swift-2", exact: "2.4.3"),
        .package(url: "https://github.com/grpc/grpc-swift-nio-transport", exact: "2.9.2"),
        .package(url: "https://github.com/grpc/grpc-swift-protobuf", exact: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-prometheus", exact: "2.4.1"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.0"),
    ],
    targets: [
        .target(name: "SplitJSON"),
        .target(name: "SplitRandom"),
        // Shared fixtures for the test targets (hand-worked models); not part of the product.
        .target(name: "SplitTestSupport", dependencies: ["SplitModels", "SplitRandom", "SplitSession"]),
        .target(name: "SplitModels", dependencies: ["SplitJSON"]),
        .target(name: "SplitCost", dependencies: ["SplitModels"]),
        .target(name: "SplitONNX", dependencies: ["SplitModels", .product(name: "SwiftProtobuf", package: "swift-protobuf")]),
        .target(name: "SplitPlanners", dependencies: ["SplitModels", "SplitCost"]),
        // The Open Inference Protocol (KServe V2) messages and gRPC stubs, generated once from
        // Protos/grpc_predict_v2.proto, and the conversion between OIP tensors and flat buffers.
        .target(
            name: "SplitOIP",
            dependencies: [
                "SplitModels",
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
                .product(name: "GRPCCore", package: "grpc-swift-2"),
                .product(name: "GRPCProtobuf", package: "grpc-swift-protobuf"),
            ]
        ),
        // The edge: an OIP GRPCInferenceService over models, a bounded request queue and
        // Prometheus metrics on a small HTTP listener.
        .target(
            name: "SplitEdge",
            dependencies: [
                "SplitOIP", "SplitModels", "SplitEngine", "SplitAllocation", "SplitJSON", "SplitSession",
                .product(name: "GRPCCore", package: "grpc-swift-2"),
                .product(name: "GRPCNIOTransportHTTP2Posix", package: "grpc-swift-nio-transport"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),
        .target(name: "SplitTraces", dependencies: ["SplitModels"]),
        .systemLibrary(name: "CZlib", path: "Sources/CZlib"),
        // Inflating gzip streams through CZlib: one decoder for session recordings and data sets.
        .target(name: "SplitGzip", dependencies: ["CZlib"]),
        .target(name: "SplitSession", dependencies: ["SplitJSON", "SplitModels", "CZlib", "SplitGzip", "SplitRandom"]),
        // Data sets for measured accuracy: IDX files (Fashion-MNIST) and UCI digits, gzip through SplitGzip.
        .target(name: "SplitData", dependencies: ["SplitGzip"]),
        .target(name: "SplitControl", dependencies: ["SplitModels", "SplitCost", "SplitPlanners", "SplitSession", "SplitJSON"]),
        .target(
            name: "SplitSimulator",
            dependencies: ["SplitModels", "SplitCost", "SplitPlanners", "SplitControl", "SplitTraces", "SplitSession", "SplitJSON"]
        ),
        // The control port: operator commands in and the session event stream out, over TCP (SwiftNIO).
        .target(
            name: "SplitControlPort",
            dependencies: [
                "SplitControl", "SplitSession", "SplitModels", "SplitCost", "SplitPlanners", "SplitJSON", "SplitDashboard",
                .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),
        // The live device: the frame loop driven against the engine, a gRPC connection to an OIP
        // edge, an emulated uplink and the wall clock; `splitscope device` and `demo` run it.
        .target(
            name: "SplitDevice",
            dependencies: [
                "SplitControl", "SplitEngine", "SplitOIP", "SplitEdge", "SplitTraces", "SplitSession", "SplitSimulator",
                "SplitModels", "SplitCost", "SplitPlanners", "SplitRandom", "SplitTensorIO", "SplitAllocation", "SplitJSON",
                .product(name: "GRPCCore", package: "grpc-swift-2"),
                .product(name: "GRPCNIOTransportHTTP2Posix", package: "grpc-swift-nio-transport"),
            ]
        ),
        .systemLibrary(name: "CNcursesw", path: "Sources/CNcursesw"),
        // The terminal's signal handlers and their state, in C and defined once in the program.
        .target(name: "CTerminalSignals", path: "Sources/CTerminalSignals"),
        .target(name: "SplitTerminal", dependencies: ["CNcursesw", "CTerminalSignals"]),
        .target(
            name: "SplitDashboard",
            dependencies: ["SplitTerminal", "SplitSession", "SplitModels", "SplitCost", "SplitPlanners", "SplitControl", "SplitJSON"]
        ),
        .target(
            name: "SplitCommands",
            dependencies: [
                "SplitJSON", "SplitModels", "SplitCost", "SplitPlanners", "SplitTraces", "SplitSession", "SplitControl",
                "SplitSimulator", "SplitTerminal", "SplitDashboard", "SplitRandom", "SplitONNX", "SplitEngine", "SplitTensorIO",
                "CFMAProbe", "SplitOIP", "SplitEdge", "SplitControlPort", "SplitDevice", "SplitData", "SplitAllocation",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                // `bench live` is an OIP client of a real edge.
                .product(name: "GRPCCore", package: "grpc-swift-2"),
                .product(name: "GRPCNIOTransportHTTP2Posix", package: "grpc-swift-nio-transport"),
            ]
        ),
        .executableTarget(name: "splitscope", dependencies: ["SplitCommands"]),
        // The engine: real layers on real tensors through XNNPACK's operator API.
        .systemLibrary(name: "CXNNPACK", path: "Sources/CXNNPACK"),
        .target(name: "SplitEngine", dependencies: ["SplitModels", "CXNNPACK"]),
        .target(name: "SplitTensorIO", dependencies: ["SplitModels"]),
        // One core's FMA peak, for `bench engine` (a C loop on the widest vectors the CPU has).
        .target(name: "CFMAProbe"),
        // Many devices, one edge (MCIA): each device's version × split and its shares of the edge's
        // compute and uplink, exact and fast; pure, and simulated over real traces.
        .target(name: "SplitAllocation", dependencies: ["SplitModels", "SplitCost", "SplitTraces", "SplitRandom"]),

        .testTarget(name: "SplitJSONTests", dependencies: ["SplitJSON", "SplitRandom"]),
        .testTarget(name: "SplitModelsTests", dependencies: ["SplitModels", "SplitTestSupport"]),
        .testTarget(
            name: "SplitONNXTests",
            dependencies: ["SplitONNX", "SplitModels", "SplitRandom", "SplitTestSupport", .product(name: "SwiftProtobuf", package: "swift-protobuf")],
            exclude: ["Fixtures"]
        ),
        .testTarget(name: "SplitCostTests", dependencies: ["SplitTestSupport", "SplitCost", "SplitModels"]),
        .testTarget(name: "SplitPlannersTests", dependencies: ["SplitTestSupport", "SplitPlanners", "SplitCost", "SplitModels", "SplitRandom"]),
        .testTarget(name: "SplitTracesTests", dependencies: ["SplitTraces", "SplitRandom", "SplitTestSupport"]),
        .testTarget(name: "SplitSessionTests", dependencies: ["SplitSession", "SplitModels", "SplitJSON", "SplitRandom", "SplitTestSupport"]),
        .testTarget(
            name: "SplitControlTests",
            dependencies: ["SplitTestSupport", "SplitRandom", "SplitControl", "SplitPlanners", "SplitCost", "SplitModels", "SplitSession", "SplitJSON"]
        ),
        .testTarget(
            name: "SplitSimulatorTests",
            dependencies: ["SplitTestSupport", "SplitSimulator", "SplitSession", "SplitTraces", "SplitModels", "SplitPlanners", "SplitCost"]
        ),
        .testTarget(
            name: "SplitControlPortTests",
            dependencies: [
                "SplitControlPort", "SplitTestSupport", "SplitControl", "SplitSimulator", "SplitSession", "SplitModels",
                "SplitPlanners", "SplitTraces", "SplitJSON", "SplitDashboard", "SplitCost",
                .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),
        .testTarget(name: "SplitOIPTests", dependencies: ["SplitOIP"]),
        .testTarget(
            name: "SplitDeviceTests",
            dependencies: [
                "SplitDevice", "SplitControl", "SplitTraces", "SplitTestSupport", "SplitCost", "SplitPlanners", "SplitModels",
                "SplitSession", "SplitOIP", "SplitEdge", "SplitEngine", "SplitONNX", "SplitData",
                .product(name: "GRPCCore", package: "grpc-swift-2"),
                .product(name: "GRPCNIOTransportHTTP2Posix", package: "grpc-swift-nio-transport"),
            ]
        ),
        .testTarget(
            name: "SplitEdgeTests",
            dependencies: [
                "SplitEdge", "SplitOIP", "SplitModels", "SplitEngine", "SplitONNX", "SplitTensorIO", "SplitAllocation", "SplitJSON", "SplitSession",
                "SplitTestSupport",
                .product(name: "GRPCCore", package: "grpc-swift-2"),
                .product(name: "GRPCNIOTransportHTTP2Posix", package: "grpc-swift-nio-transport"),
            ]
        ),
        .testTarget(name: "SplitTerminalTests", dependencies: ["SplitTerminal"], exclude: ["Golden"]),
        .testTarget(
            name: "SplitDashboardTests",
            dependencies: ["SplitTestSupport", "SplitDashboard", "SplitTerminal", "SplitSession", "SplitModels", "SplitPlanners"],
            exclude: ["Golden"]
        ),
        .testTarget(name: "SplitEngineTests", dependencies: ["SplitEngine", "SplitModels", "SplitONNX", "SplitPlanners", "SplitRandom", "SplitTensorIO"]),
        .testTarget(name: "SplitTensorIOTests", dependencies: ["SplitTensorIO", "SplitModels", "SplitTestSupport"]),
        .testTarget(name: "SplitDataTests", dependencies: ["SplitData"], exclude: ["Fixtures"]),
        .testTarget(
            name: "SplitCommandsTests",
            dependencies: ["SplitCommands", "SplitTestSupport", "SplitModels", "SplitRandom", "SplitTensorIO", "SplitSession", "SplitCost",
                           "SplitEdge", "SplitControlPort", "SplitDashboard", "SplitTerminal"],
            resources: []
        ),
        .testTarget(name: "SplitAllocationTests", dependencies: ["SplitAllocation", "SplitModels", "SplitCost", "SplitTraces", "SplitRandom", "SplitTestSupport"]),
    ]
)
