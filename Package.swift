// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "summarize",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "SummarizeKit", targets: ["SummarizeKit"]),
        .library(name: "SummarizeEvaluation", targets: ["SummarizeEvaluation"]),
        .executable(name: "summarize", targets: ["SummarizeCLI"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.0.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CUTF8Proc",
            pkgConfig: "libutf8proc",
            providers: [.apt(["libutf8proc-dev"]), .brew(["utf8proc"])]
        ),
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"]), .brew(["libxml2"])]
        ),
        .systemLibrary(
            name: "CStemmer",
            providers: [.apt(["libstemmer-dev"]), .brew(["snowball"])]
        ),
        .systemLibrary(
            name: "CZlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        .target(
            name: "SummarizeKit",
            dependencies: ["CUTF8Proc", "CLibXML2", "CStemmer"]
        ),
        .target(
            name: "SummarizeEvaluation",
            dependencies: ["SummarizeKit"]
        ),
        .executableTarget(
            name: "SummarizeCLI",
            dependencies: [
                "SummarizeKit",
                "SummarizeEvaluation",
                "CZlib",
                "SummarizeServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .target(
            name: "SummarizeServer",
            dependencies: [
                "SummarizeKit",
                .product(name: "Hummingbird", package: "hummingbird"),
            ]
        ),
        .testTarget(
            name: "SummarizeKitTests",
            dependencies: ["SummarizeKit", "SummarizeEvaluation"]
        ),
        .testTarget(
            name: "SummarizeCLITests",
            dependencies: ["SummarizeCLI"]
        ),
        .testTarget(
            name: "SummarizeServerTests",
            dependencies: [
                "SummarizeServer",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]
        ),
    ]
)

// The libFuzzer target (scripts/fuzz.sh) exists only when SUMMARIZE_FUZZ is set: it has no
// `main` of its own (its entry point starts libFuzzer's driver), so only a `-sanitize=fuzzer` build links it.
if Context.environment["SUMMARIZE_FUZZ"] != nil {
    package.targets.append(.executableTarget(name: "SummarizeFuzz", dependencies: ["SummarizeKit", "SummarizeServer"]))
    package.products.append(.executable(name: "SummarizeFuzz", targets: ["SummarizeFuzz"]))
}
