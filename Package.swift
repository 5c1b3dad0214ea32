// swift-tools-version:6.0
import PackageDescription

/// splitscope: a runtime and terminal dashboard for collaborative (split) DNN inference.
///
/// Targets depend one way: JSON ← Models ← Cost ← Planners ← Commands; Traces stands beside
/// Models. Planners and the cost model do no I/O. SplitTerminal (cells, widgets, themes and the
/// ncurses backend, through the CNcursesw system library) depends on no other splitscope target.
let package = Package(
    name: "splitscope",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "splitscope", targets: ["splitscope"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        .target(name: "SplitJSON"),
        .target(name: "SplitModels", dependencies: ["SplitJSON"]),
        .target(name: "SplitCost", dependencies: ["SplitModels"]),
        .target(name: "SplitPlanners", dependencies: ["SplitModels", "SplitCost"]),
        .target(name: "SplitTraces"),
        .systemLibrary(name: "CNcursesw", path: "Sources/CNcursesw"),
        .target(name: "SplitTerminal", dependencies: ["CNcursesw"]),
        .target(
            name: "SplitCommands",
            dependencies: [
                "SplitJSON", "SplitModels", "SplitCost", "SplitPlanners", "SplitTraces",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "splitscope", dependencies: ["SplitCommands"]),

        .testTarget(name: "SplitJSONTests", dependencies: ["SplitJSON"]),
        .testTarget(name: "SplitModelsTests", dependencies: ["SplitModels"]),
        .testTarget(name: "SplitCostTests", dependencies: ["SplitCost", "SplitModels"]),
        .testTarget(name: "SplitPlannersTests", dependencies: ["SplitPlanners", "SplitCost", "SplitModels"]),
        .testTarget(name: "SplitTracesTests", dependencies: ["SplitTraces"]),
        .testTarget(name: "SplitTerminalTests", dependencies: ["SplitTerminal"], exclude: ["Golden"]),
        .testTarget(
            name: "SplitCommandsTests",
            dependencies: ["SplitCommands"],
            resources: []
        ),
    ]
)
