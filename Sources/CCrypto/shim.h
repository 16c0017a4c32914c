// SHA-256 from the system's libcrypto (OpenSSL): no package to compile.
#ifndef UEA_CCRYPTO_SHIM_H
#define UEA_CCRYPTO_SHIM_H
#include <openssl/evp.h>

/// Writes the 32-byte SHA-256 of `data` to `digest`; returns 1 on success.
static inline int uea_sha256(const void *data, size_t length, unsigned char *digest) {
    unsigned int size = 0;
    return EVP_Digest(data, length, digest, &size, EVP_sha256(), NULL);
}
#endif
