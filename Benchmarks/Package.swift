// swift-tools-version:6.1
// The benchmark suite of summarize: its own package, so the benchmark
// dependency never reaches users of SummarizeKit. Run it with ../scripts/bench.sh
// or `swift package --allow-writing-to-package-directory benchmark` in this folder.
import Foundation
import PackageDescription

// A path dependency's identity is the name of its folder, which is whatever the checkout
// was cloned into ("summarize", "main", ...), so derive it instead of hard-coding it.
let summarizePackage = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().standardizedFileURL.lastPathComponent

let package = Package(
    name: "SummarizeBenchmarks",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(path: "../"),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        // libstemmer, for the English stemmer comparison (`stem/…` benchmarks).
        .systemLibrary(name: "CSnowball", path: "Benchmarks/CSnowball", providers: [.apt(["libstemmer-dev"])]),
        .executableTarget(
            name: "SummarizeBenchmarks",
            dependencies: [
                .product(name: "SummarizeKit", package: summarizePackage),
                .product(name: "Benchmark", package: "benchmark"),
                "CSnowball",
            ],
            path: "Benchmarks/SummarizeBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ]
)
