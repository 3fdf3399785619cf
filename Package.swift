// swift-tools-version:6.0
import PackageDescription

// Language mode 5: the worker pool shares immutable inputs across threads by hand; Swift 6's
// strict checking would demand @unchecked Sendable wrappers everywhere for no extra safety.
let v5: [SwiftSetting] = [.swiftLanguageMode(.v5)]

let package = Package(
    name: "dacost",
    products: [
        .executable(name: "dacost", targets: ["dacost"]),
        .library(name: "DACost", targets: ["DACost"]),
        .library(name: "DACostRPC", targets: ["DACostRPC"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "5.0.1"),
    ],
    targets: [
        .systemLibrary(name: "CZlib", path: "Sources/CZlib", pkgConfig: "zlib",
                       providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(name: "CBrotli", path: "Sources/CBrotli", pkgConfig: "libbrotlienc",
                       providers: [.apt(["libbrotli-dev"])]),
        .systemLibrary(name: "CZstd", path: "Sources/CZstd", pkgConfig: "libzstd",
                       providers: [.apt(["libzstd-dev"])]),
        .systemLibrary(name: "CCurl", path: "Sources/CCurl", pkgConfig: "libcurl",
                       providers: [.apt(["libcurl4-openssl-dev"])]),
        // Four Keccak permutations at once with AVX2, chosen at run time (see keccak_x4.c for why C).
        .target(name: "CKeccak", path: "Sources/CKeccak"),
        // Eight Monte Carlo paths' blob-market blocks at once with AVX-512, chosen at run time (see blob_lanes.c).
        .target(name: "CBlobLanes", path: "Sources/CBlobLanes"),
        .target(name: "DACost", dependencies: ["CZlib", "CBrotli", "CZstd", "CKeccak", "CBlobLanes", "Yams"],
                swiftSettings: v5),
        .target(name: "DACostRPC", dependencies: ["DACost", "CCurl"], swiftSettings: v5),
        .executableTarget(
            name: "dacost",
            dependencies: ["DACost", "DACostRPC", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            swiftSettings: v5),
        // A JSON-RPC node on 127.0.0.1 with fault injection, for the fetch tests and benchmark.
        .target(name: "LoopbackNode", dependencies: ["DACost"], swiftSettings: v5),
        .executableTarget(name: "dacost-bench", dependencies: ["DACost", "DACostRPC", "LoopbackNode"], swiftSettings: v5),
        .testTarget(name: "DACostTests", dependencies: ["DACost"],
                    resources: [.copy("Vectors")], swiftSettings: v5),
        .testTarget(name: "DACostRPCTests", dependencies: ["DACostRPC", "DACost", "LoopbackNode"], swiftSettings: v5),
        .testTarget(name: "dacostCLITests", dependencies: ["dacost", "DACost", "LoopbackNode"], swiftSettings: v5),
    ]
)
