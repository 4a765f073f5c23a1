// swift-tools-version: 6.0
// One target per pipeline stage; dependencies point downward only (see ARCHITECTURE.md).
import PackageDescription

let strict: [SwiftSetting] = [.unsafeFlags(["-warnings-as-errors"]),
                              .unsafeFlags(["-cross-module-optimization"], .when(configuration: .release))]

let package = Package(
    name: "hdrive",
    products: [
        .executable(name: "hdrive", targets: ["hdrive"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        // C libraries, each behind a shim imported only by the module that wraps it.
        .systemLibrary(name: "CMagic", pkgConfig: "libmagic", providers: [.apt(["libmagic-dev"])]),
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(name: "CSQLite3", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
        .systemLibrary(name: "CZstd", pkgConfig: "libzstd", providers: [.apt(["libzstd-dev"])]),
        .systemLibrary(name: "CCrypto", pkgConfig: "libcrypto", providers: [.apt(["libssl-dev"])]),
        // Snowball stemmers; Debian ships no pkg-config file for them.
        .systemLibrary(name: "CStemmer", providers: [.apt(["libstemmer-dev"])]),

        .target(name: "HDriveCore", swiftSettings: strict),
        .target(name: "HDriveExtract",
                dependencies: ["HDriveCore", "CMagic", "CLibXML2", "CZlib"],
                swiftSettings: strict),
        .target(name: "HDriveText", dependencies: ["HDriveCore", "CStemmer"], swiftSettings: strict),
        .target(name: "HDriveIndex",
                dependencies: ["HDriveCore", "HDriveText", "CSQLite3", "CZlib", "CZstd"],
                swiftSettings: strict),
        .target(name: "HDriveSearch",
                dependencies: ["HDriveCore", "HDriveText", "HDriveIndex"],
                swiftSettings: strict),
        .target(name: "HDriveCrawl",
                dependencies: ["HDriveCore", "HDriveExtract", "HDriveIndex", "CCrypto",
                               .product(name: "Logging", package: "swift-log")],
                swiftSettings: strict),
        .target(name: "HDriveServer",
                dependencies: ["HDriveCore", "HDriveIndex", "HDriveSearch",
                               .product(name: "Hummingbird", package: "hummingbird"),
                               .product(name: "Logging", package: "swift-log")],
                swiftSettings: strict),
        .target(name: "HDriveDaemon",
                dependencies: ["HDriveCore", "HDriveExtract", "HDriveIndex", "HDriveSearch",
                               "HDriveCrawl", "HDriveServer",
                               .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                               .product(name: "Logging", package: "swift-log"),
                               .product(name: "Yams", package: "Yams")],
                swiftSettings: strict),
        .executableTarget(name: "hdrive",
                          dependencies: ["HDriveCore", "HDriveDaemon", "HDriveExtract", "HDriveIndex",
                                         "HDriveSearch", "HDriveCrawl",
                                         .product(name: "ArgumentParser", package: "swift-argument-parser"),
                                         .product(name: "Logging", package: "swift-log")],
                          swiftSettings: strict),

        // Extraction throughput against the inflate-plus-libxml2 floor (`make bench-extract`).
        .executableTarget(name: "hdrive-bench", dependencies: ["HDriveCore", "HDriveExtract"], swiftSettings: strict),

        .testTarget(name: "HDriveExtractTests", dependencies: ["HDriveCore", "HDriveExtract", "CZlib"],
                    resources: [.copy("Fixtures")]),
        .testTarget(name: "HDriveTextTests", dependencies: ["HDriveText"]),
        .testTarget(name: "HDriveIndexTests", dependencies: ["HDriveCore", "HDriveText", "HDriveIndex", "CZlib"]),
        .testTarget(name: "HDriveSearchTests",
                    dependencies: ["HDriveCore", "HDriveText", "HDriveIndex", "HDriveSearch"]),
        .testTarget(name: "HDriveCrawlTests",
                    dependencies: ["HDriveCore", "HDriveExtract", "HDriveIndex", "HDriveCrawl", "hdrive",
                                   .product(name: "Logging", package: "swift-log")]),
        .testTarget(name: "HDriveDaemonTests", dependencies: ["HDriveDaemon", "HDriveCrawl", "HDriveIndex"]),
        .testTarget(name: "EndToEndTests", dependencies: ["hdrive"], resources: [.copy("Fixtures")]),
    ],
    swiftLanguageModes: [.v6]
)
