// swift-tools-version:6.0
import PackageDescription

// Direct type-metadata accessors (`-disable-concrete-type-metadata-mangled-name-accessors`) save
// a few ms at the start of a one-file run; they are passed on the command line by the recommended
// build (README), scripts/install.sh and bench/floor.sh, not here: as `unsafeFlags` they would make
// the ESPD and Screening library products unusable as a dependency of any other package.

let package = Package(
    name: "uea-screen",
    // Built and tested on Linux (Debian) only; macOS is not claimed: nothing here is Linux-only any
    // more (SHA-256 from swift-crypto, libpq opened by its macOS name there), but no CI runs it.
    products: [
        .executable(name: "uea-screen", targets: ["uea-screen"]),
        .library(name: "ESPD", targets: ["ESPD"]),
        .library(name: "DossierModel", targets: ["DossierModel"]),
        .library(name: "RuleData", targets: ["RuleData"]),
        .library(name: "Names", targets: ["Names"]),
        .library(name: "Screening", targets: ["Screening"]),
        .library(name: "EForms", targets: ["EForms"]),
        .library(name: "Transparency", targets: ["Transparency"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        // Hand-edited tender, bidder and rule files are YAML.
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        // Report templates in templates/ that a lawyer can edit.
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.0.0"),
        // SHA-256 now; Ed25519 signatures, X25519 and AEADs for the store next (issues 27, 29).
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.0"),
    ],
    targets: [
        // libxml2 through pkg-config; only SafeXML imports it.
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"]), .brew(["libxml2"])]
        ),
        // libxml2's SAX2 events recorded into a compact element tree (C; used by SafeXML only).
        .target(name: "CXMLTree", dependencies: ["CLibXML2"]),
        // The one module that owns libxml2 pointers.
        .target(name: "SafeXML", dependencies: ["CXMLTree", "CLibXML2"]),
        // Small value types every layer shares (identifiers, text safe to print, where installed data is); no dependencies.
        .target(name: "Basics"),
        // XML -> normalised ESPD model, one reader per generation.
        .target(name: "ESPD", dependencies: ["Basics", "SafeXML"]),
        // What a dossier is: findings, sources, review decisions, canonical JSON, hashes, atomic files.
        .target(name: "DossierModel", dependencies: ["Basics", .product(name: "Crypto", package: "swift-crypto")]),
        // The rule data of checklists/, each value with its source, and the YAML and CSV readers.
        .target(name: "RuleData", dependencies: ["Basics", "ESPD", "DossierModel", .product(name: "Yams", package: "Yams")]),
        // RFC 6962 Merkle trees, C2SP signed notes, checkpoints and tlog proofs (Ed25519 from swift-crypto).
        .target(name: "Transparency", dependencies: ["CTimestamp", .product(name: "Crypto", package: "swift-crypto")]),
        // RFC 3161 time stamps through OpenSSL's TS functions; libcrypto is opened with dlopen on
        // first use (headers from libssl-dev at build time), so no other command loads it.
        .target(name: "CTimestamp"),
        // The age file format (c2sp.org/age) with X25519 recipients, for bundles an auditor opens with `age`.
        .target(name: "AgeEncryption", dependencies: [.product(name: "Crypto", package: "swift-crypto")]),
        // eForms notices (the tender context as published), read with the SDK's XPaths of checklists/eforms.yaml.
        .target(name: "EForms", dependencies: ["Basics", "SafeXML", "ESPD", "DossierModel", "RuleData"]),
        // Names and places: one normaliser, the matcher, transliteration, sanctions lists and their index.
        .target(name: "Names", dependencies: ["Basics", "ESPD", "SafeXML", "DossierModel", "RuleData"]),
        // Bidder inputs and the checks that make findings; the screener and batch screening.
        .target(
            name: "Screening",
            dependencies: ["Basics", "ESPD", "SafeXML", "DossierModel", "RuleData", "Names", "EForms"]
        ),
        // Readable reports of a dossier from the Mustache templates in templates/.
        .target(
            name: "Reports",
            dependencies: [
                "Basics", "DossierModel", "RuleData", "Screening", "ESPD", .product(name: "Mustache", package: "swift-mustache"),
            ]
        ),
        // The system SQLite for the embedded dossier store.
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
        // libpq's header for the PostgreSQL team store; the library is dlopen'ed on first use
        // (no pkgConfig: its -lpq would load libpq and a dozen dependencies on every start).
        .systemLibrary(name: "CLibPQ", providers: [.apt(["libpq-dev"])]),
        // Append-only, hash-chained dossier store (SQLite embedded, PostgreSQL for teams).
        // Depends on the dossier model only (no XML parser): reports and name matching come in from the caller.
        // Sealed source files: ChaCha20-Poly1305 from swift-crypto.
        .target(
            name: "DossierStore",
            dependencies: [
                "Basics", "DossierModel", "Transparency", "AgeEncryption", "CSQLite", "CLibPQ",
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // Thin command-line adapter.
        .executableTarget(
            name: "uea-screen",
            dependencies: [
                "Basics", "SafeXML", "ESPD", "DossierModel", "RuleData", "Names", "Screening", "Reports", "DossierStore", "Transparency",
                "EForms",
                "AgeEncryption",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // libFuzzer targets (fuzz/run.sh builds them with --sanitize fuzzer,address); libFuzzer supplies main.
        .executableTarget(name: "fuzz-espd", dependencies: ["ESPD"], swiftSettings: [.unsafeFlags(["-parse-as-library"])]),
        .executableTarget(
            name: "fuzz-inputs", dependencies: ["Screening", "DossierModel", "RuleData", "Names"],
            swiftSettings: [.unsafeFlags(["-parse-as-library"])]),
        // Library-level benchmarks (bench/README.md).
        .executableTarget(
            name: "uea-bench", dependencies: ["Screening", "DossierModel", "RuleData", "Names", .product(name: "Yams", package: "Yams")]),
        // Paths to the repository and ../shared, manifest reading, running commands.
        .target(name: "TestSupport", dependencies: ["CLibXML2"], path: "Tests/TestSupport"),
        .testTarget(name: "BasicsTests", dependencies: ["Basics", "TestSupport"]),
        .testTarget(name: "SafeXMLTests", dependencies: ["SafeXML", "CLibXML2", "CXMLTree", "TestSupport"], exclude: ["Hostile"]),
        .testTarget(name: "ESPDTests", dependencies: ["Basics", "ESPD", "DossierModel", "TestSupport"], exclude: ["Hostile"]),
        .testTarget(
            name: "ScreeningTests",
            dependencies: ["Basics", "Screening", "DossierModel", "RuleData", "Names", "Reports", "EForms", "TestSupport"]),
        .testTarget(
            name: "DossierStoreTests",
            dependencies: ["DossierStore", "DossierModel", "RuleData", "Names", "Screening", "Reports", "Transparency", "TestSupport"]),
        .testTarget(
            name: "NamesTests", dependencies: ["Names", "RuleData", "DossierModel", "Basics", "TestSupport"], exclude: ["NAME-PAIRS.md"]),
        .testTarget(name: "RuleDataTests", dependencies: ["RuleData", "DossierModel", "TestSupport"]),
        .testTarget(name: "DossierModelTests", dependencies: ["DossierModel", "TestSupport"]),
        .testTarget(name: "EFormsTests", dependencies: ["EForms", "DossierModel", "RuleData", "SafeXML", "TestSupport"]),
        .testTarget(name: "TransparencyTests", dependencies: ["Transparency", "TestSupport"]),
        .testTarget(name: "AgeEncryptionTests", dependencies: ["AgeEncryption", "TestSupport"]),
        .testTarget(name: "EndToEndTests", dependencies: ["TestSupport"], exclude: ["Independent"]),
    ]
)
