// SHA-256 from the system's libcrypto (OpenSSL): no package to compile.
#ifndef UEA_CCRYPTO_SHIM_H
#define UEA_CCRYPTO_SHIM_H
// SHA256_Init/Update/Final run the (SHA-NI/AVX2-dispatched) block function directly. EVP_Digest
// and, in OpenSSL 3, the one-shot SHA256() fetch the algorithm from a provider on every call and
// load the configuration on the first: ~5 M instructions before the first byte is hashed, more
// than hashing the 16 kB of rule data it was called for. Deprecated in OpenSSL 3, not removed.
#define OPENSSL_SUPPRESS_DEPRECATED
#include <openssl/sha.h>

/// Writes the 32-byte SHA-256 of `data` to `digest`; returns 1 on success.
static inline int uea_sha256(const void *data, size_t length, unsigned char *digest) {
    SHA256_CTX context;
    return SHA256_Init(&context) && SHA256_Update(&context, data, length) && SHA256_Final(digest, &context);
}
#endif
