// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "uea-screen",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "uea-screen", targets: ["uea-screen"]),
        .library(name: "ESPD", targets: ["ESPD"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // libxml2 through pkg-config; only SafeXML imports it.
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"]), .brew(["libxml2"])]
        ),
        // The one module that owns libxml2 pointers.
        .target(name: "SafeXML", dependencies: ["CLibXML2"]),
        // XML -> normalised ESPD model, one reader per generation.
        .target(name: "ESPD", dependencies: ["SafeXML"]),
        // Thin command-line adapter.
        .executableTarget(
            name: "uea-screen",
            dependencies: [
                "ESPD",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Paths to the repository and ../shared, manifest reading, running commands.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "SafeXMLTests", dependencies: ["SafeXML", "TestSupport"], exclude: ["Hostile"]),
        .testTarget(name: "ESPDTests", dependencies: ["ESPD", "TestSupport"]),
        .testTarget(name: "EndToEndTests", dependencies: ["TestSupport"]),
    ]
)
