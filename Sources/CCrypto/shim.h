// SHA-256 from the system's libcrypto (OpenSSL 3): no package to compile. Only the header is used
// at build time; the library is opened with dlopen when the command line starts (SHA256.unavailable),
// so a missing library is one clear line, and no link-time dependency loads OpenSSL's dozen
// initialisers before main.
#ifndef UEA_CCRYPTO_SHIM_H
#define UEA_CCRYPTO_SHIM_H
#include <dlfcn.h>
#include <stddef.h>
#include <openssl/evp.h>

typedef struct uea_sha256_api {
    __typeof__(&EVP_MD_fetch) fetch;
    __typeof__(&EVP_Digest) digest;
    /// SHA-256 fetched from the default provider once; an EVP_MD is immutable and may be shared by threads.
    EVP_MD *md;
} uea_sha256_api;

/// Opens libcrypto, fetches SHA-256 and fills `api`. Returns NULL on success, otherwise what went wrong.
static inline const char *uea_sha256_load(uea_sha256_api *api) {
    void *handle = dlopen("libcrypto.so.3", RTLD_NOW | RTLD_LOCAL);
    if (handle == NULL) return dlerror();
    api->fetch = (__typeof__(&EVP_MD_fetch))dlsym(handle, "EVP_MD_fetch");
    api->digest = (__typeof__(&EVP_Digest))dlsym(handle, "EVP_Digest");
    if (api->fetch == NULL || api->digest == NULL) return "libcrypto.so.3 lacks EVP_MD_fetch/EVP_Digest";
    api->md = api->fetch(NULL, "SHA256", NULL);
    return api->md != NULL ? NULL : "libcrypto.so.3 offers no SHA-256 (default provider not loaded)";
}

/// Writes the 32-byte SHA-256 of `data` to `digest`; returns 1 on success.
static inline int uea_sha256(const uea_sha256_api *api, const void *data, size_t length, unsigned char *digest) {
    unsigned int size = 0;
    return api->digest(data, length, digest, &size, api->md, NULL) == 1 && size == 32;
}
#endif
