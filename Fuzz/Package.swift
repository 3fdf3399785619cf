// swift-tools-version:6.0
// libFuzzer harnesses for dacost's parsers, built apart from the main package: they link libFuzzer
// (`-sanitize=fuzzer,address`), which a normal build must not. Run them with `scripts/fuzz.sh`.
import PackageDescription

let package = Package(
    name: "dacost-fuzz",
    dependencies: [.package(name: "dacost", path: "..")],
    targets: [
        // Declares libFuzzer's LLVMFuzzerRunDriver: SwiftPM links an executable through `<module>_main`,
        // so the harness's main.swift starts libFuzzer itself rather than exporting a bare entry point.
        .target(name: "CFuzzDriver", path: "Sources/CFuzzDriver"),
        .executableTarget(name: "dacost-fuzz",
                          dependencies: [.product(name: "DACost", package: "dacost"), .product(name: "DACostRPC", package: "dacost"), "CFuzzDriver"],
                          swiftSettings: [.swiftLanguageMode(.v5)]),
    ]
)
