// swift-tools-version:6.0
import PackageDescription

/// splitscope: a runtime and terminal dashboard for collaborative (split) DNN inference.
///
/// Targets depend one way: JSON ← Models ← Cost ← Planners ← Control ← Simulator ← Commands.
/// Traces stands beside Models; Session (the event stream, its files and replay index) beside
/// Cost, reading gzip through the CZlib system library. Planners and the cost model do no I/O.
/// Control also depends on Session: it holds the one mapping between the controller's and cost
/// model's types and the session vocabulary (partitions, decision reasons, operator actions,
/// constraint names, power model) and the frame loop that the simulator drives against a trace
/// and the live device will drive against a real link; Session never depends on Control.
/// SplitTerminal (cells, widgets, themes and the ncurses backend, through the CNcursesw system
/// library) depends on no other splitscope target; SplitDashboard (state, reduce, view) puts the
/// session stream on it. SplitONNX reads ONNX files into Models' graph and weights through
/// swift-protobuf (code generated once from Protos/, see scripts/generate-protos).
let package = Package(
    name: "splitscope",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "splitscope", targets: ["splitscope"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-protobuf", from: "1.39.0"),
    ],
    targets: [
        .target(name: "SplitJSON"),
        .target(name: "SplitRandom"),
        // Shared fixtures for the test targets (hand-worked models); not part of the product.
        .target(name: "SplitTestSupport", dependencies: ["SplitModels", "SplitRandom"]),
        .target(name: "SplitModels", dependencies: ["SplitJSON"]),
        .target(name: "SplitCost", dependencies: ["SplitModels"]),
        .target(name: "SplitONNX", dependencies: ["SplitModels", .product(name: "SwiftProtobuf", package: "swift-protobuf")]),
        .target(name: "SplitPlanners", dependencies: ["SplitModels", "SplitCost"]),
        .target(name: "SplitTraces", dependencies: ["SplitModels"]),
        .systemLibrary(name: "CZlib", path: "Sources/CZlib"),
        .target(name: "SplitSession", dependencies: ["SplitJSON", "SplitModels", "CZlib", "SplitRandom"]),
        .target(name: "SplitControl", dependencies: ["SplitModels", "SplitCost", "SplitPlanners", "SplitSession", "SplitJSON"]),
        .target(
            name: "SplitSimulator",
            dependencies: ["SplitModels", "SplitCost", "SplitPlanners", "SplitControl", "SplitTraces", "SplitSession", "SplitJSON"]
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
                "SplitSimulator", "SplitTerminal", "SplitDashboard", "SplitRandom", "SplitONNX",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "splitscope", dependencies: ["SplitCommands"]),

        .testTarget(name: "SplitJSONTests", dependencies: ["SplitJSON", "SplitRandom"]),
        .testTarget(name: "SplitModelsTests", dependencies: ["SplitModels"]),
        .testTarget(
            name: "SplitONNXTests",
            dependencies: ["SplitONNX", "SplitModels", "SplitRandom", .product(name: "SwiftProtobuf", package: "swift-protobuf")],
            exclude: ["Fixtures"]
        ),
        .testTarget(name: "SplitCostTests", dependencies: ["SplitTestSupport", "SplitCost", "SplitModels"]),
        .testTarget(name: "SplitPlannersTests", dependencies: ["SplitTestSupport", "SplitPlanners", "SplitCost", "SplitModels", "SplitRandom"]),
        .testTarget(name: "SplitTracesTests", dependencies: ["SplitTraces", "SplitRandom", "SplitTestSupport"]),
        .testTarget(name: "SplitSessionTests", dependencies: ["SplitSession", "SplitModels", "SplitJSON", "SplitRandom"]),
        .testTarget(
            name: "SplitControlTests",
            dependencies: ["SplitTestSupport", "SplitControl", "SplitPlanners", "SplitCost", "SplitModels", "SplitSession", "SplitJSON"]
        ),
        .testTarget(
            name: "SplitSimulatorTests",
            dependencies: ["SplitTestSupport", "SplitSimulator", "SplitSession", "SplitTraces", "SplitModels", "SplitPlanners", "SplitCost"]
        ),
        .testTarget(name: "SplitTerminalTests", dependencies: ["SplitTerminal"], exclude: ["Golden"]),
        .testTarget(
            name: "SplitDashboardTests",
            dependencies: ["SplitTestSupport", "SplitDashboard", "SplitTerminal", "SplitSession", "SplitModels", "SplitPlanners"],
            exclude: ["Golden"]
        ),
        .testTarget(
            name: "SplitCommandsTests",
            dependencies: ["SplitCommands", "SplitTestSupport", "SplitModels", "SplitRandom"],
            resources: []
        ),
    ]
)
