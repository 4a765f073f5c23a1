import CCrypto

/// SHA-256, streaming, by OpenSSL's libcrypto (with the CPU's SHA instructions where it has
/// them: several times faster than hashing in Swift, a twentieth of a first crawl's CPU before).
/// Content hashes must resist crafted collisions: a file made to collide with a vanished one
/// would otherwise inherit its text as a "move".
final class SHA256 {
    private let context: OpaquePointer

    init() {
        // Only fails without memory, as allocation does elsewhere.
        context = EVP_MD_CTX_new()!
        precondition(EVP_DigestInit_ex(context, EVP_sha256(), nil) == 1, "libcrypto has no SHA-256")
    }

    deinit { EVP_MD_CTX_free(context) }

    func update(_ bytes: UnsafeRawBufferPointer) {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return }
        precondition(EVP_DigestUpdate(context, base, bytes.count) == 1, "SHA-256 update failed")
    }

    func update(_ bytes: [UInt8]) { bytes.withUnsafeBytes { update($0) } }

    /// The digest; the hasher is spent after this.
    func finish() -> [UInt8] {
        var digest = [UInt8](repeating: 0, count: 32)
        var length: UInt32 = 0
        precondition(EVP_DigestFinal_ex(context, &digest, &length) == 1 && length == 32, "SHA-256 final failed")
        return digest
    }
}
