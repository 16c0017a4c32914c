// swift-tools-version:6.0
// A package that uses uea-screen's ESPD library product, as another team's tool would: CI builds
// it (`.ci/run`) so that the library products stay usable as dependencies (no unsafe flags, no
// test helpers, no path assumptions).
import PackageDescription

let package = Package(
    name: "DependentPackage",
    dependencies: [.package(name: "uea-screen", path: "../..")],
    targets: [
        .executableTarget(
            name: "read-espd",
            dependencies: [
                .product(name: "ESPD", package: "uea-screen"),
                .product(name: "DossierModel", package: "uea-screen"),
            ]
        )
    ]
)
